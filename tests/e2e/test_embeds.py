"""A shop on another origin embeds a notice (docs/api.md#embeds), in Chromium.

The shop is a tiny static page served from another port of 127.0.0.1 with a strict
Content-Security-Policy that allows only the notices' origin (no inline script
without its nonce, no inline style, nothing else). In it:

- its own JavaScript reads the notice API and revalidates with ``If-None-Match``
  (a cross-origin request that needs the CORS preflight) and sees ``304``;
- ``embed.js`` renders the notice into a shadow root, with no CSP violation;
- the framed notice ``/embed/<slug>/`` is refused while the controller's
  allow-list is empty and shown once the shop's origin is in it.
"""

from __future__ import annotations

import contextlib
import http.server
import threading

import pytest
from playwright.sync_api import expect

from .conftest import LOAD_DEMO_LIMIT, manage

pytestmark = pytest.mark.timeout(600)

SLUG = "kokemuskauppa-oyn-asiakasrekisteri"
NONCE = "kauppa-e2e-nonce"

SHOP_PAGE = """<!DOCTYPE html>
<html lang="fi"><head><meta charset="utf-8"><title>Kauppa</title></head>
<body>
<h1>Kauppa</h1>
<p>Tietosuojaseloste:</p>
<div id="notice"><script src="{cms}/embed.js" data-notice="{slug}" data-locale="fi" async></script></div>
<pre id="revalidation">pending</pre>
<iframe id="frame" title="Tietosuojaseloste" src="{cms}/embed/{slug}/?locale=fi"></iframe>
<script nonce="{nonce}">
(async () => {{
  const url = "{cms}/api/notices/{slug}/?locale=fi";
  const first = await fetch(url, {{ cache: "no-store", credentials: "omit" }});
  const document_ = await first.json();
  const etag = first.headers.get("ETag");
  const second = await fetch(url, {{
    cache: "no-store", credentials: "omit", headers: {{ "If-None-Match": etag }}
  }});
  window.revalidation = {{
    first: first.status, etag: etag, second: second.status,
    lastModified: first.headers.get("Last-Modified"),
    language: first.headers.get("Content-Language"),
    title: document_.title
  }};
  document.getElementById("revalidation").textContent = "done";
}})().catch((error) => {{
  document.getElementById("revalidation").textContent = "error: " + error;
}});
</script>
</body></html>
"""


@contextlib.contextmanager
def shop_server(cms: str):
    """The shop's static page on a free port, with its strict policy."""
    policy = (
        "default-src 'none'; "
        f"script-src 'nonce-{NONCE}' {cms}; connect-src {cms}; frame-src {cms}; "
        "style-src 'none'; img-src 'none'; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    )
    body = SHOP_PAGE.format(cms=cms, slug=SLUG, nonce=NONCE).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Security-Policy", policy)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def allow_origins(site, artifacts, origins: str) -> None:
    """Set the notice's controller's allow-list, as an editor does in the admin."""
    code = (
        "from rekisteri_cms.models import PrivacyNoticePage\n"
        f"page = PrivacyNoticePage.objects.get(slug={SLUG!r}, "
        "locale__language_code='fi')\n"
        "controller = page.controller\n"
        f"controller.embed_origins = {origins!r}\n"
        "controller.full_clean()\n"
        "controller.save()\n"
    )
    manage(["shell", "-c", code], site.env, artifacts / "setup.log", LOAD_DEMO_LIMIT)


def not_modified_count(site) -> int:
    """How many times the server has answered the notice's API with 304."""
    line = f'"GET /api/notices/{SLUG}/?locale=fi HTTP/1.1" 304'
    return site.log_path.read_text(encoding="utf-8", errors="replace").count(line)


def frame_shows_the_notice(page) -> bool:
    frame = next((f for f in page.frames if "/embed/" in f.url), None)
    if frame is None:
        return False
    with contextlib.suppress(Exception):
        return frame.locator("article.rekisteri-notice h1").count() == 1
    return False


def test_shop_embeds_the_notice(site, open_page, artifacts, shot, step):
    cms = site.base_url
    allow_origins(site, artifacts, "")
    with shop_server(cms) as shop:
        page = open_page("shop", locale="fi-FI")
        with step("the shop page with embed.js, revalidation and a frame"):
            page.goto(shop + "/")
            expect(page.locator("#revalidation")).to_have_text("done")
        result = page.evaluate("window.revalidation")
        assert result["first"] == 200
        assert result["etag"]
        assert result["lastModified"]
        assert result["language"] == "fi"
        # Revalidated from code across origins: the preflight allowed the header.
        assert result["second"] == 304

        with step("embed.js renders into a shadow root under the strict policy"):
            host = page.locator("#notice .rekisteri-cms-notice")
            expect(host).to_have_attribute("data-status", "rendered")
            heading = host.locator("article h1")
            expect(heading).to_have_text(result["title"])
            assert host.locator("article h2").count() >= 3
            assert (
                page.evaluate(
                    "document.querySelector('.rekisteri-cms-notice').shadowRoot"
                    ".adoptedStyleSheets.length"
                )
                == 1
            )
            # The shop's own document has no notice markup: it is in the shadow root.
            assert page.evaluate("document.querySelectorAll('article').length") == 0
            assert page.context.cookies() == []
        page.wait_for_load_state("load")  # the frame has loaded or been refused
        shot(page, "embed-shop-frame-refused")
        assert not frame_shows_the_notice(page), "framed although nobody is allowed"

        violations = [
            line
            for line in open_page.messages["shop"]
            if "Content Security Policy" in line and "frame-ancestors" not in line
        ]
        assert not violations, "\n".join(violations)

        with step("the frame is shown once the shop's origin is allowed"):
            allow_origins(site, artifacts, shop)
            revalidated = not_modified_count(site)
            page.reload()
            expect(page.locator("#revalidation")).to_have_text("done")
            frame = page.frame_locator("#frame")
            expect(frame.locator("article.rekisteri-notice h1")).to_have_text(
                result["title"]
            )
            expect(host).to_have_attribute("data-status", "rendered")
            expect(host.locator("article h1")).to_have_text(result["title"])
        shot(page, "embed-shop-frame-allowed")
        # On the second visit embed.js revalidated its copy with the ETag: besides
        # the shop's own conditional request, one more 304 from the API.
        page.wait_for_timeout(500)  # the server writes its log line after answering
        assert not_modified_count(site) - revalidated == 2

        with step("another origin is still refused"):
            allow_origins(site, artifacts, "https://toinen-kauppa.example")
            page.reload()
            expect(page.locator("#revalidation")).to_have_text("done")
            page.wait_for_load_state("load")
            assert not frame_shows_the_notice(page)
        allow_origins(site, artifacts, "")
