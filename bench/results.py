"""What every benchmark shares: bench/RESULTS.md, where each one replaces only its own section, and
the package's bytecode, compiled before anything is timed."""

from __future__ import annotations

import compileall
import re
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def write_section(heading: str, body: str, path: Path = RESULTS) -> None:
    """Replace '## heading' (up to the next '## ') with `body`, or append it."""
    section = f"## {heading}\n\n{body.strip()}\n"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    pattern = re.compile(rf"^## {re.escape(heading)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _m: section + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def compile_package() -> None:
    """Write the bytecode of every cockpit module, as a user's install has it.

    `pip install .` compiles the package, and a checkout writes its bytecode on first run. A
    checkout run with PYTHONDONTWRITEBYTECODE set never does, and then each timed process would
    compile every module it imports (about 15 ms at the cockpit's start) before doing its work."""
    import cockpit

    compileall.compile_dir(Path(cockpit.__file__).parent, quiet=1)
