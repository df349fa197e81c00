"""Outgoing mail: SMTP when MAIL_SERVER is set, otherwise .eml files in the development outbox."""
from __future__ import annotations

import os
import re
import smtplib
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import make_msgid
from pathlib import Path

from flask import current_app

_SEQUENCE = re.compile(r"^(\d+)-")


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
    write_to_outbox(Path(config["MAIL_OUTBOX_DIR"]), message)


def _sequence_of(path: Path) -> int:
    match = _SEQUENCE.match(path.name)
    return int(match.group(1)) if match else 0


def write_to_outbox(outbox: Path, message: EmailMessage) -> Path:
    """Write `message` as the outbox's next numbered file and return its path.

    The number is a sequence, not a clock stamp, so messages read back in the order they were
    sent whatever the clock says. Creating the file exclusively makes two writers that pick the
    same number try the next one instead of overwriting each other.
    """
    outbox.mkdir(parents=True, exist_ok=True)
    sequence = max((_sequence_of(path) for path in outbox.glob("*.eml")), default=0) + 1
    name = message["Message-ID"].strip("<>")
    while True:
        path = outbox / f"{sequence:09d}-{name}.eml"
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            sequence += 1
            continue
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(bytes(message))
        return path


def read_outbox(folder: str | Path) -> list[EmailMessage]:
    """Every message in the outbox folder in the order it was sent (for developers and tests)."""
    parser = BytesParser(policy=policy.default)
    paths = sorted(Path(folder).glob("*.eml"), key=lambda path: (_sequence_of(path), path.name))
    return [parser.parsebytes(path.read_bytes()) for path in paths]
