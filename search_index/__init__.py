"""Full-text search for the Fuxin Talent portal: public content and private
applications, Chinese and English, plus an export for the static site.

The portal calls only the names below (and ``search_index.sync.track`` to
index on commit); see docs/search.md.
"""
from .export import export_static
from .indexing import add_to_index, rebuild, reconcile, remove_from_index
from .querying import Hit, SearchResult, matching_ids, query_index

__all__ = [
    "Hit", "SearchResult", "add_to_index", "export_static", "matching_ids", "query_index",
    "rebuild", "reconcile", "remove_from_index",
]
