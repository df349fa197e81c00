"""Language-prefixed routes: Chinese at the site root, English under /en/."""
from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint

LANGS = ("zh", "en")
OTHER = {"zh": "en", "en": "zh"}
HREFLANG = {"zh": "zh-Hans", "en": "en"}


def lang_route(bp: Blueprint, rule: str, endpoint: str, view: Callable, **defaults) -> None:
    """Register ``rule`` for Chinese (as written) and English (under ``/en``) on ``bp``.

    ``url_for(endpoint, lang="zh", ...)`` builds ``rule``, ``lang="en"`` builds ``/en`` + rule.
    """
    bp.add_url_rule(rule, endpoint, view, defaults={"lang": "zh", **defaults}, methods=["GET"])
    bp.add_url_rule("/<any(en):lang>" + rule, endpoint, view, defaults=defaults, methods=["GET"])
