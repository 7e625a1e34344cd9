"""What each layer may import: Textual only for the screen, TinyDB only for the book, the clock only passed in.

Imports run in a fresh interpreter, so what another test imported does not hide a leak.
"""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import cockpit
import cockpit.commands
import cockpit.engine

SRC = Path(cockpit.__file__).parent
ENGINE = [f"cockpit.engine.{m.name}" for m in pkgutil.iter_modules(cockpit.engine.__path__)]
COMMANDS = [f"cockpit.commands.{m.name}" for m in pkgutil.iter_modules(cockpit.commands.__path__)]
PURE = ["cockpit.engine", *ENGINE, "cockpit.model", "cockpit.config"]
NO_SCREEN = [*PURE, "cockpit.storage", "cockpit.actions", "cockpit.desk", "cockpit.cli", "cockpit.commands", *COMMANDS]


def loaded_after_import(modules: list[str]) -> set[str]:
    """The top-level packages in sys.modules after importing `modules` in a new interpreter."""
    code = ("import importlib, sys\n"
            f"for name in {modules!r}:\n"
            "    importlib.import_module(name)\n"
            "print('\\n'.join(sorted({m.split('.')[0] for m in sys.modules})))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return set(proc.stdout.split())


def test_the_module_lists_are_complete():
    assert {"cockpit.engine.outcomes", "cockpit.engine.queue", "cockpit.engine.calendar"} <= set(ENGINE)
    assert {"cockpit.commands.base", "cockpit.commands.prospects", "cockpit.commands.agenda",
            "cockpit.commands.book", "cockpit.commands.tui"} <= set(COMMANDS)


def test_the_probe_sees_an_import():
    assert "textual" in loaded_after_import(["textual"])  # the check below is able to fail


def test_nothing_but_the_screen_imports_textual():
    assert "textual" not in loaded_after_import(NO_SCREEN)


def test_engine_model_and_config_do_not_import_tinydb():
    loaded = loaded_after_import(PURE)
    assert "tinydb" not in loaded
    assert "textual" not in loaded


def test_the_way_to_the_first_frame_loads_neither_tinydb_nor_the_subcommands():
    """`cockpit` paints its first frame before the book opens: TinyDB and the subcommands load later."""
    code = ("import sys, cockpit.cli, cockpit.commands.tui, cockpit.app.app\n"
            "print(' '.join(sorted(m for m in sys.modules if m.startswith(('tinydb', 'cockpit.')))))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    loaded = set(proc.stdout.split())
    assert "cockpit.app.screens.main" in loaded  # the probe sees what it should
    assert not {m for m in loaded if m.startswith("tinydb") or m.startswith("cockpit.storage")}
    assert not loaded & {"cockpit.commands.agenda", "cockpit.commands.stats", "cockpit.commands.exchange"}
    assert "numpy" not in loaded_after_import(["cockpit.cli", "cockpit.commands.tui", "cockpit.app.app"])


def test_numpy_loads_only_when_stats_are_computed():
    """Every command imports engine.stats (for `Stats`) and the storage (derived rows): numpy, tens of
    milliseconds of start-up, is imported inside the functions that compute."""
    assert "numpy" not in loaded_after_import(NO_SCREEN)
    assert "numpy" in loaded_after_import(["numpy"])  # the probe is able to see it


@pytest.mark.parametrize("path", sorted((SRC / "engine").rglob("*.py")), ids=lambda p: p.name)
def test_the_engine_never_reads_the_clock(path):
    text = path.read_text(encoding="utf-8")
    calls = re.findall(r"\b(?:datetime\.now|datetime\.utcnow|date\.today|time\.time)\(", text)
    assert not calls, f"{path.name} reads the clock ({calls}); pass `now` in"


def _imports_tinydb(text: str) -> bool:
    return bool(re.search(r"^\s*(?:from\s+tinydb\b|import\s+tinydb\b)|import_module\(\s*['\"]tinydb", text,
                          re.MULTILINE))


def test_the_tinydb_probe_sees_an_import():
    assert _imports_tinydb("from tinydb import TinyDB\n") and _imports_tinydb("    import tinydb.storages\n")
    assert not _imports_tinydb("# TinyDB is the database; see storage\n")


def test_only_the_storage_imports_tinydb():
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC)
        if rel.parts[0] in ("storage", "storage.py"):
            continue
        if _imports_tinydb(path.read_text(encoding="utf-8")):
            offenders.append(str(rel))
    assert not offenders, f"only cockpit.storage may import tinydb: {offenders}"
    storage = [SRC / "storage.py"] if (SRC / "storage.py").exists() else sorted((SRC / "storage").rglob("*.py"))
    assert any(_imports_tinydb(p.read_text(encoding="utf-8")) for p in storage)  # the probe finds the real one
