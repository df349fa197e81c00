"""HR sends an application in expert review to a panel and accepts the proposed reviewers; an
expert signs in, declares no conflict and scores it; HR sees the aggregate. In a real browser."""
from playwright.sync_api import expect

from tests.conftest import PASSWORD


def _sign_in(page, live_server, user):
    page.goto(f"{live_server}/login")
    page.get_by_label("电子邮箱").fill(user.email)
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def _sign_out(page):
    page.get_by_role("button", name="退出").click()


def test_hr_assigns_an_expert_scores_and_hr_sees_the_aggregate(page, live_server, make_user, make_expert,
                                                               make_panel, expert_review_application):
    hr = make_user("hr")
    reviewer = make_expert("浏览器专家", affiliation="辽宁工程技术大学")
    others = [make_expert(affiliation="沈阳工业大学"), make_expert(affiliation="大连示例理工大学")]
    make_panel([reviewer, *others])
    application = expert_review_application(make_user("applicant"))

    _sign_in(page, live_server, hr)
    page.get_by_role("link", name="专家评审", exact=True).click()
    row = page.locator("#expert-review-applications tr", has_text=application.reference)
    row.get_by_role("button", name="分配给评审组").click()
    expect(page.get_by_text("已分配给评审组，请确认评审专家。")).to_be_visible()
    expect(page.get_by_label("浏览器专家", exact=False)).to_be_checked()  # proposed: three reviewers
    page.get_by_role("button", name="确认分配").click()
    expect(page.get_by_text("评审专家已分配。")).to_be_visible()
    expect(page.locator("#assignments")).to_contain_text("浏览器专家")
    _sign_out(page)

    _sign_in(page, live_server, reviewer.user)
    page.get_by_role("link", name="我的评审").click()
    page.get_by_role("link", name=application.reference).click()
    expect(page.locator("#conflict-check")).to_contain_text(application.employer)  # before the file opens
    page.get_by_role("button", name="无利益冲突，查看申报材料").click()
    expect(page.get_by_text("本评审组为盲审")).to_be_visible()
    for label, score in (("专业水平", "9"), ("创新能力", "8"), ("产业贡献", "7"), ("与阜新产业契合度", "10")):
        page.get_by_label(label, exact=False).fill(score)
    page.get_by_label("较高（本领域）").check()
    page.get_by_label("评审意见（仅评审组可见）").fill("技术路线清晰。")
    page.get_by_label("评审摘要（供人才办参考）").fill("建议认定。")
    page.get_by_role("button", name="提交评审（提交后锁定）").click()
    expect(page.get_by_text("评审意见已提交。")).to_be_visible()
    expect(page.locator("#my-review")).to_contain_text("84.5")  # .3*.9 + .25*.8 + .25*.7 + .2*1
    _sign_out(page)

    _sign_in(page, live_server, hr)
    page.goto(f"{live_server}/panels/manage/applications/{application.id}")
    expect(page.locator("#weighted-score")).to_have_text("84.5")
    expect(page.locator("#aggregate")).to_contain_text("建议认定。")
    expect(page.locator("#aggregate")).not_to_contain_text("技术路线清晰。")
