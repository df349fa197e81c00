"""Check that every internal link and asset in a built site resolves to a file."""

from __future__ import annotations

import html
import os
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

# (tag, attribute) pairs whose value is a URL the browser will fetch or follow.
_URL_ATTRS = {
    ("a", "href"), ("link", "href"), ("area", "href"),
    ("img", "src"), ("script", "src"), ("source", "src"), ("iframe", "src"),
    ("video", "src"), ("video", "poster"), ("audio", "src"), ("track", "src"),
    ("embed", "src"), ("form", "action"),
}
_SRCSET_TAGS = {"img", "source"}
# Below this many pages a process pool costs more than it saves.
_PARALLEL_THRESHOLD = 500


@dataclass(frozen=True, slots=True)
class BrokenLink:
    """One internal link that does not resolve: where it is, what it says, and why."""

    file: str
    link: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.link}: {self.reason}"


_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Possessive (*+, ++): runs of plain characters are taken whole and never re-split, which is
# fast and cannot backtrack without end on a tag that is never closed.
# Tags whose name starts as no URL-carrying tag (or <base>) does are skipped by the pattern
# itself: most of a page's div, p, meta, nav and time tags are never looked at.
_URL_TAG_INITIALS = "".join(sorted({c for tag, _ in _URL_ATTRS for c in (tag[0].lower(), tag[0].upper())} | set("bB")))
_TAG = re.compile(r"<(?=[" + _URL_TAG_INITIALS + r"])([a-zA-Z][a-zA-Z0-9]*)\s((?:[^>\"']++|\"[^\"]*\"|'[^']*')*+)>")
_ATTR = re.compile(r"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def _link_groups(page_html: str) -> tuple[list[tuple[str, ...]], str | None]:
    """The URLs in ``page_html`` a browser would fetch or follow, tag by tag, and its <base href>.

    A regular-expression scan rather than a full parser: on a site of ten
    thousand pages it is several times faster, and URL attributes are all
    it needs to see. The same tags (header, footer, tag links) recur on
    every page, so what each distinct tag holds is worked out once.
    """
    groups: list[tuple[str, ...]] = []
    base_href = None
    if "<!--" in page_html:
        page_html = _COMMENT.sub("", page_html)
    for found in _TAG.findall(page_html):
        parsed = _TAG_URLS.get(found)
        if parsed is None:
            parsed = _tag_urls(*found)
            if len(_TAG_URLS) >= _TAG_MEMO_SIZE:
                _TAG_URLS.clear()
            _TAG_URLS[found] = parsed
        tag_links, tag_base = parsed
        if tag_links:
            groups.append(tag_links)
        if tag_base is not None:
            base_href = tag_base
    return groups, base_href


_TAG_URLS: dict[tuple[str, str], tuple[tuple[str, ...], str | None]] = {}
_TAG_MEMO_SIZE = 200_000


def _tag_urls(tag: str, attrs: str) -> tuple[tuple[str, ...], str | None]:
    """The URLs one tag (name, attribute text) carries, and its href if it is <base>."""
    tag = tag.lower()
    links: list[str] = []
    base_href = None
    for name, dq, sq, bare in _ATTR.findall(attrs):
        name = name.lower()
        value = html.unescape(dq or sq or bare).strip()
        if not value:
            continue
        if tag == "base" and name == "href":
            base_href = value
        elif (tag, name) in _URL_ATTRS:
            links.append(value)
        elif name == "srcset" and tag in _SRCSET_TAGS:
            links.extend(part.split()[0] for part in value.split(",") if part.split())
    return tuple(links), base_href


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _local_path(link: str) -> str | None:
    """The path part of ``link`` if it points into this site, else None."""
    if link.startswith("//") or _SCHEME.match(link):
        return None
    path = link.split("#", 1)[0].split("?", 1)[0]
    return path or None


def _join(page_url: str, path: str) -> str:
    """``path`` resolved against ``page_url`` the way a browser does (dot segments removed)."""
    joined = path if path.startswith("/") else posixpath.dirname(page_url) + "/" + path
    folder = joined.endswith(("/", "/.", "/..")) or path in (".", "..")
    normal = posixpath.normpath(joined)
    if normal.startswith("//"):
        normal = "/" + normal.lstrip("/")
    return normal + "/" if folder and normal != "/" else normal


def _resolve(site: Path, url_path: str) -> Path | None:
    """The file a static server would send for ``url_path`` (relative to the site root)."""
    rel = url_path.lstrip("/")
    candidate = site / rel
    if url_path.endswith("/") or rel == "":
        candidate = candidate / "index.html"
    if candidate.is_file():
        return candidate
    if candidate.is_dir() and (candidate / "index.html").is_file():
        return candidate / "index.html"
    return None


def _html_files(site: Path, only: Iterable[str] | None) -> Iterator[Path]:
    if only is not None:
        pages = (site / rel for rel in sorted(set(only)) if rel.endswith((".html", ".htm")))
        yield from (page for page in pages if page.is_file())
        return
    for dirpath, _dirs, files in os.walk(site):
        yield from (Path(dirpath) / name for name in files if name.endswith((".html", ".htm")))


def check_links(
    site: Path, base_path: str = "/", only: Iterable[str] | None = None, workers: int = 1
) -> list[BrokenLink]:
    """Return every internal ``href``/``src`` in the HTML under ``site`` that does not resolve.

    ``base_path`` is the URL path the site is served from (``/`` or
    ``/some/sub/path/``): a root-relative link must start with it, and the
    rest must name a file in ``site`` (a path ending in ``/`` means its
    ``index.html``). Relative links are resolved against the page's own URL.
    External links (with a scheme or host), ``mailto:``, ``tel:`` and pure
    fragments are not checked. The result is sorted by file, then link.

    ``only`` limits the pages checked to these paths (relative to ``site``),
    for an incremental build; links are still resolved against the whole
    site. After removing pages, check everything: unchanged pages may link
    to what was removed. ``workers`` > 1 checks large sites in that many
    processes; the result is the same.
    """
    site = Path(site)
    base = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    pages = list(_html_files(site, only))
    if workers > 1 and len(pages) >= _PARALLEL_THRESHOLD:
        chunks = [(site, pages[i::workers], base) for i in range(workers)]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            broken = [b for part in pool.map(_check_pages, chunks) for b in part]
    else:
        broken = _check_pages((site, pages, base))
    return sorted(broken, key=lambda b: (b.file, b.link))


def _check_pages(job: tuple[Path, list[Path], str]) -> list[BrokenLink]:
    site, pages, base = job
    seen: dict[str, str | None] = {}
    return [broken for page in pages for broken in _check_page(site, page, base, seen)]


def _check_page(site: Path, page: Path, base: str, seen: dict[str, str | None]) -> list[BrokenLink]:
    rel_file = page.relative_to(site).as_posix()
    text = page.read_text(encoding="utf-8", errors="replace")
    return _check_text(rel_file, text, base, seen, lambda rel: _resolve(site, rel) is not None)


def check_html(rel_file: str, text: str, base_path: str, files: Callable[[str], bool],
               seen: dict[str, str | None] | None = None) -> list[BrokenLink]:
    """The broken links of one page held in memory, by the rules of ``check_links``.

    ``rel_file`` is where the page will be in the site, ``text`` its HTML, and ``files``
    says whether a path (relative to the site root, e.g. ``news/x/index.html``) will exist
    in the finished site. Lets a build check pages as it renders them, before the rest of
    the site is on disk. ``seen`` memoises resolutions across calls.
    """
    base = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"

    def exists(url_path: str) -> bool:
        rel = url_path.lstrip("/")
        if url_path.endswith("/") or rel == "":
            return files(rel + "index.html")
        return files(rel) or files(rel + "/index.html")

    return _check_text(rel_file, text, base, {} if seen is None else seen, exists)


def _check_text(rel_file: str, text: str, base: str, seen: dict, exists: Callable[[str], bool]) -> list[BrokenLink]:
    """The broken links of one page. ``seen`` remembers, for the site being checked, what is
    wrong with each URL (None: nothing), and which tags' links all resolve from any page (a
    tag's tuple of links, when none of them is relative): the header, footer and list
    entries recur on page after page."""
    groups, base_href = _link_groups(text)
    page_url = base + rel_file
    base_path = _local_path(base_href) if base_href else None
    if base_path:
        page_url = _join(page_url, base_path)
    broken = []
    folder = posixpath.dirname(page_url)
    for group in groups:
        if group in seen:
            continue
        anywhere = True  # every link of the tag resolves the same from every page, and does
        for link in group:
            # A root-relative link resolves the same from every page: resolve it once.
            relative = not link.startswith("/")
            key = (folder, link) if relative else link
            url = _JOINED.get(key, _UNSEEN)
            if url is _UNSEEN:
                path = _local_path(link)
                url = None if path is None else _join(page_url, path)
                if len(_JOINED) >= _TAG_MEMO_SIZE:
                    _JOINED.clear()
                _JOINED[key] = url
            if url is None:
                continue
            anywhere = anywhere and not relative
            if url not in seen:  # navigation links repeat on every page: resolve each once
                seen[url] = _problem(url, base, exists)
            if seen[url]:
                anywhere = False
                broken.append(BrokenLink(rel_file, link, seen[url]))
        if anywhere:
            seen[group] = None
    return broken


_JOINED: dict = {}
_UNSEEN = object()


def _problem(url: str, base: str, exists: Callable[[str], bool]) -> str | None:
    url = unquote(url)
    if url == base.rstrip("/"):
        url = base
    if not url.startswith(base):
        return f"outside the base path {base}"
    if not exists(url[len(base):]):
        return "no such file in the output"
    return None
