"""Where things live: the book folder, the user's config folder, the shipped themes."""

from __future__ import annotations

import os
from pathlib import Path

APP = "cockpit"


def book_dir(explicit: str | None = None) -> Path:
    """--book DIR, else COCKPIT_HOME, else the platform's user data directory."""
    if explicit:
        return Path(explicit).expanduser()
    if os.environ.get("COCKPIT_HOME"):
        return Path(os.environ["COCKPIT_HOME"]).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP) / "book"


def user_config_dir() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP)


def shipped_themes_dir() -> Path:
    """themes/ inside the installed package, or the repository's folder in a checkout.

    Found beside this file, not through importlib.resources: the package is always installed as
    files, and resources' zip support costs the first frame a few milliseconds of imports."""
    here = Path(__file__).resolve().parent
    packaged = here / "themes"
    return packaged if packaged.is_dir() else here.parents[1] / "themes"
