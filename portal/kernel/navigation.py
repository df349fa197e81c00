"""Header links for staff areas: each blueprint registers its own, shown only to the roles named."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from flask import Flask, url_for
from flask_login import current_user


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: object  # a lazy string, translated when rendered
    roles: frozenset[str]
    visible: Callable[[object], bool] | None = field(default=None, compare=False)  # extra check on the user


_items: list[NavItem] = []


def register_nav_item(endpoint: str, label: object, roles: set[str] | frozenset[str],
                      visible: Callable[[object], bool] | None = None) -> None:
    """Add a header link for `roles` (and, if given, only users for whom `visible(user)` is true);
    registering the same endpoint twice keeps one."""
    if all(item.endpoint != endpoint for item in _items):
        _items.append(NavItem(endpoint, label, frozenset(roles), visible))


def init_app(app: Flask) -> None:
    """Expose `staff_nav_items()` to templates."""

    @app.context_processor
    def inject_nav():
        def staff_nav_items():
            if not current_user.is_authenticated:
                return []
            return [
                {"url": url_for(item.endpoint), "label": str(item.label)}
                for item in _items
                if current_user.role in item.roles and item.endpoint in app.view_functions
                and (item.visible is None or item.visible(current_user))
            ]

        return {"staff_nav_items": staff_nav_items}
