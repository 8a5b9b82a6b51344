"""The citizen is told of each step by e-mail, through a real (local) SMTP server."""
import email
import socket

import pytest
from aiosmtpd.controller import Controller

from tests.filing import file_request
from tests.office_fixtures import csrf_token


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def inbox(app, monkeypatch):
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", controller.port)
    yield handler.messages
    controller.stop()


def body(message):
    return message.get_payload(decode=True).decode()


def test_each_step_is_mailed_in_the_language_of_the_request(app, office, as_role, inbox):
    citizen = app.test_client()
    number = file_request(app, citizen, lang="ar", email="amina@example.ma")
    assert len(inbox) == 1 and inbox[0]["To"] == "amina@example.ma"
    assert "رخصة البناء" in body(inbox[0])
    agent = as_role("agent")
    page = agent.get(f"/fr/office/requests/{number}")
    agent.post(f"/fr/office/requests/{number}", data={"csrf_token": csrf_token(page), "step": "refuse",
                                                      "ground": "basis:0", "reason": "Zone non constructible"})
    assert len(inbox) == 2 and "Zone non constructible" in body(inbox[1])
    assert "القانون 37.99 المتعلق بالحالة المدنية" in body(inbox[1])  # the legal ground, in the citizen's language
    page = agent.get(f"/fr/office/requests/{number}")
    agent.post(f"/fr/office/requests/{number}", data={"csrf_token": csrf_token(page), "step": "note",
                                                      "text": "interne"})
    assert len(inbox) == 2  # internal notes are not sent


def test_no_address_no_mail_and_a_dead_server_loses_nothing(app, office, monkeypatch):
    number = file_request(app, app.test_client(), email="")
    assert number
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())  # nobody listens there
    assert file_request(app, app.test_client(), email="amina@example.ma")  # the request is filed all the same
