"""Staff views (hr, admin): panels, experts, import, sending cases to panels, assignments,
conflicts and the aggregate. Each view is a few lines over portal.services."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.accounts.forms import PostForm
from portal.applications import access, workflow
from portal.applications.models import Application
from portal.audit import record as audit
from portal.kernel import db
from portal.kernel.clock import today
from portal.kernel.permissions import roles_required
from portal.panels import aggregation, assignments, bp, conflicts, declarations, experts
from portal.panels import scores as reviews
from portal.panels.expert_import import ImportRejected, import_experts
from portal.panels.forms import (
    AssignForm,
    DeadlineForm,
    ExpertForm,
    ImportForm,
    MemberForm,
    PanelForm,
    ReasonForm,
    RelationshipForm,
    SendForm,
)
from portal.panels.models import Assignment, ConflictOfInterest, ExpertProfile, Panel, PanelCase
from portal.panels.rules import default_deadline, default_max_load

STAFF = ("hr", "admin")


def _panel(panel_id: int) -> Panel:
    return db.session.get(Panel, panel_id) or abort(404)


def _expert(expert_id: int) -> ExpertProfile:
    return db.session.get(ExpertProfile, expert_id) or abort(404)


def _all_experts() -> list[ExpertProfile]:
    return list(db.session.scalars(select(ExpertProfile).order_by(ExpertProfile.name)))


@bp.get("/panels/manage/")
@roles_required(*STAFF)
def manage_index():
    """Panels, and the applications in expert review with their panel (or a form to send them)."""
    panels = list(db.session.scalars(select(Panel).order_by(Panel.code)))
    waiting = [a for a in db.session.scalars(select(Application).where(Application.state == workflow.EXPERT_REVIEW)
                                             .order_by(Application.id)) if access.can_view(current_user, a)]
    cases = {c.application_id: c for c in db.session.scalars(select(PanelCase))}
    form = SendForm()
    form.panel.choices = [(p.id, p.name_zh) for p in panels]
    return render_template("panels/manage_index.html", panels=panels, waiting=waiting, cases=cases, form=form)


@bp.route("/panels/manage/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def panel_new():
    """Create a panel."""
    form = PanelForm(blind=True)
    return _save_panel(None, form)


@bp.route("/panels/manage/<int:panel_id>", methods=["GET", "POST"])
@roles_required(*STAFF)
def panel_edit(panel_id: int):
    """Edit a panel; add and remove members."""
    panel = _panel(panel_id)
    form = PanelForm(obj=panel, members=panel.members)
    if request.method == "GET":
        form.chair.data = panel.chair_id or 0
    return _save_panel(panel, form)


def _save_panel(panel: Panel | None, form: PanelForm):
    if form.validate_on_submit():
        values = {name: form[name].data for name in experts.PANEL_FIELDS}
        values["industry_code"] = values["industry_code"] or None
        chair = db.session.get(ExpertProfile, form.chair.data) if form.chair.data else None
        try:
            panel = experts.save_panel(panel, values, chair, current_user)
        except experts.ExpertError as error:
            flash(str(error), "error")
        else:
            flash(_("评审组已保存。"), "success")
            return redirect(url_for("panels.panel_edit", panel_id=panel.id))
    member_form = MemberForm()
    if panel is not None:
        member_form.expert.choices = [(e.id, f"{e.name}（{e.affiliation}）") for e in _all_experts()
                                      if e not in panel.members]
    return render_template("panels/panel_form.html", form=form, panel=panel, member_form=member_form,
                           remove_form=PostForm(), deadline_form=DeadlineForm(deadline=default_deadline()))


@bp.post("/panels/manage/<int:panel_id>/members")
@roles_required(*STAFF)
def panel_add_member(panel_id: int):
    """Add an expert to the panel."""
    panel = _panel(panel_id)
    form = MemberForm()
    form.expert.choices = [(e.id, e.name) for e in _all_experts()]
    if form.validate_on_submit():
        try:
            experts.add_member(panel, _expert(form.expert.data), current_user)
        except experts.ExpertError as error:
            flash(str(error), "error")
        else:
            flash(_("专家已加入评审组。"), "success")
    return redirect(url_for("panels.panel_edit", panel_id=panel_id))


@bp.post("/panels/manage/<int:panel_id>/members/<int:expert_id>/remove")
@roles_required(*STAFF)
def panel_remove_member(panel_id: int, expert_id: int):
    """Take an expert off the panel."""
    panel, expert = _panel(panel_id), _expert(expert_id)
    if PostForm().validate_on_submit():
        experts.remove_member(panel, expert, current_user)
        flash(_("专家已移出评审组。"), "info")
    return redirect(url_for("panels.panel_edit", panel_id=panel_id))


@bp.post("/panels/manage/<int:panel_id>/assign-proposal")
@roles_required(*STAFF)
def panel_assign_all(panel_id: int):
    """Accept the proposal for every open case of the panel."""
    panel = _panel(panel_id)
    form = DeadlineForm()
    if form.validate_on_submit():
        made = assignments.assign_proposal(panel, form.deadline.data, current_user,
                                           visible=lambda application: access.can_view(current_user, application))
        flash(_("已按建议分配 %(count)d 份评审。", count=made), "success")
    else:
        flash(_("请填写截止日期。"), "error")
    return redirect(url_for("panels.panel_ranking", panel_id=panel_id))


@bp.get("/panels/manage/<int:panel_id>/ranking")
@roles_required(*STAFF)
def panel_ranking(panel_id: int):
    """The panel's applications ranked by their aggregate."""
    panel = _panel(panel_id)
    rows = [row for row in aggregation.panel_ranking(panel) if access.can_view(current_user, row[1])]
    return render_template("panels/ranking.html", panel=panel, rows=rows,
                           deadline_form=DeadlineForm(deadline=default_deadline()))


