"""Activity for the demo (`make run`): something for every role to see.

Requests at every stage, filed over the last eight months through the same operations the portal
uses (each with its receipt), so that the statistics have rows of five and more; reports of unlisted
demands, answered or not; readers' feedback; a draft waiting for the commission. Run after the demo
catalogue and the demo accounts; a second run changes nothing (the first demo request marks it done).
Never in production (the command refuses).
"""
import random
from contextlib import contextmanager
from datetime import UTC, datetime, time, timedelta

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext

from portal import transaction
from portal.auth.models import Account
from portal.extensions import db
from procedures import clock
from procedures.catalogue.models import Administration, Procedure
from procedures.feedback.models import Feedback
from procedures.offices.models import Office, account_office
from procedures.publication import operations as publication
from procedures.reports import operations as reports
from procedures.reports import place as report_place
from procedures.requests import operations as requests
from procedures.requests import receipts, signing
from procedures.requests.models import Request
from procedures.requests.sweep import sweep

MARK = "demo-request-0"
PER_PROCEDURE = 24
MONTHS = 8
PEOPLE = [("Amina El Idrissi", "BK123456", "+212 6 12 34 56 78"), ("Youssef Benali", "A654321", "+212 6 61 22 33 44"),
          ("Fatima Zahra Alaoui", "JB98765", "+212 7 01 02 03 04"), ("Omar Tazi", "D112233", "+212 5 22 11 22 33"),
          ("Khadija Ouazzani", "EE445566", "+33 6 12 34 56 78")]


def done():
    return db.session.scalar(sa.select(Request.id).filter_by(idempotency_key=MARK)) is not None


@contextmanager
def on_day(day):
    """Operations run as if on ``day`` (they read ``clock.today()``)."""
    today = clock.today
    clock.today = lambda: day
    try:
        yield
    finally:
        clock.today = today


def account(role, administration=None):
    stmt = sa.select(Account).filter_by(role=role)
    if administration is not None:
        stmt = stmt.filter_by(administration_id=administration.id)
    return db.session.scalar(stmt.order_by(Account.id))


def online_procedures(administration, today, count=3):
    """The administration's first procedures, by code, that can be filed online and have a deadline."""
    chosen = []
    for procedure in db.session.scalars(sa.select(Procedure).filter_by(administration_id=administration.id)
                                        .order_by(Procedure.code)):
        version = procedure.version_on(today - timedelta(days=31 * MONTHS))
        if version and version.is_online and version.processing_days and procedure.version_on(today) == version:
            chosen.append(procedure)
        if len(chosen) == count:
            break
    return chosen


def file(procedure, day, index, office=None):
    name, cin, phone = PEOPLE[index % len(PEOPLE)]
    with on_day(day):
        version = procedure.version_on(day)
        request, _ = requests.file_request(procedure, version, {"name": name, "cin": cin, "phone": phone, "email": ""},
                                           "", ("fr", "ar")[index % 2], f"demo-request-{index}", {}, office=office)
    # The receipt states the moment of filing: that day, in office hours.
    request.filed_at = datetime.combine(day, time(9 + index % 7, 7 * index % 60), tzinfo=UTC).replace(tzinfo=None)
    request.receipt = receipts.receipt_facts(request)
    request.signature = signing.sign(receipts.signing_key(), request.receipt)
    return request


def handle(request, agent, fate, rng):
    """Walk ``request`` to ``fate``: open, acknowledged, waiting, completed, approved, refused, silent."""
    filed, days = request.filed_on, max(request.version.processing_days, 2)
    if fate == "open":
        return
    with on_day(filed + timedelta(days=1)):
        requests.acknowledge(agent, request)
    if fate in ("waiting", "completed") and request.version.documents:
        with on_day(filed + timedelta(days=2)):
            requests.declare_incomplete(agent, request, [request.version.documents[-1].id],
                                        "Le document est illisible : merci d'en envoyer une copie nette.")
        if fate == "completed":
            with on_day(filed + timedelta(days=5)):
                requests.record_complement(request, agent)
        return
    decided = filed + timedelta(days=rng.randint(2, days - 1))
    if fate in ("approved", "refused") and decided < clock.today():
        with on_day(decided):
            try:
                if fate == "approved":
                    requests.decide(agent, request, True)
                else:
                    requests.decide(agent, request, False, reason="Le projet ne respecte pas le plan d'aménagement.",
                                    ground="basis:0")
            except requests.StepRefused:  # too late: silence has already decided, as the law says
                pass


FATES = ["approved"] * 9 + ["refused"] * 4 + ["silent"] * 5 + ["completed", "waiting", "approved", "refused"]
RECENT = ["open", "acknowledged", "waiting", "completed", "approved", "refused"]


