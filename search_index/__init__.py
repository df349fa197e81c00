"""Full-text search for the Fuxin Talent portal: public content and private
applications, Chinese and English, plus an export for the static site.

The portal calls only the names below; see docs/search.md.
"""
from .indexing import add_to_index, rebuild, reconcile, remove_from_index
from .querying import Hit, SearchResult, matching_ids, query_index

__all__ = [
    "Hit", "SearchResult", "add_to_index", "matching_ids", "query_index",
    "rebuild", "reconcile", "remove_from_index", "export_static",
]


def export_static(source, out_dir, base_url: str = "./"):
    """Write the static-site search files; see ``search_index.export``."""
    from .export import export_static as _export

    return _export(source, out_dir, base_url)
