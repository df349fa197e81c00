"""Which Markdown files a content folder has, and reading one of them into a Page."""

from __future__ import annotations

import os
from pathlib import Path

from portal.content.page import Page

SECTIONS = ("news", "policies", "pages")


def content_files(root: Path) -> list[tuple[Path, str]]:
    """Every ``*.md`` file under the known sections of ``root``, with its section.

    Missing sections (or a missing root) simply contribute nothing. Files and
    folders whose names start with ``.`` or ``_`` are ignored (editor swap
    files, drafts kept aside).
    """
    return [(Path(path), section) for path, section in content_file_names(str(root))]


def content_file_names(root: str) -> list[tuple[str, str]]:
    """``content_files`` with plain strings: on ten thousand files, Path objects cost a third
    of a second."""
    found: list[tuple[str, str]] = []
    for section in SECTIONS:
        base = os.path.join(root, section)
        if not os.path.isdir(base):
            continue
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
            found.extend(
                (os.path.join(dirpath, name), section)
                for name in sorted(filenames)
                if name.endswith(".md") and not name.startswith((".", "_"))
            )
    return found


def read_content_file(name: str, root: Path, section: str) -> Page:
    """The Page of the file ``name`` (in ``section`` of the content folder ``root``)."""
    # Imported here, not above: build.py lists the files (this module) before it forks its
    # content readers, and the Markdown stack is theirs to import, off the build's critical path.
    from portal.content.reader import page_from_bytes

    with open(name, "rb") as handle:
        data = handle.read()
    return page_from_bytes(Path(name), data, root, section)
