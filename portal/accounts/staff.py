"""Who acts city-wide: the one place the city-level staff rule is written."""
from __future__ import annotations

from portal.accounts.models import Role


def is_city_level(user) -> bool:
    """Admins and HR without a division act city-wide."""
    return user.role == Role.ADMIN.value or (user.role == Role.HR.value and user.division_code is None)
