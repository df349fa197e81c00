"""Mainland China mobile numbers."""
from __future__ import annotations

import re

_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def normalise(raw: str) -> str | None:
    """The 11-digit number with spaces, dashes and a +86/0086 prefix removed; None if invalid."""
    digits = re.sub(r"[\s-]", "", raw or "")
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits = digits[len(prefix):]
            break
    return digits if _MOBILE.match(digits) else None
