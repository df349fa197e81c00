"""The demo data gives the demo expert a profile and an assignment, three public panels, and a
demo conflict (an expert from the applicant's employer)."""
from sqlalchemy import select

from portal.demo.seed import DEMO_PASSWORD
from portal.kernel import db
from portal.panels.models import ConflictOfInterest, ExpertProfile


def test_demo_expert_has_an_assignment_and_panels_are_public(runner, client):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert "(0 new records)" in runner.invoke(args=["seed-demo"]).output
    listing = client.get("/panels/").get_data(as_text=True)
    assert all(name in listing for name in ("高端装备评审组", "新型能源评审组", "绿色食品评审组"))
    conflict = db.session.scalar(select(ConflictOfInterest))
    assert db.session.get(ExpertProfile, conflict.expert_id).affiliation == "辽西新能源研究院"
    client.post("/login", data={"email": "expert@demo.fuxin.example", "password": DEMO_PASSWORD})
    page = client.get("/expert/").get_data(as_text=True)
    assert "FX-" in page and "/expert/applications/" in page
