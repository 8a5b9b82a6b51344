"""Sending e-mail through the configured SMTP server (``MAIL_SERVER``, ``MAIL_PORT``, ``MAIL_SENDER``).

Mail is sent after the change it announces is committed, and a mail server that is
down never undoes that change. ``deliver`` raises on failure (the notices' outbox retries);
``send`` logs it and returns False.
"""
import smtplib
from email.message import EmailMessage

from flask import current_app

from .addresses import is_one_address


class MailError(Exception):
    """The message was not accepted (no server configured, server down, refused)."""


def deliver(to, subject, body, message_id=None):
    """Hand the message to the SMTP server, or raise ``MailError``. A stable ``message_id`` lets the
    reader's mail client recognise a message sent twice (a server that accepted it but whose answer
    was lost)."""
    server = current_app.config.get("MAIL_SERVER")
    if not server:
        raise MailError("no MAIL_SERVER configured")
    if not is_one_address(to):  # stored before forms checked it: never a list, never a header
        raise MailError(f"{to!r} is not exactly one address")
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    if message_id:
        message["Message-ID"] = message_id
    message.set_content(body)
    try:
        with smtplib.SMTP(server, current_app.config["MAIL_PORT"], timeout=10) as smtp:
            if current_app.config.get("MAIL_STARTTLS"):
                smtp.starttls()
            if current_app.config.get("MAIL_USERNAME"):
                smtp.login(current_app.config["MAIL_USERNAME"], current_app.config["MAIL_PASSWORD"])
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        raise MailError(f"{type(error).__name__}: {error}") from error


def send(to, subject, body):
    """True if the server accepted the message; False if none is configured or it failed."""
    if not current_app.config.get("MAIL_SERVER") or not to:
        return False
    try:
        deliver(to, subject, body)
    except MailError:
        current_app.logger.exception("Mail to %s not sent: %s", to, subject)
        return False
    return True
