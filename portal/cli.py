"""Command-line tools: create-user, seed-demo, outbox and load-holidays."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask, current_app

from portal.accounts.models import Role
from portal.accounts.users import AccountError, create_user
from portal.demo.seed import seed_demo
from portal.holidays import arrangements as holidays
from portal.kernel.mail import read_outbox
from portal.kernel.reference_data import reference


def _read_password() -> str:
    if not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\n")
        if not password:
            raise click.UsageError("no password on standard input")
        return password
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def init_app(app: Flask) -> None:
    """Register the commands on `app.cli`."""

    @app.cli.command("create-user")
    @click.option("--email", required=True)
    @click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
    @click.option("--division", "division", default=None, help="Division code, for division-level HR.")
    @click.option("--phone", default=None)
    def create_user_command(email: str, role: str, division: str | None, phone: str | None) -> None:
        """Create a user; the password is prompted for, or read from standard input when piped."""
        if division and division not in reference("divisions"):
            raise click.BadParameter(f"unknown division code {division!r}", param_hint="--division")
        try:
            user = create_user(email, _read_password(), role, phone=phone, division_code=division)
        except AccountError as error:
            raise click.ClickException(str(error)) from None
        click.echo(f"created {user.role} {user.email} (id {user.id})")

    @app.cli.command("seed-demo")
    def seed_demo_command() -> None:
        """Load the fictional demo data; running it again changes nothing."""
        created = seed_demo()
        click.echo(f"demo data ready ({created} new records)")

    @app.cli.command("outbox")
    @click.option("--last", default=10, show_default=True)
    def outbox_command(last: int) -> None:
        """Print the newest messages of the development mail outbox."""
        for message in read_outbox(current_app.config["MAIL_OUTBOX_DIR"])[-last:]:
            click.echo(f"To: {message['To']}\nSubject: {message['Subject']}\n\n{message.get_content()}\n{'-' * 60}")

    @app.cli.command("load-holidays")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False))
    def load_holidays_command(path: str) -> None:
        """Load the years of a holiday data file (shaped like portal/data/holidays.yaml), checked first."""
        try:
            arrangements = holidays.parse_data_file(Path(path).read_bytes())
            years = holidays.load_years(arrangements, None, Path(path).name)
        except holidays.HolidayDataError as error:
            raise click.ClickException(str(error)) from None
        click.echo("loaded " + ", ".join(map(str, years)))
