"""Run TinyDB's own test suite (from the sdist of the installed version) against cockpit's JournalStorage.

    python tools/tinydb_suite.py [--dir DIR]

Downloads the sdist with pip, puts JournalStorage in place of JSONStorage (tinydb.JSONStorage,
tinydb.storages.JSONStorage and TinyDB.default_storage_class) through a conftest plugin, and runs
its tests. Tests that pin JSONStorage's byte format, its file layout (a book is a folder, not one
file) or its class name are marked expected failures, each with its reason. Not part of pytest's run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import tempfile
from importlib.metadata import version
from pathlib import Path

PLUGIN = '''
import pytest
import tinydb, tinydb.storages, tinydb.database
from cockpit.storage.journal import JournalStorage

tinydb.JSONStorage = JournalStorage
tinydb.storages.JSONStorage = JournalStorage
tinydb.database.TinyDB.default_storage_class = JournalStorage

FORMAT = "pins JSONStorage's on-disk format or its one-file layout: a book is a folder of journaled files"
XFAIL = {
    # filled from a first run: test id -> reason
%s
}


def pytest_collection_modifyitems(items):
    for item in items:
        reason = XFAIL.get(item.nodeid.split("/")[-1])
        if reason:
            item.add_marker(pytest.mark.xfail(reason=reason, strict=False))
'''

# Tests of JSONStorage's bytes, file handling or kwargs passed to json.dump: not our format.
XFAIL = {
    "test_storages.py::test_json": "FORMAT",
    "test_storages.py::test_json_kwargs": "FORMAT",
    "test_storages.py::test_json_read": "FORMAT",
    "test_storages.py::test_encoding": "FORMAT",
    "test_storages.py::test_create_dirs": "FORMAT",
    "test_storages.py::test_json_invalid_directory": "FORMAT",
    "test_storages.py::test_json_invalid_mode_warning": "pins JSONStorage's warning on an unusual open() mode; "
                                                        "the journal opens its files itself",
    "test_middlewares.py::test_caching_json_write": "reaches into JSONStorage's open file handle (._handle)",
    "test_tables.py::test_table_repr[json]": "pins JSONStorage's class name in the repr",
    "test_tinydb.py::test_repr": "pins JSONStorage's class name in the repr",
    "test_tinydb.py::test_insert_invalid_dict": "expects json.dump's error for a self-referencing dict; the "
                                                "journal's defensive copy fails first (RecursionError), "
                                                "nothing is written either way",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=None, help="where to download and unpack the sdist")
    parser.add_argument("--no-xfail", action="store_true", help="run without the expected-failure marks")
    parser.add_argument("pytest_args", nargs="*")
    args = parser.parse_args()
    work = args.dir or Path(tempfile.mkdtemp(prefix="tinydb-suite-"))
    work.mkdir(parents=True, exist_ok=True)
    wanted = version("tinydb")
    sdist = next(work.glob(f"tinydb-{wanted}.tar.gz"), None)
    if sdist is None:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                        f"tinydb=={wanted}", "-d", str(work)], check=True)
        sdist = next(work.glob(f"tinydb-{wanted}.tar.gz"))
    with tarfile.open(sdist) as tar:
        tar.extractall(work, filter="data")
    tests = work / f"tinydb-{wanted}" / "tests"
    marks = "" if args.no_xfail else "\n".join(
        f"    {name!r}: {'FORMAT' if reason == 'FORMAT' else repr(reason)}," for name, reason in XFAIL.items())
    (tests / "conftest_journal.py").write_text(PLUGIN % marks, encoding="utf-8")
    # Run from inside tests/ so the installed tinydb (the one cockpit uses) is imported, not the sdist's.
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "conftest_journal", "-p", "no:cacheprovider",
                           "-o", "addopts=", "--rootdir", str(tests), *args.pytest_args, "."],
                          cwd=tests, env={**__import__("os").environ, "PYTHONPATH": str(tests)}).returncode


if __name__ == "__main__":
    sys.exit(main())
