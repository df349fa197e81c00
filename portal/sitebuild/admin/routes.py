"""Routes and command for publishing the public site."""
from __future__ import annotations

import click
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.accounts.forms import PostForm
from portal.accounts.models import Role
from portal.kernel.navigation import register_nav_item
from portal.kernel.permissions import roles_required
from portal.sitebuild.admin import bp
from portal.sitebuild.admin import runs as site_publish
from portal.sitebuild.admin.models import SUCCEEDED

STAFF = (Role.HR.value, Role.ADMIN.value)
register_nav_item("site_admin.status", _l("公开网站"), set(STAFF))


@bp.get("/admin/site")
@roles_required(*STAFF)
def status():
    """The last publish of the public site and its result; admins also get the publish button."""
    return render_template("site_admin/status.html", last=site_publish.last_publish(),
                           runs=site_publish.recent_publishes(), form=PostForm())


@bp.post("/admin/site/publish")
@roles_required(Role.ADMIN.value)
def publish():
    """Run an incremental publish now."""
    if PostForm().validate_on_submit():
        run = site_publish.request_publish("button", current_user)
        if run.status == SUCCEEDED:
            flash(_("公开网站已发布：更新 %(written)s 个文件，用时 %(seconds)s 秒。",
                    written=run.written, seconds=run.seconds), "success")
        else:
            flash(_("发布失败，线上网站保持不变。原因见下方记录。"), "error")
    return redirect(url_for("site_admin.status"))


@bp.cli.command("publish-site")
@click.option("--full", is_flag=True, help="Render every page again.")
def publish_site_command(full: bool) -> None:
    """Publish the public static site (incremental unless --full) and record the run."""
    run = site_publish.request_publish("command", full=full)
    click.echo(run.message)
    if run.status != SUCCEEDED:
        raise SystemExit(1)
