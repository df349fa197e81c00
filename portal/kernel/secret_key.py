"""The session-signing key: from the environment, or a random one kept in instance/ (never in git)."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask


def ensure_secret_key(app: Flask) -> None:
    """Give `app` a SECRET_KEY, creating instance/secret_key with mode 0600 on first use."""
    if app.config.get("SECRET_KEY"):
        return
    key_file = Path(app.config["INSTANCE_DIR"]) / "secret_key"
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    app.config["SECRET_KEY"] = key_file.read_text().strip()
