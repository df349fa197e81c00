"""Every UI string has an English translation, and the switch really changes the language."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

import translations  # noqa: E402


def test_every_msgid_has_an_english_translation():
    gaps = translations.missing()
    assert not gaps, "untranslated (run `python tools/translations.py missing`):\n" + "\n".join(
        f"{where} {msgid!r}" for msgid, where in gaps.items())


def test_pages_are_chinese_by_default_and_english_on_request(client):
    chinese = client.get("/login").get_data(as_text=True)
    assert '<html lang="zh-Hans">' in chinese and "登录" in chinese
    english = client.get("/login?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in english and "Sign in" in english
    assert "Sign in" in client.get("/register").get_data(as_text=True)  # the choice is remembered
