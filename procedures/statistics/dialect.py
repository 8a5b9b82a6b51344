"""The two SQL functions that differ between SQLite and PostgreSQL: days between two dates, and the median."""
import sqlalchemy as sa

from portal.extensions import db


def days_between(first, last):
    """Whole days from ``first`` to ``last`` (dates) as an SQL expression."""
    if db.engine.dialect.name == "postgresql":
        return last - first  # date - date is an integer in PostgreSQL
    return sa.cast(sa.func.julianday(last) - sa.func.julianday(first), sa.Integer)


def summarise(rows, group, aggregates, median_of):
    """``{key: {name: value}}`` per value of ``group`` over the subquery ``rows``, and under the key
    ``None`` the same over all rows: each of ``aggregates`` (name -> SQL aggregate) and the median
    of each column named in ``median_of`` (NULLs left out).

    PostgreSQL: ``percentile_cont(0.5)`` beside the other aggregates, every group and the total in
    one pass (grouping sets). SQLite has no ordered-set aggregate and no grouping sets: one query
    for the groups, one for the total, and window functions number the values of each group; the
    median is the average of the middle one or two — the same figure as percentile_cont.
    """
    g = rows.c[group]
    names = list(aggregates) + [f"median_{name}" for name in median_of]
    if db.engine.dialect.name == "postgresql":
        stmt = (sa.select(g, sa.func.grouping(g), *aggregates.values(),
                          *[sa.func.percentile_cont(0.5).within_group(rows.c[v]) for v in median_of])
                .group_by(sa.func.grouping_sets(sa.tuple_(g), sa.tuple_())))
        return {(None if grouped else key): dict(zip(names, map(_number, found), strict=True))
                for key, grouped, *found in db.session.execute(stmt)}
    every = {"_rows": sa.func.count(), **aggregates}
    result = {key: dict(zip(every, map(_number, found), strict=True))
              for key, *found in db.session.execute(sa.select(g, *every.values()).group_by(g))}
    total = db.session.execute(sa.select(*every.values()).select_from(rows)).one()
    result[None] = dict(zip(every, map(_number, total), strict=True))
    for name in median_of:
        for partition in (g, None):
            for key, median in _sqlite_medians(rows.c[name], partition, g):
                result[key][f"median_{name}"] = median
    for found in result.values():
        found.pop("_rows")
        for name in median_of:
            found.setdefault(f"median_{name}", None)
    return result


def medians(rows, values, group):
    """``{key: (median of each of values)}`` per group and (key ``None``) over all rows."""
    found = summarise(rows, group, {}, values)
    return {key: tuple(item[f"median_{v}"] for v in values) for key, item in found.items()
            if any(item[f"median_{v}"] is not None for v in values) or key is None}


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
