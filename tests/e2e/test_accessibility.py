"""Accessibility basics of the public pages, checked with axe-core in Chromium.

Serious and critical violations fail; the rest (minor and moderate violations, and
what axe could not decide) are reported at the end of the run and saved in
artifacts/e2e/axe-NAME.json.
"""

from __future__ import annotations

import pytest

from .conftest import BLOCKING_IMPACTS

pytestmark = pytest.mark.timeout(600)

# The notice of the review test, and the demo's seed that has two versions.
PAGES = {
    "notice": "/fi/kokemuskauppa-oyn-asiakasrekisteri/",
    "history": "/fi/komiat-hetket-oyn-asiakastietokanta/history/",
    "diff": "/fi/komiat-hetket-oyn-asiakastietokanta/history/diff/?from=1&to=2",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_public_page_has_no_serious_accessibility_violations(
    site, open_page, accessibility, step, name
):
    page = open_page("reader", locale="fi-FI")
    with step(f"axe on the {name} page"):
        response = page.goto(site.url(PAGES[name]))
        assert response is not None and response.ok
        page.wait_for_load_state("load")
        result = accessibility(page, name)
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} {v['helpUrl']}\n"
        + "\n".join(f"  {node['target']}: {node['summary']}" for node in v["nodes"])
        for v in blocking
    )
    blocked = [
        line
        for line in open_page.messages.get("reader", [])
        if "Content Security Policy" in line
    ]
    assert not blocked, "\n".join(blocked)
