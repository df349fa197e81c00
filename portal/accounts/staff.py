"""Who acts city-wide: the one place the city-level staff rule is written."""
from __future__ import annotations

from portal.accounts.models import Role


def is_city_level(user) -> bool:
    """Admins and HR without a division act city-wide."""
    return user.role == Role.ADMIN.value or (user.role == Role.HR.value and user.division_code is None)


# Who may preview the public site live under /site/ (the public read the published static site).
SITE_PREVIEW_ROLES = (Role.HR.value, Role.ADMIN.value)


def may_preview_site(user) -> bool:
    """HR and admins see the live preview of the public site; everyone else the published one."""
    return user.is_authenticated and user.role in SITE_PREVIEW_ROLES
