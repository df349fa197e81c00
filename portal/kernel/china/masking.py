"""Masks for personal data shown to people who may not see it whole."""
from __future__ import annotations


def mask_phone(phone: str | None) -> str:
    """'13812341234' -> '138****1234'."""
    if not phone:
        return ""
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 8 else "****"


def mask_id_number(number: str | None) -> str:
    """Keep the first 6 (area) and last 4 characters: '340524********001X'."""
    if not number:
        return ""
    return number[:6] + "*" * (len(number) - 10) + number[-4:] if len(number) > 10 else "****"


def mask_email(email: str | None) -> str:
    """'zhang.san@example.com' -> 'z***@example.com'."""
    if not email or "@" not in email:
        return ""
    local, domain = email.split("@", 1)
    return f"{local[:1]}***@{domain}"
