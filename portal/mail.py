"""Sending e-mail through the configured SMTP server (``MAIL_SERVER``, ``MAIL_PORT``, ``MAIL_SENDER``).

Mail is sent after the change it announces is committed, and a mail server that is
down never undoes that change: the failure is logged for a later retry by hand.
"""
import smtplib
from email.message import EmailMessage

from flask import current_app

from .addresses import is_one_address


def send(to, subject, body):
    """True if the server accepted the message; False if none is configured or it failed."""
    server = current_app.config.get("MAIL_SERVER")
    if not server or not to:
        return False
    if not is_one_address(to):  # stored before forms checked it: never a list, never a header
        current_app.logger.warning("Mail not sent: %r is not exactly one address", to)
        return False
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    try:
        with smtplib.SMTP(server, current_app.config["MAIL_PORT"], timeout=10) as smtp:
            if current_app.config.get("MAIL_STARTTLS"):
                smtp.starttls()
            if current_app.config.get("MAIL_USERNAME"):
                smtp.login(current_app.config["MAIL_USERNAME"], current_app.config["MAIL_PASSWORD"])
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException):
        current_app.logger.exception("Mail to %s not sent: %s", to, subject)
        return False
    return True
