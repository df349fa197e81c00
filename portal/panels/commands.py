"""`flask --app portal send-review-digests`: the daily reminder digests (safe to run repeatedly)."""
from __future__ import annotations

import click
from flask.cli import with_appcontext

from portal.panels.digests import send_digests


@click.command("send-review-digests")
@with_appcontext
def send_review_digests_command() -> None:
    """Mail each expert who owes reviews one digest today; a second run the same day sends none."""
    click.echo(f"sent {send_digests()} review digest(s)")
