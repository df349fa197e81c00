"""One document as Whoosh fields."""
from __future__ import annotations

import hashlib
import json

from .schema import IndexSchema


def doc_hash(row: dict[str, str]) -> str:
    """A digest of a document's stored fields; equal digests mean no change."""
    data = json.dumps(row, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha1(data).hexdigest()


def whoosh_fields(schema: IndexSchema, row: dict[str, str]) -> dict:
    """The Whoosh fields of a validated row (from ``schema.row``)."""
    title = schema.title_text(row)
    return {"id": row["id"], "title": title, "body": row["body"], "doc": dict(row, hash=doc_hash(row)),
            "facets": schema.facet_key(row), "spell": title + " " + row["body"]}
