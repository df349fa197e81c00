"""公示 on the public site: open and past batches, the honour roll of consenting talents, the
feed, and an incremental build after a news file and a 公示 entry change."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta

from portal.applications import workflow
from portal.demo.seed import make_id_number
from portal.kernel import clock, db
from portal.publicity import batches as publicity
from tests.site.conftest import ORIGIN, tree

CONTACT = "市人才办 0418-1234567"


def _people(make_user, decided_application, count: int, start: int = 0) -> list:
    found = []
    for n in range(start, start + count):
        application = decided_application(make_user("applicant"),
                                          id_number=make_id_number("210902", f"1990010{n + 1}", "011"))
        with db.transaction():
            application.full_name, application.employer = f"公示人{n}", f"示例企业{n}"
        found.append(application)
    return found


def test_open_and_past_batches_and_the_feed(app, make_user, decided_application, builder, demo_content, tmp_path):
    city = make_user("hr")
    old, new = _people(make_user, decided_application, 2)
    past = publicity.create_batch(city, "第一批公示", clock.today() - timedelta(days=30), [old.id], CONTACT)
    current = publicity.create_batch(city, "第二批公示", clock.today(), [new.id], CONTACT)
    out = tmp_path / "_site"
    builder(demo_content, out)
    listing = (out / "gongshi" / "index.html").read_text(encoding="utf-8")
    assert listing.index("正在公示") < listing.index("第二批公示") < listing.index("往期公示") < listing.index("第一批公示")
    page = (out / "gongshi" / str(current.id) / "index.html").read_text(encoding="utf-8")
    assert "公示人1" in page and "示例企业1" in page and CONTACT in page
    assert new.id_number not in page and new.phone not in page and new.email not in page
    assert "Open for objections" in (out / "en" / "gongshi" / str(current.id) / "index.html").read_text("utf-8")
    feed = ET.parse(out / "feed.xml").getroot()
    links = {link.get("href") for link in feed.iter("{http://www.w3.org/2005/Atom}link")}
    assert f"{ORIGIN}/gongshi/{past.id}/" in links and f"{ORIGIN}/gongshi/{current.id}/" in links
    assert f"{ORIGIN}/news/release-ceremony/" in links


def test_the_honour_roll_lists_only_recognised_talents_who_consented(app, make_user, decided_application,
                                                                     builder, demo_content, tmp_path):
    shown, hidden = _people(make_user, decided_application, 2)
    with db.transaction():
        for application, consent in ((shown, True), (hidden, False)):
            application.state, application.recognised_at = workflow.RECOGNISED, clock.utcnow()
            application.publication_consent = consent
    out = tmp_path / "_site"
    builder(demo_content, out)
    roll = (out / "honour-roll" / "index.html").read_text(encoding="utf-8")
    assert shown.full_name in roll
    assert all(hidden.full_name.encode() not in data for data in tree(out).values())


def test_incremental_after_a_news_file_and_a_publicity_entry_change_equals_a_full_build(
        app, make_user, decided_application, builder, demo_content, tmp_path):
    city = make_user("hr")
    people = _people(make_user, decided_application, 3)
    batch = publicity.create_batch(city, "第三批公示", date.today(), [p.id for p in people], CONTACT)
    out = tmp_path / "_site"
    builder(demo_content, out)

    news = demo_content / "news" / "first-batch-gongshi.zh.md"
    news.write_text(news.read_text(encoding="utf-8") + "\n第三批公示已发布。\n", encoding="utf-8")
    publicity.pull_entry(batch.entries[1], city, "材料需补正")
    report = builder(demo_content, out)
    page = (out / "gongshi" / str(batch.id) / "index.html").read_text(encoding="utf-8")
    assert "公示人0" in page and "公示人1" not in page and "公示人2" in page
    assert report.written < report.pages / 2

    fresh = tmp_path / "_fresh"
    builder(demo_content, fresh, full=True)
    assert tree(out) == tree(fresh)
