"""Resident identity numbers (GB 11643-1999): checksum, birth date and gender."""
from __future__ import annotations

import re
from datetime import date

from portal.kernel.clock import today

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
_SHAPE = re.compile(r"^\d{17}[\dX]$")


class InvalidIdNumber(ValueError):
    """Raised with a reason code: 'format', 'date' or 'checksum'."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def normalise(raw: str) -> str:
    """Strip spaces and upper-case a trailing x."""
    return re.sub(r"\s+", "", raw or "").upper()


def check_character(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, WEIGHTS))
    return CHECK_CHARS[total % 11]


def birth_date(number: str) -> date:
    """The birth date encoded in positions 7-14; raises InvalidIdNumber('date') if impossible."""
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidIdNumber("date") from None
    if born.year < 1900 or born > today():
        raise InvalidIdNumber("date")
    return born


def validate(raw: str) -> str:
    """Return the normalised number, or raise InvalidIdNumber with the first problem found."""
    number = normalise(raw)
    if not _SHAPE.match(number):
        raise InvalidIdNumber("format")
    birth_date(number)
    if check_character(number[:17]) != number[17]:
        raise InvalidIdNumber("checksum")
    return number


def gender(number: str) -> str:
    """'male' when the sequence number is odd, else 'female'."""
    return "male" if int(number[16]) % 2 else "female"
