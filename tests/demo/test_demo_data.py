"""seed-demo creates one account per role and applicants in several states, and is idempotent."""
from sqlalchemy import func, select

from portal.accounts.models import Role, User
from portal.applications.models import Application, ApplicationEvent
from portal.demo.seed import DEMO_PASSWORD
from portal.kernel import db


def _counts():
    return (db.session.scalar(select(func.count()).select_from(User)),
            db.session.scalar(select(func.count()).select_from(Application)),
            db.session.scalar(select(func.count()).select_from(ApplicationEvent)))


def test_seed_demo_is_idempotent_and_covers_roles_and_states(runner, client):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    before = _counts()
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0 and "(0 new records)" in second.output
    assert _counts() == before
    roles = set(db.session.scalars(select(User.role)))
    assert roles == {role.value for role in Role}
    states = set(db.session.scalars(select(Application.state)))
    assert {"draft", "submitted", "returned", "recognised", "withdrawn", "publicity", "county_review"} <= states
    recognised = db.session.scalar(select(Application).where(Application.state == "recognised"))
    assert recognised.certificate_number and [e.to_state for e in recognised.events][-2:] == ["publicity", "recognised"]
    from portal.publicity.batches import public_batches
    batches = public_batches()
    assert len(batches) == 2 and all(len(b["entries"]) == 1 for b in batches)
    response = client.post("/login", data={"email": "applicant@demo.fuxin.example", "password": DEMO_PASSWORD})
    assert response.status_code == 302
