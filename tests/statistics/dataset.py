"""A fixed, hand-built set of requests with known dates, and the figures computed by hand.

The sample catalogue plus the justice administration (``tests.office_fixtures``):
- CT-002, building permit (communes), version 2: 30 days, silence means approval;
- CT-001, birth certificate (communes): on the spot (0 days);
- NAT-JUS-01, criminal record (justice): on the spot.
``TODAY`` is 2026-11-23, so the default period is 2025-11-24 to 2026-11-23.
Each request: (procedure code, filed on, state, due on, [(event kind, on), …]).
"""
from datetime import date

from portal.extensions import db
from procedures.catalogue.models import Procedure
from procedures.requests.models import Request, RequestEvent
from tests import samples

D = date.fromisoformat
REQUESTS = [
    # building permit: 10 filed in the default period (P0 is before it)
    ("P0", "CT-002", "2025-10-01", "approved", "2025-10-31", [("approved", "2025-10-05")]),
    ("P1", "CT-002", "2026-01-10", "approved", "2026-02-09", [("approved", "2026-01-20")]),  # 10 days, in time
    ("P2", "CT-002", "2026-02-01", "approved", "2026-03-03", [("approved", "2026-02-21")]),  # 20 days, in time
    ("P3", "CT-002", "2026-03-01", "refused", "2026-03-31", [("refused", "2026-04-10")]),  # 40 days, late
    ("P4", "CT-002", "2026-04-01", "approved", "2026-05-01",
     [("incomplete", "2026-04-05"), ("complement", "2026-04-08"), ("approved", "2026-04-30")]),  # 29 days, in time
    ("P5", "CT-002", "2026-05-01", "refused", "2026-05-31", [("refused", "2026-05-06")]),  # 5 days, in time
    ("P6", "CT-002", "2026-06-01", "tacitly_approved", "2026-07-01", [("tacit_approval", "2026-07-02")]),
    ("P7", "CT-002", "2026-11-01", "open", "2026-12-01", [("acknowledged", "2026-11-02")]),  # not yet due
    ("P8", "CT-002", "2026-09-01", "waiting_for_citizen", None, [("incomplete", "2026-09-10")]),
    ("P9", "CT-002", "2025-11-24", "approved", "2025-12-24", [("approved", "2025-12-04")]),  # first day; 10 days
    ("P10", "CT-002", "2026-11-23", "open", "2026-12-23", []),  # today
    # birth certificate: 3 filed (too few: every cell hidden)
    ("C1", "CT-001", "2026-02-02", "approved", "2026-02-02", [("approved", "2026-02-02")]),  # 0 days, in time
    ("C2", "CT-001", "2026-03-03", "approved", "2026-03-03", [("approved", "2026-03-04")]),  # 1 day, late
    ("C3", "CT-001", "2026-04-04", "open", "2026-04-04", []),  # overdue, undecided
    # criminal record: 6 filed, 5 implicitly refused, 1 decided late
    *[(f"J{i}", "NAT-JUS-01", f"2026-0{i}-15", "implicitly_refused", f"2026-0{i}-15",
       [("implicit_refusal", f"2026-0{i}-16")]) for i in range(1, 6)],
    ("J6", "NAT-JUS-01", "2026-07-01", "approved", "2026-07-01", [("approved", "2026-07-04")]),  # 3 days, late
]

# The figures by hand (default period). Shares are fractions; None: fewer than 5 (hidden).
PERMIT = {"filed": 10, "decided": 6, "within_deadline": 5 / 7, "tacitly_approved": None, "implicitly_refused": None,
          "median_days": 15.0, "legal_maximum_days": 30.0, "incomplete": 0.2}
# P1 P2 P3 P4 P5 P9 decided (5, 10, 10, 20, 29, 40 days: median 15); known: those 6 and P6; in time: 5.
BIRTH = dict.fromkeys(PERMIT)  # 3 requests: all hidden
COMMUNES = {"filed": 13, "decided": 8, "within_deadline": 6 / 10, "tacitly_approved": None,
            "implicitly_refused": None, "median_days": 10.0, "legal_maximum_days": 30.0, "incomplete": 2 / 13}
# days 0, 1, 5, 10, 10, 20, 29, 40: median 10; legal 0, 0, 30×6: median 30; known: 8 decided, P6, C3.
JUSTICE = {"filed": 6, "decided": None, "within_deadline": 0.0, "tacitly_approved": None, "implicitly_refused": 5,
           "median_days": None, "legal_maximum_days": None, "incomplete": 0.0}
TOTAL = {"filed": 19, "decided": 9, "within_deadline": 6 / 16, "tacitly_approved": None, "implicitly_refused": 5,
         "median_days": 10.0, "legal_maximum_days": 30.0, "incomplete": 2 / 19}
# days 0, 1, 3, 5, 10, 10, 20, 29, 40: median 10; legal 0, 0, 0, 30×6: median 30.
# From 2026-01-01 to 2026-06-30, the building permit alone: P1…P6.
PERMIT_FIRST_HALF = {"filed": 6, "decided": 5, "within_deadline": 4 / 6, "tacitly_approved": None,
                     "implicitly_refused": None, "median_days": 20.0, "legal_maximum_days": 30.0, "incomplete": 1 / 6}


def catalogue():
    data = samples.catalogue()
    data["administrations"].append({"code": "justice", "kind": "ministry",
                                    "name": samples.text("Ministère de la Justice", "وزارة العدل")})
    data["procedures"].append({"code": "NAT-JUS-01", "slug": "casier-judiciaire", "administration": "justice",
                               "theme": "civil-status", "audiences": ["citizens"], "versions": [samples.version(
                                   title=samples.text("Extrait du casier judiciaire", "مستخرج من السجل العدلي"))]})
    return data


def build():
    """Load the catalogue and insert the requests directly; needs an app context."""
    samples.load(catalogue())
    procedures = {p.code: p for p in Procedure.query.all()}
    for name, code, filed_on, state, due_on, events in REQUESTS:
        procedure = procedures[code]
        version = procedure.version_on(D(filed_on))
        request = Request(
            number=f"TEST-{name}", secret_hash="x" * 64, idempotency_key=f"key-{name}", procedure_id=procedure.id,
            version_id=version.id, administration_id=procedure.administration_id,
            applicant={"name": f"Citizen {name}", "cin": f"CIN{name}"}, language="fr", filed_on=D(filed_on),
            silence=version.silence, state=state, due_on=due_on and D(due_on), silence_on=None, receipt={},
            signature="")
        request.events = [RequestEvent(kind="filed", on=D(filed_on))] + [
            RequestEvent(kind=kind, on=D(on), data={"reason": "expertise"} if kind == "extended" else {})
            for kind, on in events]
        db.session.add(request)
    db.session.commit()
