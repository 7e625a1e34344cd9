"""`t` dials: the book's dial_command when set (no shell), else the tel: link; it says truthfully
whether anything started, and the talk timer runs from `t` to the outcome key."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import webbrowser

import pytest
from screen_parts import SIZE, today

from cockpit import config as config_mod
from cockpit.app.widgets.research import ResearchPane


@pytest.mark.parametrize("opened, said", [(True, "Opened tel:"), (False, "No app on this computer opens tel: links")])
async def test_t_says_what_happened_to_the_tel_link(make_app, settle, monkeypatch, opened, said):
    asked = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: asked.append(url) or opened)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        texts = [str(n.message) for n in app._notifications]
    assert asked and asked[0].startswith("tel:")
    assert any(said in t for t in texts), texts
    assert not any("Dialling" in t for t in texts)


# ---- the book's dial_command ------------------------------------------------------------------



def fake_dialer(tmp_path):
    """A program that writes the argv it was given to a file, as a softphone's CLI would take it."""
    script = tmp_path / "fakedial"
    script.write_text(f"#!{sys.executable}\nimport json, sys\n"
                      f"open({str(tmp_path / 'argv.json')!r}, 'w').write(json.dumps(sys.argv[1:]))\n")
    script.chmod(0o755)
    return script


@pytest.fixture
def started(monkeypatch):
    """Every process Popen starts, with how it was asked to (the real Popen runs it)."""
    runs = []
    real = subprocess.Popen

    def popen(argv, *args, **kwargs):
        proc = real(argv, *args, **kwargs)
        runs.append((argv, kwargs, proc))
        return proc

    monkeypatch.setattr(subprocess, "Popen", popen)
    return runs


async def test_t_runs_the_dial_command_with_the_number_and_no_shell(make_app, book, settle, tmp_path, started,
                                                                   monkeypatch):
    monkeypatch.setattr("webbrowser.open", lambda *a, **k: pytest.fail("tel: opened with a dial_command set"))
    script = fake_dialer(tmp_path)
    config_mod.set_value(book.folder, "dial_command", json.dumps([str(script), "dial", "{number}", "$HOME;id"]))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        phone = book.get(today(app).selected_id()).phone.split(";")[0]
        await pilot.press("t")
        await settle(pilot)
        texts = [str(n.message) for n in app._notifications]
    (argv, kwargs, proc), = started
    await asyncio.to_thread(proc.wait)
    assert json.loads((tmp_path / "argv.json").read_text()) == ["dial", phone, "$HOME;id"]  # no shell read it
    assert not kwargs.get("shell")
    assert f"Dialling {phone} with {script}" in texts


async def test_a_missing_dial_command_says_so_and_gives_the_number(make_app, book, settle, tmp_path, started):
    config_mod.set_value(book.folder, "dial_command", json.dumps(["no-such-softphone", "{number}"]))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        phone = book.get(today(app).selected_id()).phone.split(";")[0]
        await pilot.press("t")
        await settle(pilot)
        texts = [str(n.message) for n in app._notifications]
    assert started == []
    assert f"dial_command no-such-softphone not found; the number is {phone}, p copies it" in texts
    assert not any("Dialling" in t for t in texts)


async def test_the_talk_timer_runs_from_t_to_the_outcome_and_is_kept(make_app, book, settle, clock, monkeypatch):
    monkeypatch.setattr("webbrowser.open", lambda *a, **k: True)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        clock.advance(seconds=20)  # reading the card: wrap-up, not talk
        await pilot.press("t")
        await settle(pilot)
        clock.advance(seconds=102)
        app.main.show_talk_timer()
        pane = app.main.query_one("#research", ResearchPane)
        assert str(pane.border_subtitle) == "on the call 1:42"
        await pilot.press("v")
        await settle(pilot)
        assert str(pane.border_subtitle) == ""
    last = book.history(pid)[-1]
    assert last.outcome == "voicemail" and last.talk_seconds == 102.0 and last.wrap_seconds == 122.0


async def test_an_outcome_without_a_dial_keeps_no_talk_time(make_app, book, settle, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pid = today(app).selected_id()
        await pilot.press("n")
        await settle(pilot)
    assert book.history(pid)[-1].talk_seconds is None
