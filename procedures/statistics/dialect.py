"""Days between two dates, the one SQL function that differs between SQLite and PostgreSQL, and medians
computed the same way on both.

A median is taken from counts per value (``GROUP BY value``: a hash aggregate, no sort of every
row), not with ``percentile_cont``, which sorts all the values of each group and of the total and
took most of a page's time at a million requests (issue 7). The figure is the same: the middle value,
or the average of the two middle ones.
"""
from collections import Counter

import sqlalchemy as sa

from portal.extensions import db


def days_between(first, last):
    """Whole days from ``first`` to ``last`` (dates) as an SQL expression."""
    if db.engine.dialect.name == "postgresql":
        return last - first  # date - date is an integer in PostgreSQL
    return sa.cast(sa.func.julianday(last) - sa.func.julianday(first), sa.Integer)


def median(counts):
    """The median of the values counted in ``counts`` (``{value: how many}``, NULL left out);
    ``None`` if there is none. Same as ``percentile_cont(0.5)``."""
    values = sorted((value, n) for value, n in counts.items() if value is not None and n)
    size = sum(n for _, n in values)
    if not size:
        return None
    wanted, found, seen = {(size - 1) // 2, size // 2}, [], 0  # 0-based ranks of the middle value(s)
    for value, n in values:
        found += [value] * len({rank for rank in wanted if seen <= rank < seen + n})
        seen += n
    return float(sum(found)) / len(found)


def summarise(rows, group, aggregates, median_of):
    """``{key: {name: value}}`` per value of the column ``group`` of the subquery ``rows``, and under the
    key ``None`` the same over all rows: each of ``aggregates`` (name -> an additive SQL aggregate: a
    count or a sum) and, as ``median_<name>``, the median of each column named in ``median_of`` (NULLs
    left out).

    One query, ``GROUP BY group, *median_of``: each line counts the rows of a group that share these
    values, so the sums per group and in total and the medians are added up here from few lines
    (a group times the distinct values of the median columns, not a line per request).
    """
    g, columns = rows.c[group], [rows.c[name] for name in median_of]
    stmt = sa.select(g, *columns, sa.func.count(), *aggregates.values()).group_by(g, *columns)
    totals, counts = {None: Counter()}, {None: [Counter() for _ in median_of]}
    for key, *found in db.session.execute(stmt):
        values, (n, *sums) = found[:len(columns)], found[len(columns):]
        for target in (key, None):
            totals.setdefault(target, Counter()).update(dict(zip(aggregates, (s or 0 for s in sums), strict=True)))
            for position, value in enumerate(values):
                counts.setdefault(target, [Counter() for _ in median_of])[position][value] += n
    return {key: {**{name: totals[key][name] for name in aggregates},
                  **{f"median_{name}": median(c) for name, c in zip(median_of, counts[key], strict=True)}}
            for key in totals}


def medians(rows, values, group):
    """``{key: (median of each of values)}`` per group and (key ``None``) over all rows."""
    found = summarise(rows, group, {}, values)
    return {key: tuple(item[f"median_{v}"] for v in values) for key, item in found.items()
            if any(item[f"median_{v}"] is not None for v in values) or key is None}
