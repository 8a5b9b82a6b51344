"""The figures as JSON (``/api/v1/statistics``) and CSV (``/statistics.csv``), and the open-data files."""
import csv
import io

from flask import Blueprint, Response, abort, jsonify, request

from portal.extensions import db
from procedures import clock, spreadsheet
from procedures.catalogue.models import Administration

from . import figures, opendata, period
from . import reports as report_figures
from .figures import DAYS, METRICS, SHARES

blueprint = Blueprint("statistics_api", __name__)


def _selection():
    today = clock.today()
    chosen, code, errors = period.read(request.args, today)
    if errors:
        return None, (jsonify(error={"status": 400, "message": "invalid query parameters", "fields": errors}), 400)
    administration = None
    if code:
        administration = db.session.scalar(db.select(Administration).filter_by(code=code))
        if administration is None:
            return None, (jsonify(error={"status": 404, "message": f"no administration '{code}'"}), 404)
    return (figures.table(chosen, today, administration), report_figures.counts(chosen, administration)), None


def _value(cell, metric):
    if cell.hidden or cell.value is None:
        return None
    if metric in SHARES:
        return round(cell.value, 4)
    if metric in DAYS:
        return round(cell.value, 1)
    return cell.value


def _count(cell):
    return {"value": None if cell.hidden else cell.value, "fewer_than_5": cell.small, "withheld": cell.withheld}


def _figures(row):
    return {m: {"value": _value(row.cells[m], m), "fewer_than_5": row.cells[m].small,
                "withheld": row.cells[m].withheld} for m in METRICS}


def as_json(table):
    by = "administration" if table.administration is None else "procedure"
    rows = []
    for row in table.rows:
        item = {by: row.code, "name": row.name}
        if row.slug:
            item["slug"] = row.slug
        rows.append({**item, "figures": _figures(row)})
    return {"period": {"from": table.period.start.isoformat(), "to": table.period.end.isoformat()},
            "as_of": table.today.isoformat(), "administration": table.administration and table.administration["code"],
            "rows_are": by, "minimum_requests": figures.MINIMUM, "total": _figures(table.total), "rows": rows}


def reports_json(reports):
    """Reports of unlisted demands sent in the period, by administration (or procedure of one)."""
    rows = [{reports.rows_are: line.code, "name": line.name, **({"slug": line.slug} if line.slug else {}),
             "reports": _count(line.reports)} for line in reports.rows]
    return {"rows_are": reports.rows_are, "total": _count(reports.total), "rows": rows}


@blueprint.get("/api/v1/statistics")
def statistics_json():
    selected, failure = _selection()
    if failure:
        return failure
    table, reports = selected
    return jsonify({**as_json(table), "reports": reports_json(reports)})


CSV_HEAD = ["level", "administration", "procedure", "name_ar", "name_fr", "from", "to", *METRICS, "reports",
            "fewer_than_5", "withheld"]
NO_REQUESTS = figures.Row(None, None, {metric: figures.Cell(None, 0) for metric in METRICS})


def _report_cell(reports, code):
    """The reports count of a line (none: zero)."""
    line = reports.by_code().get(code)
    return line.reports if line else report_figures.Count(0)


def as_csv(table, reports):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEAD)
    head = table.administration
    lines = [("total", head["code"] if head else "", "", head["name"] if head else {}, table.total)]
    seen = {row.code for row in table.rows}
    # Lines with reports but no request filed in the period come after, with empty request figures.
    extra = [figures.Row(line.code, line.name, NO_REQUESTS.cells, line.slug) for line in reports.rows
             if line.code not in seen]
    for row in (*table.rows, *extra):
        lines.append(("administration", row.code, "", row.name, row) if head is None
                     else ("procedure", head["code"], row.code, row.name, row))
    for level, administration, procedure, name, row in lines:
        small = [m for m in METRICS if row.cells[m].small]
        withheld = [m for m in METRICS if row.cells[m].withheld]
        values = ["" if _value(row.cells[m], m) is None else _value(row.cells[m], m) for m in METRICS]
        count = reports.total if level == "total" else _report_cell(reports, procedure or administration)
        if count.small:
            small.append("reports")
        if count.withheld:
            withheld.append("reports")
        writer.writerow(spreadsheet.safe_row([
            level, administration, procedure, name.get("ar", ""), name.get("fr", ""),
            table.period.start.isoformat(), table.period.end.isoformat(), *values,
            "" if count.hidden else count.value, " ".join(small), " ".join(withheld)]))
    return "\ufeff" + out.getvalue()


@blueprint.get("/statistics.csv")
def statistics_csv():
    selected, failure = _selection()
    if failure:
        return failure
    table, reports = selected
    name = f"masatir-statistics-{table.period.start}-{table.period.end}.csv"
    return Response(as_csv(table, reports), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{name}"'}, content_type="text/csv; charset=utf-8")


@blueprint.get("/open-data/catalogue.<kind>")
def catalogue_file(kind):
    if kind not in ("json", "csv"):
        abort(404)
    stamp, built = opendata.files()
    response = Response(built[kind], content_type="application/json" if kind == "json" else "text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'inline; filename="masatir-catalogue.{kind}"'
    response.set_etag(f"{stamp}-{kind}")
    response.cache_control.public, response.cache_control.max_age = True, 300
    return response.make_conditional(request)
