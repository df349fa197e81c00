"""Office telephone numbers: mainland landlines with their area code, or mobiles."""
from __future__ import annotations

import re

from portal.kernel.china import mobile

# Area codes are 010 and 02x (three characters) or 0 plus three digits (0418 Fuxin, 0755 Shenzhen).
_LANDLINE = re.compile(r"^(?:\+?86-?)?\(?(0?(?:10|2\d|[3-9]\d{2}))\)?-?([1-9]\d{6,7})$")
_SEPARATORS = re.compile(r"[\s\u3000]")


def normalise(raw: str) -> str | None:
    """'0418-1234567' for a landline with its area code, '13812345678' for a mobile; None if invalid.

    Accepts spaces, a dash or brackets around the area code (half- or full-width), and a +86 prefix.
    A landline without an area code is refused: it cannot be dialled from outside the city.
    """
    text = _SEPARATORS.sub("", raw or "").replace("（", "(").replace("）", ")").replace("－", "-")
    if not text:
        return None
    as_mobile = mobile.normalise(text)
    if as_mobile is not None:
        return as_mobile
    match = _LANDLINE.match(text)
    if match is None:
        return None
    area, local = match.groups()
    if not area.startswith("0"):
        if not text.startswith(("+86", "86")):
            return None  # an area code always starts with 0 unless written after +86
        area = "0" + area
    return f"{area}-{local}"


def tel_uri(number: str) -> str:
    """The RFC 3966 `tel:` URI for a normalised number, e.g. 'tel:+86-418-1234567'."""
    if "-" in number:
        area, local = number.split("-", 1)
        return f"tel:+86-{area[1:]}-{local}"
    return f"tel:+86-{number}"
