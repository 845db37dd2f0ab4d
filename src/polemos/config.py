"""Where polemos keeps its derived data and which database it uses by default."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DB_URL = "sqlite:///polemos.db"


def data_dir() -> Path:
    """Directory for artefacts built at set-up (the gazetteer index).

    `POLEMOS_DATA_DIR` overrides it; the default lives under the user's data directory so an
    installed (read-only) package still works.
    """
    override = os.environ.get("POLEMOS_DATA_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "polemos"


def gazetteer_path() -> Path:
    return data_dir() / "gazetteer.sqlite"
