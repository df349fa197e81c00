"""Stage 3: the content folder and every section's database rows, read into one SiteSource.

The static build loads the source once before rendering and hands it to the app
(``portal.site.source.use_source``), so thousands of requests never touch the disk or the database.
"""
from __future__ import annotations

from pathlib import Path

from portal.content.cache import PageCache
from portal.content.library import load_library
from portal.content.rendered import ContentPreload
from portal.site.source import SiteSource, load_section_data


def load_source(content_dir: Path, cache: PageCache | None = None, workers: int | None = None,
                preload: ContentPreload | None = None) -> SiteSource:
    """Read the content folder and every section's database rows into a SiteSource.

    Raises ContentError (file and field named) for bad content. Call inside an app context.
    ``preload``: the folder's files already being rendered (see ``portal.content.preload``).
    """
    # The database first: while it is read, a preload's readers go on rendering content.
    data = load_section_data()
    library = load_library(Path(content_dir), workers=workers, cache=cache, preload=preload)
    return SiteSource(library=library, data=data)
