"""A talent registers, applies with an upload, submits and sees the timeline, in a real browser."""
from playwright.sync_api import expect

from tests.conftest import PDF_BYTES


def test_register_apply_upload_submit_and_see_timeline(page, live_server, tmp_path):
    evidence = tmp_path / "证明.pdf"
    evidence.write_bytes(PDF_BYTES)

    page.goto(f"{live_server}/register")
    page.get_by_label("电子邮箱").fill("browser.talent@example.com")
    page.get_by_label("手机号码").fill("13912345678")
    page.get_by_label("密码", exact=True).fill("browser123")
    page.get_by_label("确认密码").fill("browser123")
    page.get_by_role("button", name="注册").click()
    expect(page.get_by_role("heading", name="请查收邮件")).to_be_visible()  # registering does not sign in
    page.get_by_role("link", name="前往登录").click()
    page.get_by_label("电子邮箱").fill("browser.talent@example.com")
    page.get_by_label("密码", exact=True).fill("browser123")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="我的申报")).to_be_visible()

    page.get_by_role("button", name="开始新的申报").click()
    page.get_by_label("姓名").fill("浏览器测试")
    page.get_by_label("居民身份证号码").fill("34052419800101001X")
    page.get_by_label("通讯地址").fill("阜新市海州区测试街 1 号")
    page.get_by_role("button", name="保存并继续").click()

    page.get_by_label("最高学历").select_option("masters")
    page.get_by_label("毕业院校").fill("辽宁工程技术大学")
    page.get_by_label("所学专业").fill("电气工程")
    page.get_by_label("职称级别").select_option("intermediate")
    page.get_by_role("button", name="保存并继续").click()

    page.get_by_label("工作单位").fill("阜新风电装备有限公司")
    page.get_by_label("职务/岗位").fill("工程师")
    page.get_by_label("申报类别").select_option("E")
    page.get_by_label("所属产业").select_option("new_energy")
    page.get_by_label("申报县区").select_option("210902")
    page.get_by_role("button", name="保存并继续").click()

    expect(page.get_by_role("heading", name="第 4 步：证明材料")).to_be_visible()
    for material in ("id_card", "application_form", "employment_contract", "social_insurance"):
        page.get_by_label("材料类型").select_option(material)
        page.get_by_label("文件（PDF、JPG 或 PNG）").set_input_files(str(evidence))
        page.get_by_role("button", name="上传").click()
        expect(page.get_by_text("材料已上传。")).to_be_visible()
    page.get_by_role("button", name="继续").click()

    page.get_by_label("我已阅读并同意《个人信息处理说明》", exact=False).check()
    page.get_by_role("button", name="确认提交").click()

    expect(page.get_by_role("heading", name="申报进度")).to_be_visible()
    expect(page.locator("#timeline")).to_contain_text("已提交")
    expect(page.get_by_text("提交成功，申报编号 FX-")).to_be_visible()
