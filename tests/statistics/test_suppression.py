"""Small-cell suppression that subtraction cannot undo (issue 14, item 9).

The attack: the API showed a total of 47 requests and 44 for the communes while the one other
administration was hidden as "fewer than 5": 47 - 44 = 3. Whatever the table, a reader who knows
the rule (a small count is 0 to 4, a count withheld to protect it is at least 5 and no larger than
any count shown) must find at least two possible values for every small count."""
import csv
import io
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from procedures.statistics.figures import COUNTS
from procedures.statistics.suppression import SMALL, complement_counts
from tests.statistics import dataset


def sums(ranges, limit):
    """Every sum, up to ``limit``, of one value taken from each range."""
    reached = {0}
    for values in ranges:
        reached = {total + value for total in reached for value in values if total + value <= limit}
    return reached


def possible_values(total, shown, small, withheld, lowest=0):
    """Every value each small count can take, given what a reader sees (exhaustively)."""
    ceiling = min(shown, default=total)
    rest = total - sum(shown)
    ranges = [range(lowest, SMALL)] * small + [range(SMALL, ceiling + 1)] * withheld
    others = sums(ranges[1:], rest)  # the small counts are alike: one stands for all
    return [{value for value in ranges[0] if rest - value in others}] * small


def assert_nothing_derivable(total, cells, lowest=0):
    """``cells``: ``(value or None, small, withheld)`` per row of one column whose total is shown."""
    shown = [value for value, small, withheld in cells if not small and not withheld]
    small = sum(1 for _value, is_small, _withheld in cells if is_small)
    withheld = sum(1 for _value, _small, is_withheld in cells if is_withheld)
    if not small:
        return
    for values in possible_values(total, shown, small, withheld, lowest):
        assert len(values) >= 2, f"a small count can be derived: {cells}, total {total}"


@settings(max_examples=400, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=7))
@example([0, 5]).via("a zero and one count: even both hidden, the total tells")
@example([3, 44]).via("the attack")
@example([4, 5, 5])
def test_no_table_lets_a_small_count_be_derived(values):
    small = [index for index, value in enumerate(values) if value < SMALL]
    total = sum(values)
    withheld, total_withheld = complement_counts(values, small, total_hidden=total < SMALL)
    if total < SMALL or total_withheld:
        return  # the total is not shown: nothing to subtract from
    cells = [(None if index in small or index in withheld else value, index in small, index in withheld)
             for index, value in enumerate(values)]
    assert_nothing_derivable(total, cells)


def the_attack():
    """44 building permits for the communes, 3 criminal records for justice: 47 in all."""
    permits = [(f"P{i}", "CT-002", f"2026-0{1 + i % 9}-1{i % 10}", "open", "2026-12-30", []) for i in range(44)]
    records = [(f"J{i}", "NAT-JUS-01", f"2026-0{i + 1}-15", "open", "2026-12-30", []) for i in range(3)]
    return permits + records


@pytest.fixture
def attacked(app, monkeypatch):
    monkeypatch.setattr(dataset, "REQUESTS", the_attack())
    with app.app_context():
        dataset.build()


def check_json_table(figures):
    for metric in COUNTS:
        total = figures["total"][metric]
        if total["value"] is None:
            continue
        assert_nothing_derivable(total["value"], [
            (row["figures"][metric]["value"], row["figures"][metric]["fewer_than_5"],
             row["figures"][metric]["withheld"]) for row in figures["rows"]])
    reports = figures["reports"]
    if reports["total"]["value"]:
        assert_nothing_derivable(reports["total"]["value"], [
            (row["reports"]["value"], row["reports"]["fewer_than_5"], row["reports"]["withheld"])
            for row in reports["rows"]], lowest=1)


def test_the_total_minus_the_communes_no_longer_gives_justice(client, attacked, lang):
    figures = client.get("/api/v1/statistics").get_json()
    assert figures["total"]["filed"]["value"] == 47
    justice, = [row for row in figures["rows"] if row["administration"] == "justice"]
    communes, = [row for row in figures["rows"] if row["administration"] == "communes"]
    assert justice["figures"]["filed"] == {"value": None, "fewer_than_5": True, "withheld": False}
    assert communes["figures"]["filed"] == {"value": None, "fewer_than_5": False, "withheld": True}
    check_json_table(figures)

    rows = list(csv.DictReader(io.StringIO(client.get("/statistics.csv").get_data().decode("utf-8-sig"))))
    by_code = {row["administration"]: row for row in rows if row["level"] == "administration"}
    assert by_code["communes"]["filed"] == "" and "filed" in by_code["communes"]["withheld"].split()
    assert by_code["justice"]["filed"] == "" and "filed" in by_code["justice"]["fewer_than_5"].split()
    assert "44" not in [row["filed"] for row in rows]

    html = client.get(f"/{lang}/statistics/").get_data(as_text=True)
    assert re.search(r"<td[^>]*>\s*(44|٤٤)\s*</td>", html) is None
    assert {"fr": "masqué", "ar": "محجوب"}[lang] in html and {"fr": "moins de 5", "ar": "أقل من 5"}[lang] in html


def test_every_published_table_hides_its_small_counts_for_good(client, requests_data):
    check_json_table(client.get("/api/v1/statistics").get_json())
    for code in ("communes", "justice"):
        check_json_table(client.get(f"/api/v1/statistics?administration={code}").get_json())