@bp.get("/panels/manage/experts")
@roles_required(*STAFF)
def expert_list():
    """Every expert with private contact details and load; the view of the contacts is audited."""
    everyone = _all_experts()
    audit.record_now(current_user, "expert.contacts_view", "expert", None, expert_ids=[e.id for e in everyone])
    return render_template("panels/expert_list.html", experts=everyone,
                           loads=assignments.loads([e.id for e in everyone]))


@bp.route("/panels/manage/experts/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def expert_new():
    """Add an expert (an account with the expert role and a profile)."""
    form = ExpertForm(max_load=default_max_load())
    if form.validate_on_submit():
        try:
            profile = experts.create_expert(_expert_values(form), current_user, _photo(form))
        except experts.ExpertError as error:
            flash(str(error), "error")
        else:
            flash(_("专家已添加；请其通过“忘记密码”设置登录密码。"), "success")
            return redirect(url_for("panels.expert_edit", expert_id=profile.id))
    return render_template("panels/expert_form.html", form=form, expert=None)


@bp.route("/panels/manage/experts/<int:expert_id>", methods=["GET", "POST"])
@roles_required(*STAFF)
def expert_edit(expert_id: int):
    """Edit an expert's profile (the login email stays); showing their contacts is audited."""
    profile = _expert(expert_id)
    if request.method == "GET":
        audit.record_now(current_user, "expert.contacts_view", "expert", expert_id)
    form = ExpertForm(obj=profile)
    if request.method == "GET":
        form.email.data = profile.user.email
    if form.validate_on_submit():
        values = _expert_values(form)
        values.pop("email")
        try:
            experts.update_expert(profile, values, current_user, _photo(form))
        except experts.ExpertError as error:
            flash(str(error), "error")
        else:
            flash(_("专家信息已保存。"), "success")
            return redirect(url_for("panels.expert_edit", expert_id=expert_id))
    return render_template("panels/expert_form.html", form=form, expert=profile)


def _photo(form: ExpertForm):
    return form.photo.data.stream if form.photo.data and form.photo.data.filename else None


def _expert_values(form: ExpertForm) -> dict:
    return {name: form[name].data for name in experts.PROFILE_FIELDS + ("publication_consent",)}


@bp.route("/panels/manage/experts/import", methods=["GET", "POST"])
@roles_required(*STAFF)
def expert_import():
    """Import experts from CSV/XLSX: all rows or none, every bad row listed."""
    form, problems = ImportForm(), []
    if form.validate_on_submit():
        try:
            count = import_experts(form.file.data.filename or "", form.file.data.stream, current_user)
        except ImportRejected as error:
            problems = error.problems
        else:
            flash(_("已导入 %(count)d 位专家。", count=count), "success")
            return redirect(url_for("panels.expert_list"))
    return render_template("panels/expert_import.html", form=form, problems=problems)


@bp.post("/panels/manage/applications/<int:app_id>/send")
@roles_required(*STAFF)
def send_to_panel(app_id: int):
    """Send an application in expert review to a panel."""
    application = access.get_application(app_id)
    form = SendForm()
    form.panel.choices = [(p.id, p.name_zh) for p in db.session.scalars(select(Panel))]
    if form.validate_on_submit():
        try:
            assignments.send_to_panel(application, _panel(form.panel.data), current_user)
        except assignments.AssignmentRefused as error:
            flash(str(error), "error")
            return redirect(url_for("panels.manage_index"))
        flash(_("已分配给评审组，请确认评审专家。"), "success")
        return redirect(url_for("panels.case", app_id=app_id))
    flash(_("请选择评审组。"), "error")
    return redirect(url_for("panels.manage_index"))


@bp.get("/panels/manage/applications/<int:app_id>")
@roles_required(*STAFF)
def case(app_id: int):
    """An application's panel, proposal, assignments, conflicts, reviews and aggregate."""
    application = access.get_application(app_id)
    case = assignments.case_of(application) or abort(404)
    current = assignments.assignments_of(application)
    proposal = assignments.propose_for([case]).picks.get(app_id, [])
    form = AssignForm(deadline=default_deadline(), experts=proposal)
    conflicted = {c.expert_id for c in conflicts.conflicts_of(application) if c.active}
    answers = declarations.declarations_of(application)
    declined = {i for i, d in answers.items() if d.outcome == declarations.DECLINED}
    form.experts.choices = [(e.id, f"{e.name}（{e.affiliation}）") for e in case.panel.members
                            if e.id not in conflicted | declined and all(a.expert_id != e.id for a in current)]
    relation_form = RelationshipForm()
    relation_form.expert.choices = [(e.id, e.name) for e in case.panel.members]
    return render_template("panels/case.html", application=application, case=case, assignments=current,
                           form=form, proposal=proposal, conflicts=conflicts.conflicts_of(application),
                           conflicted=conflicted, aggregate=aggregation.application_aggregate(application),
                           counted=aggregation.counted_reviews(application), override_form=ReasonForm(),
                           relation_form=relation_form, remove_form=PostForm(), answers=answers,
                           recommendation=reviews.recommendation_of(application),
                           loads=assignments.loads([e.id for e in case.panel.members]), today=today())


@bp.post("/panels/manage/applications/<int:app_id>/assign")
@roles_required(*STAFF)
def case_assign(app_id: int):
    """Assign the checked experts (the proposal, or staff's own choice)."""
    application = access.get_application(app_id)
    form = AssignForm()
    form.experts.choices = [(e.id, e.name) for e in _all_experts()]
    if form.validate_on_submit():
        try:
            assignments.assign(application, [_expert(i) for i in form.experts.data], form.deadline.data,
                               current_user)
        except assignments.AssignmentRefused as error:
            flash(str(error), "error")
        else:
            flash(_("评审专家已分配。"), "success")
    else:
        flash(_("请选择专家并填写截止日期。"), "error")
    return redirect(url_for("panels.case", app_id=app_id))


@bp.post("/panels/manage/assignments/<int:assignment_id>/remove")
@roles_required(*STAFF)
def case_unassign(assignment_id: int):
    """Withdraw an assignment not yet reviewed."""
    assignment = db.session.get(Assignment, assignment_id) or abort(404)
    access.get_application(assignment.application_id)
    if PostForm().validate_on_submit():
        try:
            assignments.unassign(assignment, current_user)
        except assignments.AssignmentRefused as error:
            flash(str(error), "error")
        else:
            flash(_("已撤销分配。"), "info")
    return redirect(url_for("panels.case", app_id=assignment.application_id))


@bp.post("/panels/manage/conflicts/<int:conflict_id>/override")
@roles_required(*STAFF)
def conflict_override(conflict_id: int):
    """Lift a conflict with a reason (audited)."""
    conflict = db.session.get(ConflictOfInterest, conflict_id) or abort(404)
    access.get_application(conflict.application_id)
    form = ReasonForm()
    try:
        conflicts.override(conflict, current_user, form.reason.data if form.validate_on_submit() else "")
    except conflicts.ConflictError as error:
        flash(str(error), "error")
    else:
        flash(_("已撤销该利益冲突，操作已记录。"), "info")
    return redirect(url_for("panels.case", app_id=conflict.application_id))


@bp.post("/panels/manage/applications/<int:app_id>/relationships")
@roles_required(*STAFF)
def case_relationship(app_id: int):
    """Record a relationship between an expert and this applicant (an automatic conflict)."""
    application = access.get_application(app_id)
    form = RelationshipForm()
    form.expert.choices = [(e.id, e.name) for e in _all_experts()]
    try:
        if not form.validate_on_submit():
            raise conflicts.ConflictError(_("请选择专家并填写关系说明。"))
        conflicts.record_relationship(_expert(form.expert.data), application.applicant, form.kind.data,
                                      current_user)
    except conflicts.ConflictError as error:
        flash(str(error), "error")
    else:
        flash(_("关系已登记，该专家与此申报形成利益冲突。"), "info")
    return redirect(url_for("panels.case", app_id=app_id))
