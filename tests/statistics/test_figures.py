"""Every statistic against the figures computed by hand on the fixed data set (tests/statistics/dataset.py)."""
from datetime import date

import pytest

from portal.extensions import db
from procedures.catalogue.models import Administration
from procedures.statistics import figures
from procedures.statistics.cache import figures_cache
from procedures.statistics.figures import METRICS, Period
from tests.conftest import TODAY
from tests.statistics import dataset


def shown(row):
    """The figures as computed, small ones hidden (withheld ones: test_suppression.py)."""
    return {metric: None if row.cells[metric].small else row.cells[metric].value for metric in METRICS}


def assert_figures(row, expected):
    found = shown(row)
    for metric in METRICS:
        assert found[metric] == pytest.approx(expected[metric]), (metric, found[metric], expected[metric])


def test_default_period_is_the_last_twelve_months():
    assert Period.default(TODAY) == Period(date(2025, 11, 24), date(2026, 11, 23))
    assert Period.default(date(2028, 2, 29)) == Period(date(2027, 3, 1), date(2028, 2, 29))


def test_by_administration(ctx, requests_data):
    table = figures.table(Period.default(TODAY), TODAY)
    assert [row.code for row in table.rows] == ["communes", "justice"]
    communes, justice = table.rows
    assert_figures(communes, dataset.COMMUNES)
    assert_figures(justice, dataset.JUSTICE)
    assert_figures(table.total, dataset.TOTAL)
    assert communes.name == {"fr": "Communes", "ar": "الجماعات"}


def test_by_procedure(ctx, requests_data):
    communes = db.session.scalar(db.select(Administration).filter_by(code="communes"))
    table = figures.table(Period.default(TODAY), TODAY, communes)
    assert [(row.code, row.slug) for row in table.rows] == [("CT-001", "extrait-acte-naissance"),
                                                            ("CT-002", "permis-de-construire")]
    birth, permit = table.rows
    assert_figures(permit, dataset.PERMIT)
    assert_figures(birth, dataset.BIRTH)
    assert_figures(table.total, dataset.COMMUNES)
    assert permit.name["fr"] == "Permis de construire"  # the latest version's title


def test_a_chosen_period(ctx, requests_data):
    communes = db.session.scalar(db.select(Administration).filter_by(code="communes"))
    table = figures.table(Period(date(2026, 1, 1), date(2026, 6, 30)), TODAY, communes)
    permit = next(row for row in table.rows if row.code == "CT-002")
    assert_figures(permit, dataset.PERMIT_FIRST_HALF)


def test_small_cells_are_hidden_with_their_basis(ctx, requests_data):
    table = figures.table(Period.default(TODAY), TODAY)
    justice = table.rows[1]
    decided = justice.cells["decided"]
    assert decided.hidden and decided.value == 1 and decided.shown is None  # one decision: hidden
    assert justice.cells["median_days"].hidden and justice.cells["median_days"].basis == 1
    refused = justice.cells["implicitly_refused"]  # five, not small; withheld: 5 - 5 would give the communes' 0
    assert not refused.small and refused.withheld and refused.shown is None
    assert justice.cells["within_deadline"].basis == 6 and not justice.cells["within_deadline"].hidden


def test_boundaries_of_the_period_are_included(ctx, requests_data):
    day_one = figures.table(Period(date(2025, 11, 24), date(2025, 11, 24)), TODAY)
    assert day_one.total.cells["filed"].value == 1  # P9
    today = figures.table(Period(TODAY, TODAY), TODAY)
    assert today.total.cells["filed"].value == 1  # P10


def test_an_empty_period(ctx, requests_data):
    table = figures.table(Period(date(2020, 1, 1), date(2020, 12, 31)), TODAY)
    assert table.rows == [] and table.total.cells["filed"].value == 0 and table.total.cells["filed"].hidden


def test_figures_are_cached_until_the_cache_expires(app, ctx, requests_data):
    period = Period.default(TODAY)
    first = figures.table(period, TODAY)
    assert figures.table(period, TODAY) is first
    assert figures.table(Period(period.start, TODAY), date(2026, 11, 24)) is not first  # another day, another key
    app.config["STATISTICS_CACHE_SECONDS"] = 0
    try:
        figures_cache.clear()
        again = figures.table(period, TODAY)
        assert again is not first and figures.table(period, TODAY) is not again  # nothing kept
    finally:
        app.config.pop("STATISTICS_CACHE_SECONDS")


def test_medians_on_both_databases(ctx):
    """The median function alone: odd and even counts, NULLs left out, per group and overall."""
    import sqlalchemy as sa

    from procedures.statistics.dialect import medians
    values = [("a", 1), ("a", 9), ("a", 3), ("b", 2), ("b", 4), ("b", None), ("b", 10), ("b", 7)]
    rows = sa.union_all(*[sa.select(sa.literal(g).label("g"), sa.cast(sa.literal(v), sa.Integer).label("v"))
                          for g, v in values]).subquery()
    found = medians(rows, ("v",), "g")
    assert found == {"a": (3.0,), "b": (5.5,), None: (4.0,)}
