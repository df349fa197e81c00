"""Demo data for the review side: walks demo applications to their states through the real
transitions, and opens a closed and an open 公示 batch (consenting applicants only)."""
from __future__ import annotations

from datetime import timedelta

from portal.accounts.models import User
from portal.applications import filing as apply_service
from portal.applications import workflow
from portal.applications.models import Application
from portal.kernel.clock import today
from portal.kernel.reference_data import reference
from portal.publicity import batches as publicity
from portal.review import staff_review as review

CONTACT = "阜新市人才工作领导小组办公室（演示），电话 0418-0000000，地址：阜新市细河区示例路 1 号"
EARLY = ("intake", "pass_qualification", "county_approve")
PATHS = {
    workflow.SUBMITTED: (),
    workflow.QUALIFICATION: ("intake",),
    workflow.RETURNED: ("intake",),
    workflow.COUNTY_REVIEW: ("intake", "pass_qualification"),
    workflow.CITY_REVIEW: EARLY,
    workflow.EXPERT_REVIEW: EARLY + ("send_to_experts",),
}


def _to_decision(application: Application) -> tuple[str, ...]:
    entry = reference("categories").get(application.category_code)
    if entry and entry.extra.get("expert_review"):
        return EARLY + ("send_to_experts", "experts_done")
    return EARLY + ("city_approve",)


def advance(application: Application, target: str, owner: User, city_hr: User) -> None:
    """Take the demo application to `target` the way staff would, recording real history."""
    if target == workflow.WITHDRAWN:
        apply_service.withdraw(application, owner, "演示：申请人主动撤回")
        return
    if target in (workflow.DECISION, workflow.PUBLICITY, workflow.RECOGNISED):
        names = _to_decision(application)
    else:
        names = PATHS[target]
    for name in names:
        review.take(application, name, city_hr, "演示数据")
    if target == workflow.RETURNED:
        review.return_for_correction(application, city_hr, [
            review.Problem("field", "graduate_school", "请填写毕业院校全称，与学历证书一致。"),
            review.Problem("material", "employment_contract", "劳动合同缺少签字页，请补充上传。"),
        ], "演示：一次性告知")
    elif target == workflow.RECOGNISED:
        batch = publicity.create_batch(city_hr, "2026 年第一批阜新英才认定公示（演示）", today() - timedelta(days=30),
                                       [application.id], CONTACT)
        publicity.close_batch(batch, city_hr)
    elif target == workflow.PUBLICITY:
        publicity.create_batch(city_hr, "2026 年第二批阜新英才认定公示（演示）", today(), [application.id], CONTACT)
