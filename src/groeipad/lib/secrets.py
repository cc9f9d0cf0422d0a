"""The secret key: from the environment, or generated once into the data folder."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def load_or_create_secret_key(home: Path) -> str:
    """Return the key stored in ``home``, creating it on first use.

    O_EXCL makes creation atomic, so several workers starting at once agree on
    one key instead of each writing its own.
    """
    path = home / "secret_key"
    home.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(secrets.token_urlsafe(50))
    return path.read_text(encoding="utf-8").strip()
