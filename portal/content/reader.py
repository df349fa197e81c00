"""The one reader: a Markdown file with YAML front matter in, ``(metadata, html)`` out."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml
from frontmatter.default_handlers import YAMLHandler

from portal.content.assets import find_assets
from portal.content.errors import ContentError
from portal.content.flat_front_matter import read_flat
from portal.content.frontmatter_schema import validate_metadata
from portal.content.page import Page, PageMeta
from portal.content.rendering import render_markdown

# python-frontmatter's own parse() silently drops front matter that is not a
# mapping; splitting and loading through its handler lets us report it.
_YAML = YAMLHandler()
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_file(path: Path) -> tuple[PageMeta, str]:
    """Return the validated metadata and sanitised HTML of the file at ``path``.

    Raises ContentError naming the file (and the field) when the file is not
    UTF-8, its front matter is not valid YAML, or a field is wrong.
    """
    return _parse(path, path.read_bytes())


def read_page(path: Path, content_root: Path, section: str) -> Page:
    """Return the full Page for ``path`` inside ``content_root``.

    Besides metadata and HTML the page records its source path relative to
    ``content_root``, the SHA-256 of its bytes (for incremental builds) and
    the relatively referenced files beside it (for the build to copy).
    """
    return page_from_bytes(path, path.read_bytes(), content_root, section)


def page_from_bytes(path: Path, data: bytes, content_root: Path, section: str) -> Page:
    """Like ``read_page``, for the already-read bytes ``data`` of ``path``."""
    meta, html = _parse(path, data)
    return Page(
        section=section,
        meta=meta,
        html=html,
        source=path.relative_to(content_root).as_posix(),
        sha256=hashlib.sha256(data).hexdigest(),
        assets=find_assets(html, path),
    )


def _parse(path: Path, data: bytes) -> tuple[PageMeta, str]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ContentError(path, "file", f"is not UTF-8 ({exc.reason} at byte {exc.start})") from None
    if not text.lstrip().startswith("---"):
        raise ContentError(path, "front matter", "is missing (the file must start with ---)")
    try:
        front, body = _YAML.split(text.strip())
    except ValueError:
        raise ContentError(path, "front matter", "is not closed by a --- line") from None
    raw = read_flat(front)  # the common flat form, read fast; anything else goes to PyYAML
    if raw is None:
        try:
            raw = _YAML.load(front, Loader=_LOADER)
        except yaml.YAMLError as exc:
            raise ContentError(path, "front matter", f"is not valid YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise ContentError(path, "front matter", "must be a mapping of field: value")
    return validate_metadata(raw, path), render_markdown(body)
