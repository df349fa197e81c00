"""Front matter in its common flat form, read without PyYAML's general machinery.

Nearly every content file's front matter is one ``key: value`` per line, each value a quoted
or plain string, a ``YYYY-MM-DD`` date, ``true``/``false``, a lower-case word (a slug, a
language), or a one-line list of strings. PyYAML reads that through its generic node graph
in about 60 µs a file, a third of the cost of reading a page; this reads it in a few.

``read_flat`` accepts only a strict subset whose meaning is unambiguous and returns None for
anything else (comments, indented or multi-line values, escapes, single quotes, numbers,
YAML's yes/no/null words, plain text starting with punctuation...), and the caller
then uses PyYAML. So the result is always what PyYAML gives; the tests compare the two.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):[ ]+(.*?)[ ]*")
_QUOTED = re.compile(r'"([^"\\]*)"')
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_WORD = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
# Plain (unquoted) text starts with a letter, a digit or a non-ASCII character (not with one
# of YAML's indicators) and holds no colon, hash or bracket (nor, in a list, a comma); a
# quote after the first character is an ordinary character in YAML.
_PLAIN = re.compile(r"[0-9A-Za-z\u0080-\U0010ffff][^:#\[\]{}]*")
_PLAIN_ITEM = re.compile(r"[0-9A-Za-z\u0080-\U0010ffff][^:#\[\]{},]*")
# Words PyYAML reads as booleans or null, as values or as keys.
_YAML_WORDS = frozenset({"yes", "no", "on", "off", "true", "false", "null", "y", "n"})


def read_flat(front: str) -> dict[str, Any] | None:
    """The mapping ``front`` holds, if it is in the flat form; None means "ask PyYAML"."""
    data: dict[str, Any] = {}
    for line in front.split("\n"):
        if not line.strip(" "):
            continue
        match = _LINE.fullmatch(line)
        if match is None:
            return None
        key, raw = match.groups()
        if key in data or key.lower() in _YAML_WORDS:
            return None
        value = _value(raw)
        if value is None:
            return None
        data[key] = value
    return data or None


def _value(raw: str) -> Any:
    if raw.startswith("["):
        return _list(raw)
    if raw.startswith('"'):
        match = _QUOTED.fullmatch(raw)
        return match.group(1) if match and match.group(1).isprintable() else None
    if match := _DATE.fullmatch(raw):
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            return None
    if raw in ("true", "false"):
        return raw == "true"
    if _WORD.fullmatch(raw):
        return None if raw in _YAML_WORDS else raw
    return _plain(raw, _PLAIN)


def _plain(text: str, pattern: re.Pattern[str]) -> str | None:
    """``text`` if YAML reads it as this very string. PyYAML's numbers, dates, booleans and
    null are all ASCII and start with a digit, a sign, a dot or one of the YAML_WORDS, so
    text with any non-ASCII character is a string, and so is ASCII text starting with a
    letter that is not one of those words."""
    if not pattern.fullmatch(text) or not text.isprintable():
        return None
    if text.isascii() and (not text[0].isalpha() or text.lower() in _YAML_WORDS):
        return None
    return text


def _list(raw: str) -> list[str] | None:
    if not raw.endswith("]"):
        return None
    inner = raw[1:-1].strip(" ")
    if not inner:
        return []
    items = []
    for part in inner.split(","):
        part = part.strip(" ")
        match = _QUOTED.fullmatch(part)
        item = match.group(1) if match is not None else _plain(part, _PLAIN_ITEM)
        if item is None or not item.isprintable():
            return None
        items.append(item)
    return items
