"""The two index layouts: public content and private applications.

Both are stored the same way in Whoosh (``whoosh_schema``): a unique ``id``,
scored ``title`` and ``body`` fields, the stored document, a column holding
its facet values, and the spelling vocabulary. An ``IndexSchema`` says which
document fields go where and which fields can filter and facet.
"""
from __future__ import annotations

from dataclasses import dataclass

from whoosh import columns, fields

from .analysis import DEFAULT_METHOD
from .tokenizer import SearchTokenizer, SpellTokenizer, SpellWords, TermCounts

PUBLIC_KINDS = frozenset({"news", "policy", "page", "panel", "expert", "station", "gongshi", "honour"})
TITLE_WEIGHT = 2.0  # query-time boost of the title field's BM25F score
BODY_WEIGHT = 1.0
FACET_SEP = "\x1f"


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

    def facet_key(self, row: dict[str, str]) -> bytes:
        """The facet values of ``row``, joined, as stored in the ``facets`` column."""
        return FACET_SEP.join(row.get(f, "") for f in self.facets).encode()


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


def whoosh_schema(method: str = DEFAULT_METHOD) -> fields.Schema:
    """The Whoosh schema of either index. ``title`` and ``body`` are scored
    (BM25F) with term-frequency postings; ``doc`` stores the row and its
    hash; ``facets`` is a column of joined facet values (few distinct
    values, hence ``RefBytesColumn``); ``spell`` holds unstemmed Latin words."""
    analyzer = SearchTokenizer(method)
    return fields.Schema(
        id=fields.ID(unique=True),
        title=fields.FieldType(TermCounts(), analyzer, scorable=True),
        body=fields.FieldType(TermCounts(), analyzer, scorable=True),
        doc=fields.STORED(),
        facets=fields.COLUMN(columns.RefBytesColumn()),
        spell=fields.FieldType(SpellWords(), SpellTokenizer()),
    )
