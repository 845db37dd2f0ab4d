"""The web map in a real (headless Debian) chromium: markers render, the timeline filters them.

Needs /usr/bin/chromium and the `playwright` Python package; skipped with a message otherwise.
The page must load nothing from outside the server (no tiles, no CDN): any such request fails
the test.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from polemos.serve import create_app
from test_serve_report import seed_sqlite

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found (apt-get install chromium)", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.db'}"
    seed_sqlite(db)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(base_url: str) -> Iterator[object]:
    outside: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-background-networking"])
        tab = browser.new_page(viewport={"width": 1280, "height": 800})

        def guard(route: object) -> None:
            url = route.request.url  # type: ignore[attr-defined]
            if url.startswith(base_url) or url.startswith("data:"):
                route.continue_()  # type: ignore[attr-defined]
            else:
                outside.append(url)
                route.abort()  # type: ignore[attr-defined]

        tab.route("**/*", guard)
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto(base_url + "/")
        tab.wait_for_selector("body[data-ready='1']", timeout=20_000)
        yield tab
        assert not outside, f"the page reached outside the server: {outside}"
        assert not errors, f"JavaScript errors: {errors}"
        browser.close()


@pytest.fixture
def tab(page: object) -> object:
    """The shared page reset to the whole timeline and every event type (tests are independent)."""
    page.evaluate(  # type: ignore[attr-defined]
        "() => { for (const box of document.querySelectorAll('#legend input')) {"
        " if (!box.checked) box.click(); }"
        " window.polemosMap.setRange(0, window.polemosMap.days().length - 1); }")
    page.keyboard.press("Escape")  # type: ignore[attr-defined]
    return page


def _markers(tab: object) -> int:
    return tab.locator("path.event-marker").count()  # type: ignore[attr-defined]


def _slide(tab: object, which: str, value: int) -> None:
    """Move a timeline slider the way a user's drag does: set the value, fire `input`."""
    tab.eval_on_selector(  # type: ignore[attr-defined]
        f"#{which}", "(el, v) => { el.value = String(v); "
        "el.dispatchEvent(new Event('input', {bubbles: true})); }", value)


def test_markers_render_for_located_events(tab: object) -> None:
    # five events in the store plus one forecast, which the API never serves as an event
    assert _markers(tab) == 5
    assert tab.locator("#count").inner_text() == "5 of 5 events shown"  # type: ignore[attr-defined]
    outlines = tab.locator(".leaflet-outlines-pane path").count()  # type: ignore[attr-defined]
    assert outlines > 100  # country outlines drawn from the bundled world-atlas


def test_timeline_filters_markers(tab: object, tmp_path: Path) -> None:
    days: list[str] = tab.evaluate("window.polemosMap.days()")  # type: ignore[attr-defined]
    assert days[0] == "2022-04-08" and days[-1] == "2024-06-25"
    july3 = days.index("2022-07-03")
    _slide(tab, "from", july3)
    _slide(tab, "to", july3)
    assert _markers(tab) == 2  # Sloviansk and Lysychansk
    assert tab.locator("#range-label").inner_text() == "2022-07-03 – 2022-07-03"  # type: ignore[attr-defined]
    in_range = tab.locator("#histogram rect.in-range")  # type: ignore[attr-defined]
    assert in_range.count() == 1  # the week bar holding 3 July: its two events
    assert (in_range.text_content() or "").endswith("– 2022-07-07: 2")
    tab.screenshot(path=str(tmp_path / "map-2022-07-03.png"))  # type: ignore[attr-defined]
    _slide(tab, "to", len(days) - 1)
    assert _markers(tab) == 4  # everything from 3 July 2022 on (not Kramatorsk in April)
    _slide(tab, "from", 0)
    assert _markers(tab) == 5


def test_legend_hides_an_event_type(tab: object) -> None:
    box = tab.locator("#legend input[data-type='Battles']")  # type: ignore[attr-defined]
    box.uncheck()
    assert _markers(tab) == 3
    box.check()
    assert _markers(tab) == 5


def test_popup_shows_details_and_source_sentence(tab: object, tmp_path: Path) -> None:
    tab.evaluate("window.polemosMap.setRange(0, 0)")  # type: ignore[attr-defined]
    assert _markers(tab) == 1  # only the Kramatorsk strike on the first day
    tab.locator("path.event-marker").first.click(force=True)  # type: ignore[attr-defined]
    popup = tab.locator(".leaflet-popup-content")  # type: ignore[attr-defined]
    popup.wait_for(timeout=5_000)
    tab.wait_for_function(  # type: ignore[attr-defined]
        "getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'")
    text = popup.inner_text()
    assert "A missile hit the Kramatorsk railway station." in text
    assert "2022-04-08" in text and "Kramatorsk" in text and "50" in text
    tab.screenshot(path=str(tmp_path / "map-popup.png"))  # type: ignore[attr-defined]
