"""Complementary suppression: a withheld figure must not be derivable from the figures shown.

A table shows a total and its rows. When one row's count is withheld (fewer than 5) and the total
is shown, subtracting the shown rows from the total gives it back. So more counts of the column
are withheld, the smallest shown first, until every small one could still be any of at least two
values, whatever the reader knows: that a small count is 0 to 4 (1 to 4 where zero is shown),
that a count withheld to protect it is at least 5 and no larger than any count still shown.
Those are marked "withheld", not "fewer than 5" (which would be untrue). Applied to every count
column of every table, deadline figures and report counts alike, so HTML, JSON and CSV, which
read the same cells, agree.
"""
SMALL = 5


def _determined(values, small, withheld, rest, lowest):
    """Whether some small count is the only value compatible with the shown ones and the total."""
    hidden = small | withheld
    if not small:
        return False
    ceiling = min((values[index] for index in range(len(values)) if index not in hidden), default=None)
    bounds = {index: (lowest, SMALL - 1) for index in small}
    bounds.update({index: (SMALL, ceiling if ceiling is not None else rest) for index in withheld})
    for index in small:
        others = [bounds[other] for other in hidden if other != index]
        low = max(bounds[index][0], rest - sum(high for _low, high in others))
        high = min(bounds[index][1], rest - sum(low for low, _high in others))
        if low >= high:
            return True
    return False


def complement_counts(values, small, total_hidden, lowest=0):
    """``(indexes, total)``: the counts to withhold besides the small ones (``small``: their
    indexes), and whether the total must be withheld too (when even every row hidden would not do).

    ``values``: every row's count; ``lowest``: the smallest count that is withheld as small
    (1 when zero is shown). The total is their sum."""
    small, withheld = set(small), set()
    if total_hidden or not small:
        return withheld, False
    rest = sum(values) - sum(values[index] for index in range(len(values)) if index not in small)
    while _determined(values, small, withheld, rest, lowest):
        shown = [index for index in range(len(values)) if index not in small | withheld]
        if not shown:
            return withheld, True  # every row is hidden and the total still tells: it goes too
        chosen = min(shown, key=lambda index: (values[index], index))
        withheld.add(chosen)
        rest += values[chosen]
    return withheld, False
