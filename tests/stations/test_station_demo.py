"""Demo stations: one per division plus Shenzhen, the demo manager linked, two demo applications naming one."""
from sqlalchemy import select

from portal.accounts.models import User
from portal.applications.models import Application
from portal.kernel import db
from portal.kernel.reference_data import reference
from portal.stations.models import Station
from portal.stations.rules import location_ok


def test_demo_has_one_station_per_division_and_the_shenzhen_offsite_station(app, runner):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert runner.invoke(args=["seed-demo"]).exit_code == 0  # idempotent
    stations = db.session.scalars(select(Station)).all()
    by_division = [s.division_code for s in stations if s.station_type != "offsite"]
    assert sorted(by_division) == sorted(entry.code for entry in reference("divisions"))
    offsite = [s for s in stations if s.station_type == "offsite"]
    assert [s.name_zh for s in offsite] == ["深圳招才引智工作站"] and offsite[0].division_code is None
    assert "商会" in offsite[0].host_organisation
    assert all(s.published and s.hours and location_ok(s.station_type, s.latitude, s.longitude) for s in stations)

    manager = db.session.scalar(select(User).where(User.email == "station@demo.fuxin.example"))
    assert manager.station_id is not None
    named = db.session.scalars(select(Application).where(Application.station_id.is_not(None))).all()
    assert len(named) == 2 and any(a.station_id == manager.station_id for a in named)
