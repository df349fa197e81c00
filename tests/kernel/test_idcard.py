"""GB 11643 identity numbers and mainland mobile numbers."""
from datetime import date

import pytest

from portal.kernel.china import idcard, mobile


def test_domain_example_is_valid():
    assert idcard.validate("34052419800101001X") == "34052419800101001X"


def test_lower_case_x_and_spaces_are_normalised():
    assert idcard.validate(" 340524 19800101 001x ") == "34052419800101001X"


def test_birth_date_and_gender_come_from_the_number():
    assert idcard.birth_date("34052419800101001X") == date(1980, 1, 1)
    assert idcard.gender("34052419800101001X") == "male"  # sequence 001 is odd
    assert idcard.gender("11010519491231002X") == "female"  # sequence 002 is even


@pytest.mark.parametrize("number, reason", [
    ("340524198001010011", "checksum"),   # right shape, wrong check character
    ("34052419800101001", "format"),      # 17 characters
    ("3405241980010100XX", "format"),     # X before the last place
    ("34052419800230001X", "date"),       # 30 February
    ("34052419801301001X", "date"),       # month 13
    ("34052418990101001X", "date"),       # before 1900
    ("34052430000101001X", "date"),       # in the future
    ("", "format"),
])
def test_invalid_numbers_say_why(number, reason):
    with pytest.raises(idcard.InvalidIdNumber) as caught:
        idcard.validate(number)
    assert caught.value.reason == reason


def test_check_character_uses_the_weights_and_table():
    first17 = "11010519491231002"
    total = sum(int(d) * w for d, w in zip(first17, (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)))
    assert idcard.check_character(first17) == "10X98765432"[total % 11]
    assert idcard.validate(first17 + idcard.check_character(first17))


@pytest.mark.parametrize("raw, expected", [
    ("13812345678", "13812345678"),
    ("+8613812345678", "13812345678"),
    ("+86 138 1234 5678", "13812345678"),
    ("0086-19912345678", "19912345678"),
    ("12812345678", None),     # second digit 2
    ("1381234567", None),      # 10 digits
    ("138123456789", None),    # 12 digits
    ("23812345678", None),
    ("1381234567a", None),
    ("", None),
])
def test_mobile_numbers(raw, expected):
    assert mobile.normalise(raw) == expected
