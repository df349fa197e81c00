"""Outgoing mail: SMTP when MAIL_SERVER is set, otherwise .eml files in the development outbox."""
from __future__ import annotations

import smtplib
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

from flask import current_app

from portal.kernel.clock import utcnow


def build_message(to: str, subject: str, body: str) -> EmailMessage:
    """A plain-text UTF-8 message from the configured sender."""
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="talent.fuxin.example")
    message.set_content(body)
    return message


def send_mail(to: str, subject: str, body: str) -> None:
    """Deliver one message through SMTP, or write it to the outbox folder."""
    message = build_message(to, subject, body)
    config = current_app.config
    if config.get("MAIL_SERVER"):
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
            if config.get("MAIL_USE_TLS"):
                smtp.starttls()
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            smtp.send_message(message)
        return
    outbox = Path(config["MAIL_OUTBOX_DIR"])
    outbox.mkdir(parents=True, exist_ok=True)
    stamp = utcnow().strftime("%Y%m%dT%H%M%S%f")
    (outbox / f"{stamp}-{message['Message-ID'].strip('<>')}.eml").write_bytes(bytes(message))


def read_outbox(folder: str | Path) -> list[EmailMessage]:
    """Every message in the outbox folder, oldest first (for developers and tests)."""
    from email import policy
    from email.parser import BytesParser

    parser = BytesParser(policy=policy.default)
    return [parser.parsebytes(path.read_bytes()) for path in sorted(Path(folder).glob("*.eml"))]
