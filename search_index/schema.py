"""The two index layouts: public content and private applications.

Both are stored the same way (a ``docs`` table plus an FTS5 table with a
``title`` and a ``body`` column); a schema says which document fields go
where and which fields can filter and facet.
"""
from __future__ import annotations

from dataclasses import dataclass

PUBLIC_KINDS = frozenset({"news", "policy", "page", "panel", "expert", "station", "gongshi", "honour"})
TITLE_WEIGHT = 2.0
BODY_WEIGHT = 1.0


@dataclass(frozen=True)
class IndexSchema:
    """How one index maps document dicts to stored columns."""

    name: str
    fields: tuple[str, ...]
    title_fields: tuple[str, ...]
    facets: tuple[str, ...]

    def title_text(self, doc: dict) -> str:
        """The text indexed in the (boosted) title column."""
        return " ".join(str(doc.get(f) or "") for f in self.title_fields)

    def row(self, doc: dict) -> dict[str, str]:
        """Validate ``doc`` and return its stored fields as strings.

        Raises ValueError when the id is missing or a public kind is unknown.
        """
        row = {f: str(doc.get(f) or "") for f in self.fields}
        if not row["id"]:
            raise ValueError("document has no id")
        if self.name == "public" and row["kind"] not in PUBLIC_KINDS:
            raise ValueError(f"unknown kind {row['kind']!r} for document {row['id']!r}")
        return row


PUBLIC = IndexSchema(
    name="public",
    fields=("id", "kind", "url", "title", "body", "lang", "division", "industry", "date"),
    title_fields=("title",),
    facets=("kind", "division", "industry", "lang"),
)

PRIVATE = IndexSchema(
    name="private",
    fields=("id", "reference", "name", "employer", "body", "division", "industry", "category", "state"),
    title_fields=("reference", "name", "employer"),
    facets=("division", "industry", "category", "state"),
)

SCHEMAS = {"public": PUBLIC, "private": PRIVATE}


def schema_for(index_name: str) -> IndexSchema:
    """Return the schema of ``index_name`` ("public" or "private")."""
    try:
        return SCHEMAS[index_name]
    except KeyError:
        raise ValueError(f"unknown index {index_name!r}; expected one of {sorted(SCHEMAS)}") from None
