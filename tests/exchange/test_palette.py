"""The cockpit offers the same import from the command palette and shows the summary."""

from __future__ import annotations

from textual.worker import WorkerCancelled, WorkerFailed

from cockpit.actions import build_prospect
from cockpit.app.app import CockpitApp


async def wait(app, pilot):
    for _ in range(5):
        try:
            await app.workers.wait_for_complete()
        except (WorkerCancelled, WorkerFailed):  # reloads are exclusive: a newer one cancels an older one
            pass
        await pilot.pause()


async def import_through_palette(book, now, path) -> list[tuple[str, str]]:
    """ctrl+p, "Import a CSV", the path, Enter: the notifications the rep saw, with their severity."""
    app = CockpitApp(book, clock=lambda: now)
    notes = []
    app.notify = lambda message, **kw: notes.append((message, kw.get("severity", "information")))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Import a CSV")
        await wait(app, pilot)
        await pilot.press("enter")
        await wait(app, pilot)
        await pilot.press(*str(path))
        await pilot.press("enter")
        await wait(app, pilot)
    return notes


async def test_palette_import_a_csv_adds_the_prospects_and_notifies_the_summary(book, rules, now, fixture_path):
    book.add([build_prospect(rules, now, name="Already Here", phones=["(415) 555-0100"], pid="seed0001")])
    notes = await import_through_palette(book, now, fixture_path("hubspot.csv"))
    assert book.count() == 4
    assert ("Imported 3 prospects (HubSpot contacts export).", "information") in notes


async def test_palette_import_of_a_bad_file_says_why_and_changes_nothing(book, rules, now, tmp_path):
    book.add([build_prospect(rules, now, name="Already Here", phones=["(415) 555-0100"], pid="seed0001")])
    bad = tmp_path / "sheet.xlsx"
    bad.write_bytes(b"PK\x03\x04 zip")
    notes = await import_through_palette(book, now, bad)
    assert book.count() == 1
    assert any("spreadsheet workbook" in m and sev == "error" for m, sev in notes)
