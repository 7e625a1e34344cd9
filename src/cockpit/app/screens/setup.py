"""Setup: who is calling (name, company, call-back number, a line of value), their zone and country.

Shown from the welcome on a new book and from the palette ("Setup") any time after. Every voicemail,
e-mail and break-up says these to the people the rep calls, so nothing is guessed: what is left
empty is named on the card until it is set. All of it is saved at once or, when one does not
validate, none of it, with the reason under the form.
"""

from __future__ import annotations

from pathlib import Path

from ... import config as config_mod
from ...engine.rep import ASKED, SETTINGS
from ...errors import StorageError
from .form import FormScreen

PLACES = {
    "timezone": "your time zone, e.g. America/New_York (empty: {zone})",
    "country": "your country, two letters (public holidays, local numbers)",
}
FIELDS = (*SETTINGS, *PLACES)


class SetupScreen(FormScreen):
    """The setup form on the book's settings as they are; dismissed with the new Config once written
    (None on Escape: nothing changed)."""

    def __init__(self, folder: Path, config: config_mod.Config) -> None:
        labels = ASKED | {key: text.format(zone=config.rep_tz()) for key, text in PLACES.items()}
        current = {"rep_name": config.rep_name, "rep_company": config.rep_company, "rep_phone": config.rep_phone,
                   "value": config.value, "timezone": config.timezone, "country": config.country}
        fields = [(key, labels[key][:1].upper() + labels[key][1:], current[key]) for key in FIELDS]
        super().__init__("Setup: who is calling", fields, self.problem)
        self.folder = folder

    def settings(self, values: dict) -> dict[str, str]:
        return {key: value.strip() for key, value in values.items()}

    def problem(self, values: dict) -> str | None:
        try:
            config_mod.set_values(self.folder, self.settings(values), dry_run=True)
        except config_mod.ConfigError as exc:
            return str(exc).removeprefix(f"{self.folder / config_mod.FILE_NAME}: ")
        return None

    def action_save(self) -> None:
        values = self.values()
        problem = self.problem(values)
        if problem is None:
            try:
                self.dismiss(config_mod.set_values(self.folder, self.settings(values)))
                return
            except (OSError, StorageError, config_mod.ConfigError) as exc:  # a full disk: the old file is intact
                problem = f"not saved: {exc}"
        self.show_problem(problem)
