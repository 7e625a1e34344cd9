"""Themes are data: one TOML file per theme (Textual Theme fields plus a [variables] table).

The shipped ones live in themes/ (inside the wheel); a rep's own go in the user config folder's
themes/. A file that does not load is reported by name and skipped, never fatal.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from textual.theme import Theme

from .paths import shipped_themes_dir, user_config_dir

DEFAULT_THEME = "cockpit-dark"
# Custom variables the stylesheet uses; every theme (also Textual's built-ins) gets these defaults.
VARIABLE_DEFAULTS = {"overdue": "#E5534B", "speed": "#F2A541", "muted": "#7A8CA5"}


@dataclass
class Loaded:
    themes: list[Theme] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def load_file(path: Path) -> Theme:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    data.setdefault("name", path.stem)
    variables = {**VARIABLE_DEFAULTS, **data.pop("variables", {})}
    return Theme(variables=variables, **data)


def load_all(user_dir: Path | None = None) -> Loaded:
    """Shipped themes first, then the rep's own (which may replace one by name)."""
    loaded = Loaded()
    folders = [shipped_themes_dir(), user_dir or (user_config_dir() / "themes")]
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                loaded.themes.append(load_file(path))
            except (OSError, ValueError, TypeError, tomllib.TOMLDecodeError) as exc:
                loaded.problems.append(f"theme {path} skipped: {exc}")
    return loaded