def agent_office(agent):
    """The demo agent's office (``flask offices demo``): the requests go there, so the agent sees them."""
    if agent is None:
        return None
    return db.session.scalar(sa.select(Office).join(account_office, account_office.c.office_id == Office.id)
                             .where(account_office.c.account_id == agent.id).order_by(Office.code))


def seed_requests(administration, agent, today, rng):
    index, office = 0, agent_office(agent)
    for procedure in online_procedures(administration, today):
        for number in range(PER_PROCEDURE):  # spread evenly over the months, the latest still under way
            day = today - timedelta(days=number * 31 * MONTHS // PER_PROCEDURE + rng.randint(0, 9))
            recent = today - day <= timedelta(days=2 * procedure.version_on(day).processing_days)
            fate = rng.choice(RECENT) if recent else FATES[number % len(FATES)]
            request = file(procedure, day, index, office)
            handle(request, agent, fate, rng)
            index += 1
    db.session.flush()
    sweep(today)  # the silences that have fallen are recorded, as the nightly job does


# Most in Rabat, where the demo agent works (its arrondissements lead to the commune's office); the
# others go to their own communes' offices, which the demo agent does not see.
REPORTS = [("document", "Une copie certifiée conforme de la CNIE.", "Guichet unique d'urbanisme", "Agdal Riyad"),
           ("fee", "Des frais de dossier de 200 dirhams.", "Bureau d'ordre de la commune", "Hassan"),
           ("document", "Un certificat de résidence.", "Guichet unique d'urbanisme", "Kénitra"),
           ("delay", "On m'a dit de revenir dans trois mois.", "Service technique", "Rabat"),
           ("step", "Une visite préalable du terrain à demander soi-même.", "Service technique", "Yacoub El Mansour"),
           ("other", "Une attestation de l'architecte légalisée.", "Guichet unique d'urbanisme", "Agadir")]


def seed_reports(procedures, agent, today):
    for index, (kind, asked, office, town) in enumerate(REPORTS):
        procedure = procedures[index % len(procedures)]
        day = today - timedelta(days=10 + 9 * index)
        place = report_place.read({}, {"town": town}, procedure, None, posted=True)
        with on_day(day):
            report, _ = reports.file_report(
                procedure, procedure.version_on(day), {"kind": kind, "asked": asked, "office": office, "town": town,
                                                       "asked_on": day - timedelta(days=2), "contact": ""},
                "fr", f"demo-report-{index}", office=place.office)
        if agent is not None and index % 3 != 2 and place.office == agent_office(agent):
            with on_day(day + timedelta(days=2)):
                reports.acknowledge(agent, report)
            if index % 3 == 0:
                with on_day(day + timedelta(days=6)):
                    reports.answer(agent, report, "withdrawn", "Le guichet a été rappelé à l'ordre : cette pièce "
                                   "ne figure pas sur la fiche et ne sera plus demandée.")


COMMENTS = [(True, "Clair, j'avais tout ce qu'il fallait."), (True, None), (False, "Le délai n'est pas respecté."),
            (True, "واضح ومفيد"), (False, "On ne sait pas où déposer."), (True, None), (True, None), (False, None)]


def seed_feedback(procedures, today):
    for index, (useful, comment) in enumerate(COMMENTS * 2):
        procedure = procedures[index % len(procedures)]
        db.session.add(Feedback(procedure_id=procedure.id, version_id=procedure.version_on(today).id, useful=useful,
                                comment=comment, at=datetime.combine(today - timedelta(days=3 * index), time(12))))


def seed_draft(procedure, editor):
    """A new version (a shorter deadline) sent to the commission."""
    if publication.open_draft_of(procedure):
        return
    draft = publication.start_version(editor, procedure)
    content = dict(draft.content)
    content["processing_days"] = max(1, content["processing_days"] - 5)
    publication.save(editor, draft, content)
    publication.submit(editor, draft)


def seed(today):
    """Everything above, once. Returns False when it was already there."""
    if done():
        return False
    rng = random.Random(5519)
    communes = db.session.scalar(sa.select(Administration).filter_by(code="communes"))
    agent, editor = account("agent", communes), account("editor", communes)
    procedures = online_procedures(communes, today)
    seed_requests(communes, agent, today, rng)
    seed_reports(procedures, agent, today)
    seed_feedback(procedures, today)
    if editor is not None:
        seed_draft(procedures[-1], editor)
    db.session.flush()
    return True


@click.command("demo")
@with_appcontext
def demo_command():
    """Demo activity for `make run` (after the demo catalogue and accounts; never in production):
    requests at every stage over eight months, reports, feedback, a draft for the commission."""
    if current_app.config["PRODUCTION"]:
        raise click.ClickException("demo activity is not created in production")
    created = seed(clock.today())
    transaction.commit()
    click.echo("Demo activity created." if created else "Demo activity already present.")
