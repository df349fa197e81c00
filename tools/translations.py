"""Check and extend the English catalogs.

    python tools/translations.py missing        # msgids used in portal/ with no English translation
    python tools/translations.py add CATALOG    # append the missing msgids to CATALOG (.po) for translating

Msgids are the Simplified Chinese UI text; each blueprint may keep its own catalog in
portal/<blueprint>/translations/en/LC_MESSAGES/messages.po, and Flask-Babel merges them all.
"""
from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
METHODS = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


def used_msgids() -> dict[str, str]:
    """Every msgid used in portal/, mapped to one place it is used."""
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(ROOT / "portal"), METHODS, keywords=KEYWORDS):
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid:
            found.setdefault(msgid, f"portal/{filename}:{lineno}")
    return found


def english_catalogs() -> list[Path]:
    """All English .po files under portal/."""
    return sorted((ROOT / "portal").glob("**/translations/en/LC_MESSAGES/messages.po"))


def translated_msgids() -> set[str]:
    """Msgids with a non-empty English translation in any catalog."""
    done: set[str] = set()
    for path in english_catalogs():
        with path.open("rb") as handle:
            for message in read_po(handle):
                if message.id and message.string:
                    done.add(message.id)
    return done


def missing() -> dict[str, str]:
    """Msgids used in the code but not translated anywhere."""
    done = translated_msgids()
    return {msgid: where for msgid, where in used_msgids().items() if msgid not in done}


def add_missing(catalog_path: Path, translations: dict[str, str] | None = None) -> int:
    """Append missing msgids to `catalog_path` (with translations where given); returns how many."""
    if catalog_path.exists():
        with catalog_path.open("rb") as handle:
            catalog = read_po(handle)
    else:
        catalog = Catalog(locale="en", project="fuxin-talent-portal")
        catalog_path.parent.mkdir(parents=True, exist_ok=True)
    todo = missing()
    for msgid, where in todo.items():
        catalog.add(msgid, (translations or {}).get(msgid, ""), locations=[(where.rsplit(":", 1)[0], int(where.rsplit(":", 1)[1]))])
    with catalog_path.open("wb") as handle:
        write_po(handle, catalog, width=0, sort_output=True)
    return len(todo)


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "missing":
        gaps = missing()
        for msgid, where in gaps.items():
            print(f"{where}\t{msgid!r}")
        sys.exit(1 if gaps else 0)
    if len(sys.argv) == 3 and sys.argv[1] == "add":
        print(f"added {add_missing(Path(sys.argv[2]))} msgids; fill in their msgstr")
        sys.exit(0)
    print(__doc__)
    sys.exit(2)
