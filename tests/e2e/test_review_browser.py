"""HR returns an application for correction, the applicant fixes and resubmits it, and HR takes it
through the reviews into a 公示 batch, in a real browser."""
from playwright.sync_api import expect

from tests.conftest import PASSWORD


def _sign_in(page, live_server, user):
    page.goto(f"{live_server}/login")
    page.get_by_label("电子邮箱").fill(user.email)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def _sign_out(page):
    page.get_by_role("button", name="退出").click()


def _take(page, action):
    page.get_by_role("button", name=action, exact=True).click()
    expect(page.get_by_text(f"已办理：{action}。")).to_be_visible()


def test_return_resubmit_and_publish(page, live_server, make_user, submitted_application):
    applicant = make_user("applicant")
    hr = make_user("hr", full_name="市人才办审核员")
    application = submitted_application(applicant, category="D", division="210902")

    _sign_in(page, live_server, hr)
    page.goto(f"{live_server}/review/")
    page.get_by_role("link", name=application.reference).click()
    _take(page, "受理")
    page.get_by_role("link", name="退回补正（一次性告知）").click()
    page.get_by_label("毕业院校").fill("请填写毕业院校全称")
    page.get_by_label("其他问题").fill("请补充学位证书扫描件")
    page.get_by_role("button", name="退回补正").click()
    expect(page.get_by_text("已退回补正，申请人将收到通知。")).to_be_visible()
    expect(page.locator("#current-state")).to_have_text("退回补正")
    _sign_out(page)

    _sign_in(page, live_server, applicant)
    expect(page.locator("#nav-notifications .badge")).to_have_text("2")
    page.goto(f"{live_server}/apply/{application.id}")
    expect(page.locator("#corrections")).to_contain_text("请填写毕业院校全称")
    expect(page.locator("#corrections")).to_contain_text("请补充学位证书扫描件")
    page.locator("#corrections").get_by_role("link", name="去修改").click()
    expect(page.locator("#step-corrections")).to_contain_text("请填写毕业院校全称")
    page.get_by_label("毕业院校").fill("辽宁工程技术大学（阜新校区）")
    page.get_by_role("button", name="保存并继续").click()
    page.goto(f"{live_server}/apply/{application.id}/step/5")
    page.get_by_role("button", name="确认提交").click()
    expect(page.locator("#timeline")).to_contain_text("补正后重新提交")
    _sign_out(page)

    _sign_in(page, live_server, hr)
    page.goto(f"{live_server}/review/{application.id}")
    expect(page.locator("#applicant-data")).to_contain_text("辽宁工程技术大学（阜新校区）")
    for action in ("受理", "资格审查通过，转县区初审", "县区初审通过，报市级复审", "市级复审通过，报人才办决定"):
        _take(page, action)
    expect(page.locator("#current-state")).to_have_text("人才办决定")

    page.goto(f"{live_server}/gongshi/manage/")
    page.get_by_label("批次名称").fill("2026 年第一批阜新英才认定公示")
    page.get_by_label("公示开始日期").fill("2026-11-23")
    page.get_by_label("异议受理联系方式").fill("市人才办 0418-1234567")
    page.get_by_label(f"{application.reference} 测试申报人").check()
    page.get_by_role("button", name="创建公示批次").click()
    expect(page.get_by_text("公示批次已创建，公示期至 2026-11-27。")).to_be_visible()

    page.get_by_role("link", name="公开页面").click()
    expect(page.get_by_role("heading", name="2026 年第一批阜新英才认定公示")).to_be_visible()
    expect(page.locator("table.public-list")).to_contain_text("测试申报人")
    expect(page.locator("#objection-contact")).to_have_text("市人才办 0418-1234567")
