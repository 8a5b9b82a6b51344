"""The two SQL functions that differ between SQLite and PostgreSQL: days between two dates, and the median."""
import sqlalchemy as sa

from portal.extensions import db


def days_between(first, last):
    """Whole days from ``first`` to ``last`` (dates) as an SQL expression."""
    if db.engine.dialect.name == "postgresql":
        return last - first  # date - date is an integer in PostgreSQL
    return sa.cast(sa.func.julianday(last) - sa.func.julianday(first), sa.Integer)


def medians(rows, values, group):
    """``{key: (median of each of values)}`` per value of ``group`` over the subquery ``rows``,
    and under the key ``None`` the medians over all rows. NULL values are left out.

    PostgreSQL: ``percentile_cont(0.5)``, every group and the total in one pass (grouping sets).
    SQLite has no ordered-set aggregate: window functions number the values of each group and
    the median is the average of the middle one or two — the same figure as percentile_cont.
    """
    g = rows.c[group]
    if db.engine.dialect.name == "postgresql":
        stmt = (sa.select(g, sa.func.grouping(g), *[sa.func.percentile_cont(0.5).within_group(rows.c[v])
                                                    for v in values])
                .group_by(sa.func.grouping_sets(sa.tuple_(g), sa.tuple_())))
        return {(None if grouped else key): tuple(_number(m) for m in found)
                for key, grouped, *found in db.session.execute(stmt)}
    result = {}
    for index, name in enumerate(values):
        for partition in (g, None):
            for key, median in _sqlite_medians(rows.c[name], partition, g):
                result.setdefault(key, [None] * len(values))[index] = median
    return {key: tuple(found) for key, found in result.items()}


def _sqlite_medians(v, partition, g):
    over = {"partition_by": partition} if partition is not None else {}
    numbered = (sa.select((g if partition is not None else sa.null()).label("g"), v.label("v"),
                          sa.func.row_number().over(order_by=v, **over).label("n"),
                          sa.func.count().over(**over).label("c"))
                .where(v.is_not(None)).subquery())
    # the middle value (odd count) or the two middle ones (even count): 2n within [c, c + 2]
    middle = (numbered.c.n * 2 >= numbered.c.c) & (numbered.c.n * 2 <= numbered.c.c + 2)
    stmt = sa.select(numbered.c.g, sa.func.avg(numbered.c.v)).where(middle).group_by(numbered.c.g)
    return [(key, _number(median)) for key, median in db.session.execute(stmt)]


def _number(value):
    return None if value is None else float(value)
