"""The figures as a reader sees them: numbers in the reader's locale, hidden cells, charts."""
from flask_babel import format_decimal, format_percent, gettext, lazy_gettext

from portal.i18n import direction, tr_plain

from . import charts
from .figures import DAYS, SHARES

HEADINGS = {  # metric -> column heading
    "filed": lazy_gettext("Requests filed"),
    "decided": lazy_gettext("Decided by the administration"),
    "within_deadline": lazy_gettext("Decided within the deadline"),
    "tacitly_approved": lazy_gettext("Tacitly approved"),
    "implicitly_refused": lazy_gettext("Implicitly refused"),
    "median_days": lazy_gettext("Median processing time (days)"),
    "legal_maximum_days": lazy_gettext("Legal maximum (days)"),
    "incomplete": lazy_gettext("Declared incomplete"),
}


def text(cell, metric):
    if cell.small:
        return gettext("fewer than 5")
    if cell.hidden:
        return gettext("withheld")
    if cell.value is None:
        return "—"
    if metric in SHARES:
        return format_percent(cell.value, "#,##0.#%")
    if metric in DAYS:
        return format_decimal(cell.value, "#,##0.#")
    return format_decimal(cell.value)


def row_label(row):
    return tr_plain(row.name) if row.name else gettext("All administrations")


CHART_ROWS = 12  # a chart shows the rows with the most requests; the table has them all


def charted(table):
    """The rows the charts show: the ``CHART_ROWS`` with the most requests, in the table's order."""
    busiest = sorted(table.rows, key=lambda row: -row.cells["filed"].value)[:CHART_ROWS]
    return [row for row in table.rows if row in busiest]


def _chart(key, title, table, metrics, maximum):
    rows = [(row_label(row), [row.cells[m].shown for m in metrics], [text(row.cells[m], m) for m in metrics])
            for row in charted(table)]
    if maximum is None:
        maximum = max([v for _label, values, _texts in rows for v in values if v is not None] or [0])
    geometry = charts.bar_chart(rows, maximum, direction() == "rtl", series=len(metrics))
    return {"id": key, "title": title, "headings": [HEADINGS[m] for m in metrics], "rows": rows,
            "partial": len(rows) < len(table.rows), **geometry}


def charts_for(table):
    """Three charts: requests filed, share decided within the deadline, median time against the legal maximum."""
    if not table.rows:
        return []
    return [
        _chart("chart-filed", gettext("Requests filed"), table, ["filed"], None),
        _chart("chart-deadline", gettext("Share decided within the deadline"), table, ["within_deadline"], 1),
        _chart("chart-time", gettext("Median processing time against the legal maximum (days)"), table,
               ["median_days", "legal_maximum_days"], None),
    ]
