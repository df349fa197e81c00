"""A writer process for the concurrency test (importable by spawned children)."""
import traceback

import search_index


def doc(proc: int, item: int, body: str = "") -> dict:
    """Public document number ``item`` written by process ``proc``."""
    return {"id": f"news:en:p{proc}-{item}", "kind": "news", "url": f"/en/news/p{proc}-{item}/",
            "title": f"Update p{proc}x{item}", "body": body or f"writer proc{proc} item{item} concurrency",
            "lang": "en", "division": "", "industry": "", "date": ""}


def write_many(root: str, proc: int, count: int) -> str:
    """Add ``count`` documents, re-adding every fifth one; returns a traceback or ''."""
    try:
        for item in range(count):
            if item % 5 == 4:
                search_index.add_to_index(root, "public", doc(proc, item - 1, f"revised proc{proc} item{item - 1}"))
            else:
                search_index.add_to_index(root, "public", doc(proc, item))
        return ""
    except BaseException:
        return traceback.format_exc()
