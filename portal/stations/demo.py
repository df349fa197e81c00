"""Fictional demo stations: one per Fuxin division plus the Shenzhen off-site station. Idempotent."""
from __future__ import annotations

from datetime import date, time

from sqlalchemy import select

from portal.accounts.models import User
from portal.applications.models import Application
from portal.kernel import db
from portal.stations.models import (
    AMBASSADOR,
    CAMPUS,
    COUNTY,
    HEAD,
    LIAISON,
    OFFSITE,
    Station,
    StationHours,
    StationStaff,
)

WEEKDAYS = range(5)
OFFICE = [(time(8, 30), time(11, 30)), (time(13, 30), time(17, 0))]
SHENZHEN_OFFICE = [(time(9, 0), time(12, 0)), (time(14, 0), time(18, 0))]
COMMON = ["policy", "application_help", "housing", "schooling"]

# name_zh, name_en, type, host, division, address, area served, contact, phone, services, opened, lat, lon,
# Saturday morning too?, (head, liaison, ambassador). Every name, address and number is invented.
STATIONS = [
    ("海州区人才工作服务站", "Haizhou District Talent Service Station", COUNTY, "海州区人力资源和社会保障局", "210902",
     "阜新市海州区示例大街 18 号 政务服务中心 3 楼", "海州区各街道及驻区企业", "林晓雯", "0418-1000101",
     COMMON + ["recruiting"], date(2021, 6, 18), 42.012, 121.675, True, ("郑国栋", "林晓雯", "许嘉言")),
    ("新邱区人才工作服务站", "Xinqiu District Talent Service Station", COUNTY, "新邱区人力资源和社会保障局", "210903",
     "阜新市新邱区示例路 6 号", "新邱区全域", "付雅琴", "0418-1000102", COMMON, date(2021, 7, 2), 42.085, 121.79,
     False, ("宋立新", "付雅琴", None)),
    ("太平区人才工作服务站", "Taiping District Talent Service Station", COUNTY, "太平区人力资源和社会保障局", "210904",
     "阜新市太平区示例街 27 号", "太平区全域", "潘一鸣", "0418-1000103", COMMON + ["startup"], date(2021, 7, 9),
     41.975, 121.60, False, ("贺长青", "潘一鸣", None)),
    ("清河门区人才工作服务站", "Qinghemen District Talent Service Station", COUNTY, "清河门区人力资源和社会保障局",
     "210905", "阜新市清河门区示例大道 3 号", "清河门区全域", "常思源", "0418-1000104", COMMON, date(2021, 8, 1),
     41.77, 121.42, False, ("姚建平", "常思源", None)),
    ("细河区人才工作服务站", "Xihe District Talent Service Station", COUNTY, "细河区人力资源和社会保障局", "210911",
     "阜新市细河区示例路 52 号 人才之家", "细河区全域及辽宁工程技术大学周边", "邵子航", "0418-1000105",
     COMMON + ["project_matching"], date(2021, 6, 25), 42.06, 121.62, True, ("蒋文博", "邵子航", "温如玉")),
    ("阜新县人才工作服务站", "Fuxin County Talent Service Station", COUNTY, "阜新蒙古族自治县人力资源和社会保障局",
     "210921", "阜新蒙古族自治县示例镇示例街 9 号", "阜新县各乡镇", "白乌兰", "0418-1000106", COMMON + ["recruiting"],
     date(2021, 9, 15), 42.20, 121.45, False, ("包达来", "白乌兰", None)),
    ("彰武县人才工作服务站", "Zhangwu County Talent Service Station", COUNTY, "彰武县人力资源和社会保障局", "210922",
     "彰武县示例大街 66 号", "彰武县各乡镇及精细化工园区", "房雨桐", "0418-1000107", COMMON + ["recruiting"],
     date(2021, 9, 22), 42.39, 122.54, False, ("左振华", "房雨桐", None)),
    ("高新区人才工作服务站", "High-tech Zone Talent Service Station", CAMPUS, "阜新高新技术产业开发区管委会", "HTZ",
     "阜新高新区示例产业园 1 号楼", "高新区企业及无人机、氢能产业园", "詹可欣", "0418-1000108",
     ["policy", "application_help", "startup", "project_matching", "recruiting"], date(2022, 3, 8), 41.96, 121.74,
     False, ("柯志远", "詹可欣", "尹博文")),
    ("深圳招才引智工作站", "Shenzhen Talent Recruiting Station", OFFSITE, "深圳市阜新商会（示例）", None,
     "深圳市福田区示例路 100 号 商会大厦 12 楼", "粤港澳大湾区的阜新籍人才和有意来阜发展的人才", "卢海峰",
     "0755-10000109", ["policy", "recruiting", "project_matching"], date(2023, 5, 20), 22.54, 114.06, False,
     ("卢海峰", "雷佳琪", "施展鹏")),
]

ASSISTED = {"talent1": "海州区人才工作服务站", "talent3": "阜新县人才工作服务站"}


def _add_station(row: tuple) -> Station:
    (name_zh, name_en, kind, host, division, address, served, contact, phone, services, opened, lat, lon,
     saturday, (head, liaison, ambassador)) = row
    station = Station(name_zh=name_zh, name_en=name_en, station_type=kind, host_organisation=host,
                      division_code=division, address=address, area_served=served, contact_person=contact,
                      office_phone=phone, services=services, opened_on=opened, latitude=lat, longitude=lon,
                      published=True)
    office = SHENZHEN_OFFICE if kind == OFFSITE else OFFICE
    station.hours = [StationHours(weekday=d, opens=o, closes=c) for d in WEEKDAYS for o, c in office]
    if saturday:
        station.hours.append(StationHours(weekday=5, opens=time(9, 0), closes=time(12, 0)))
    station.staff = [StationStaff(staff_role=HEAD, name=head, position=host),
                     StationStaff(staff_role=LIAISON, name=liaison, position=host)]
    if ambassador:
        station.staff.append(StationStaff(staff_role=AMBASSADOR, name=ambassador, position="示例科技有限公司 技术总监"))
    return station


def seed_demo_stations(domain: str, manager_email: str) -> int:
    """Create the missing demo stations, link the demo manager and two demo applications; returns how many were created."""
    created = 0
    with db.transaction() as session:
        existing = set(session.scalars(select(Station.name_zh)))
        for row in STATIONS:
            if row[0] not in existing:
                session.add(_add_station(row))
                created += 1
        session.flush()
        by_name = {s.name_zh: s for s in session.scalars(select(Station))}
        manager = session.scalar(select(User).where(User.email == manager_email))
        if manager is not None and manager.station_id is None:
            manager.station_id = by_name[STATIONS[0][0]].id
        for local, station_name in ASSISTED.items():
            application = session.scalar(select(Application).join(Application.applicant)
                                         .where(User.email == f"{local}@{domain}"))
            if application is not None and application.station_id is None:
                application.station_id = by_name[station_name].id
    return created
