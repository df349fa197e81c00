"""search_index.sync: commits reach the index, rollbacks do not."""
from sqlalchemy import Boolean, String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

import search_index
from search_index.sync import track


class Base(DeclarativeBase):
    pass


class Page(Base):
    __tablename__ = "page"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    published: Mapped[bool] = mapped_column(Boolean, default=True)


def page_doc(page: Page) -> dict | None:
    if not page.published:
        return None
    return {"id": f"page:zh:{page.id}", "kind": "page", "url": f"/zh/{page.id}/", "title": page.title,
            "body": "", "lang": "zh"}


def test_commits_reach_the_index_and_rollbacks_do_not(root):
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    factory = sessionmaker(engine, class_=Session)
    track(factory, root, "public", lambda o: f"page:zh:{o.id}" if isinstance(o, Page) else None, page_doc)
    found = lambda text: search_index.matching_ids(root, "public", text)  # noqa: E731

    with factory() as session:
        session.add(Page(id=1, title="人才公寓申请指南"))
        session.commit()
        assert found("人才公寓") == ["page:zh:1"]
        session.add(Page(id=2, title="人才公寓草稿"))
        session.flush()
        session.rollback()
        assert found("草稿") == []
        page = session.get(Page, 1)
        page.published = False
        session.commit()
        assert found("人才公寓") == []
        page.published = True
        session.commit()
        assert found("人才公寓") == ["page:zh:1"]
        session.delete(page)
        session.commit()
        assert found("人才公寓") == []
