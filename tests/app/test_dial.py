"""`t` says truthfully whether a phone app took the tel: link."""

from __future__ import annotations

import webbrowser

import pytest
from screen_parts import SIZE


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
