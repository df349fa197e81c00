"""Database-backed sections of the public site: service stations and expert panels."""
from __future__ import annotations

from portal.kernel import db
from tests.site.conftest import tree, write_news


def _text(site, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_published_stations_and_their_map_are_on_the_site(app, make_station, builder, demo_content, tmp_path):
    shown = make_station(name_zh="海州区人才工作服务站", name_en="Haizhou Talent Station")
    hidden = make_station(name_zh="筹建中的服务站", published=False)
    out = tmp_path / "_site"
    builder(demo_content, out, base="/sub/")
    listing = _text(out, "stations/index.html")
    assert "海州区人才工作服务站" in listing and "<svg" in listing
    assert f'href="/sub/stations/{shown.id}/"' in listing  # the map and the list link to the page
    assert "Haizhou Talent Station" in _text(out, f"en/stations/{shown.id}/index.html")
    assert (out / "stations" / "map.svg").read_text(encoding="utf-8").lstrip().startswith("<svg")
    assert not (out / "stations" / str(hidden.id)).exists()
    assert all("筹建中的服务站".encode() not in data for data in tree(out).values())


def test_only_experts_who_consented_appear(app, make_expert, make_panel, builder, demo_content, tmp_path):
    public = make_expert(name="欧阳公开", consent=True)
    private = make_expert(name="司马不公开", consent=False)
    panel = make_panel(members=[public, private], chair=private, code="equip")
    out = tmp_path / "_site"
    builder(demo_content, out)
    page = _text(out, "panels/equip/index.html")
    assert "欧阳公开" in page and panel.name_zh in page
    assert (out / "experts" / str(public.id) / "index.html").is_file()
    assert not (out / "experts" / str(private.id)).exists()
    assert all("司马不公开".encode() not in data for data in tree(out).values())


def test_incremental_after_a_news_file_and_a_database_row_change_equals_a_full_build(
        app, make_station, builder, demo_content, tmp_path):
    station = make_station(name_zh="细河区人才工作服务站", division_code="210911")
    make_station(name_zh="太平区人才工作服务站", division_code="210904")
    out = tmp_path / "_site"
    builder(demo_content, out)

    news = demo_content / "news" / "hydrogen-talent-forum.zh.md"
    news.write_text(news.read_text(encoding="utf-8") + "\n会后发布了纪要。\n", encoding="utf-8")
    write_news(demo_content, "station-moves", "细河区服务站迁址。", tags="[服务站]")
    with db.transaction():
        station.address = "阜新市细河区新址路 8 号"
    report = builder(demo_content, out)
    assert "新址路 8 号" in _text(out, f"stations/{station.id}/index.html")
    assert "会后发布了纪要" in _text(out, "news/hydrogen-talent-forum/index.html")
    assert report.written < report.pages / 2

    fresh = tmp_path / "_fresh"
    builder(demo_content, fresh, full=True)
    assert tree(out) == tree(fresh)
