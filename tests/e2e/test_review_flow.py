"""An editor's change goes through legal review to a new public version, in a browser.

1. The editor logs in to the Wagtail admin, opens a seed notice, adds a sentence to one
   section in the StreamField editor (the section's Draftail rich-text field), writes a
   change summary and submits the notice to the "Legal review" workflow.
2. The legal reviewer logs in and approves it from the dashboard's "Awaiting your
   review" panel, with a comment.
3. A reader sees version 2: on the public page, in the API, and in the version history,
   whose diff shows the added words inside <ins>.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from .conftest import Site

pytestmark = pytest.mark.timeout(600)

SLUG = "kokemuskauppa-oyn-asiakasrekisteri"
TITLE = "Kokemuskauppa Oy:n asiakasrekisteri"
SECTION = "rectification_erasure"
SECTION_HEADING = "Tietojen poistaminen"
ADDED = "Poistopyynnön voi lähettää myös sähköpostitse."
SUMMARY = "Päivitetty tietojen poistaminen"
COMMENT = "Hyväksytty, muutos on selkeä."
EDITOR = ("editor", "editor-demo-2026")
REVIEWER = ("reviewer", "reviewer-demo-2026")
EDITOR_NAME = "Eeva Toimittaja"

AUTOSAVE_QUIET = 3.0  # seconds without autosave activity before the editor submits
AUTOSAVE_LIMIT = 45.0


def log_in(page: Page, site: Site, username: str, password: str) -> None:
    page.goto(site.url("/admin/login/"))
    page.locator("input[name='username']").fill(username)
    page.locator("input[name='password']").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(site.url("/admin/"))


class AutosaveWatch:
    """The edit view's autosave requests: POSTs of the edit form that ask for JSON."""

    def __init__(self, page: Page):
        self.page = page
        self.in_flight: dict = {}
        self.finished: list[tuple[float, float]] = []
        page.on("request", self._started)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)

    @staticmethod
    def _is_autosave(request) -> bool:
        return (
            request.method == "POST"
            and request.url.endswith("/edit/")
            and "application/json" in (request.headers.get("accept") or "")
        )

    def _started(self, request) -> None:
        if self._is_autosave(request):
            self.in_flight[request] = time.monotonic()

    def _ended(self, request) -> None:
        started = self.in_flight.pop(request, None)
        if started is not None:
            self.finished.append((started, time.monotonic()))

    def settle(self) -> int:
        """Wait until no autosave is pending, as an editor waits for "Saved".

        Wagtail notices an edit within about a second and saves it half a second
        later; AUTOSAVE_QUIET seconds without a pending save mean the last edit is
        saved. Returns how many autosaves were seen.
        """
        indicator = self.page.locator("#w-autosave-indicator")
        deadline = time.monotonic() + AUTOSAVE_LIMIT
        quiet_since = None
        while time.monotonic() < deadline:
            state = (
                indicator.get_attribute("data-w-autosave-state-value")
                if indicator.count()
                else None
            )
            assert state != "paused", "Autosave failed: " + (
                indicator.get_attribute("data-w-tooltip-content-value") or ""
            )
            if self.in_flight or state == "saving":
                quiet_since = None
            elif quiet_since is None:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= AUTOSAVE_QUIET:
                return len(self.finished)
            self.page.wait_for_timeout(200)
        raise AssertionError(f"Autosave still busy after {AUTOSAVE_LIMIT} s")


def section_text(notice: dict, key: str) -> str:
    [section] = [s for s in notice["sections"] if s["key"] == key]
    return section["text"]


def test_edit_review_and_publish_a_new_version(site, open_page, shot, step, e2e_report):
    # The API's responses may be cached for minutes (Cache-Control): the checks before
    # approval read it without the browser's cache, and the reader of step 3 comes
    # with an empty one.
    api = open_page("api").request
    with step("0 API before: version 1"):
        response = api.get(site.url(f"/api/notices/{SLUG}/"))
        assert response.ok
        before = response.json()
        assert before["version"] == 1
        original = section_text(before, SECTION)
        assert ADDED not in original

    # 1. The editor --------------------------------------------------------------------
    editor = open_page("editor")
    with step("1.1 editor logs in"):
        log_in(editor, site, *EDITOR)
        shot(editor, "01-editor-dashboard")

    with step("1.2 editor finds the notice"):
        search = editor.get_by_role("main").get_by_role("textbox", name="Search term")
        search.fill("Kokemuskauppa")
        search.press("Enter")
        expect(editor).to_have_url(re.compile(r"/admin/pages/.*\?q=Kokemuskauppa"))
        shot(editor, "02-editor-search-results")
        editor.get_by_role("link", name=TITLE, exact=True).first.click()
        expect(editor).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
        expect(editor.get_by_role("heading", level=1)).to_contain_text(TITLE)

    with step("1.3 editor edits the section's text"):
        autosave = AutosaveWatch(editor)
        block = editor.locator("[data-streamfield-child]").filter(
            has=editor.locator(f"input[name$='-type'][value='{SECTION}']")
        )
        expect(block).to_have_count(1)
        # Collapsed, the section shows the start of its text (the heading override
        # is behind the section's settings button).
        expect(block.locator(".c-sf-block__title").first).to_contain_text(original[:20])
        toggle = block.locator("button.w-panel__toggle").first
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        body = block.locator("[data-contentpath='body']").first
        draftail = body.locator("[contenteditable='true']")
        expect(draftail).to_be_visible()
        expect(draftail).to_contain_text(original)
        draftail.click()
        editor.keyboard.press("Control+End")
        editor.keyboard.type(" " + ADDED, delay=15)
        expect(draftail).to_contain_text(f"{original} {ADDED}")
        # Draftail keeps the field's value, the form data, in a hidden input.
        expect(body.locator("input[type='hidden']").first).to_have_value(
            re.compile(re.escape(ADDED))
        )
        draftail.scroll_into_view_if_needed()
        shot(editor, "03-editor-section-edited")

    with step("1.4 editor writes the change summary"):
        summary = editor.get_by_role("textbox", name="Change summary")
        summary.fill(SUMMARY)
        expect(summary).to_have_value(SUMMARY)
        autosave.settle()

    with step("1.5 editor submits to Legal review"):
        footer = editor.get_by_role("navigation", name="Actions (footer)")
        footer.get_by_role("button", name="More actions").click()
        submit = editor.get_by_role("button", name="Submit to Legal review")
        expect(submit).to_be_visible()
        shot(editor, "04-editor-submit-menu")
        submit.click()
        expect(editor.locator(".messages")).to_contain_text(
            f"'{TITLE}' has been submitted for moderation"
        )
        editor.evaluate("window.scrollTo(0, 0)")
        shot(editor, "05-editor-submitted")

    with step("1.6 nothing is public before approval"):
        response = api.get(site.url(f"/api/notices/{SLUG}/"))
        assert response.ok
        assert response.json()["version"] == 1

    # 2. The legal reviewer ------------------------------------------------------------
    reviewer = open_page("reviewer")
    with step("2.1 reviewer logs in and sees the task"):
        log_in(reviewer, site, *REVIEWER)
        panel = reviewer.get_by_role("region", name="Awaiting your review")
        row = panel.get_by_role("row").filter(
            has=reviewer.get_by_role("link", name=TITLE, exact=True)
        )
        expect(row).to_have_count(1)
        # Who submitted it: the demo editor's full name.
        expect(row).to_contain_text(EDITOR_NAME)
        shot(reviewer, "06-reviewer-awaiting-review")

    with step("2.2 reviewer approves with a comment"):
        row.get_by_role("button", name="Actions").click()
        row.get_by_role("button", name="Approve with comment").click()
        dialog = reviewer.get_by_role("dialog").filter(
            has=reviewer.get_by_role("heading", name="Approve with comment")
        )
        expect(dialog).to_be_visible()
        dialog.get_by_role("textbox").fill(COMMENT)
        shot(reviewer, "07-reviewer-approve-dialog")
        dialog.get_by_role("button", name="Approve with comment").click()
        expect(dialog).to_be_hidden()
        # The dashboard reloads without the task (and without the panel if it was
        # the only one).
        expect(
            reviewer.get_by_role("region", name="Awaiting your review").get_by_role(
                "link", name=TITLE, exact=True
            )
        ).to_have_count(0)
        shot(reviewer, "08-reviewer-approved")

    # 3. The reader --------------------------------------------------------------------
    reader = open_page("reader", locale="fi-FI")
    with step("3.1 public page shows version 2"):
        response = reader.goto(site.url(f"/fi/{SLUG}/"))
        assert response is not None and response.ok
        expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
        # A legacy notice (this seed) states its document date beside the version.
        expect(reader.locator(".notice-version, .notice-record")).to_contain_text(
            re.compile(r"\bversio 2\b", re.IGNORECASE)
        )
        section = reader.get_by_role("region", name=re.compile(SECTION_HEADING))
        expect(section).to_contain_text(f"{original} {ADDED}")
        shot(reader, "09-public-notice", full_page=True)

    with step("3.2 API shows version 2"):
        response = reader.goto(site.url(f"/api/notices/{SLUG}/"))
        assert response is not None and response.ok
        after = response.json()
        shot(reader, "10-api-notice")
        assert after["version"] == 2
        assert after["change_summary"] == SUMMARY
        assert after["approval_step"] == "legal_review"
        assert after["approval_step_label"] == "Oikeudellinen tarkastus"
        assert section_text(after, SECTION) == f"{original} {ADDED}"
        response = reader.goto(site.url(f"/api/notices/{SLUG}/versions/"))
        assert response is not None and response.ok
        versions = response.json()
        assert versions["count"] == 2
        assert [(v["version"], v["current"]) for v in versions["results"]] == [
            (2, True),
            (1, False),
        ]

    with step("3.3 history lists version 2 and diffs it"):
        response = reader.goto(site.url(f"/fi/{SLUG}/history/"))
        assert response is not None and response.ok
        newest = reader.locator("table.versions tbody tr").first
        expect(newest).to_contain_text(SUMMARY)
        expect(newest.get_by_role("link", name="2", exact=True)).to_be_visible()
        form = reader.locator("form.diff-form")
        form.locator("select[name='from']").select_option("1")
        form.locator("select[name='to']").select_option("2")
        shot(reader, "11-public-history", full_page=True)
        form.locator("[type='submit']").click()
        expect(reader).to_have_url(
            re.compile(rf"/fi/{SLUG}/history/diff/\?from=1&to=2$")
        )
        inserted = reader.locator("ins")
        expect(inserted.filter(has_text=ADDED.split()[0]).first).to_be_visible()
        inserted_text = " ".join(inserted.all_inner_texts())
        for word in ADDED.split():
            assert word in inserted_text, f"{word!r} is not inside <ins>"
        shot(reader, "12-public-diff", full_page=True)
        changed = reader.locator("section.diff-section--changed").count()
        if changed != 1:
            e2e_report.notes.append(
                f"The diff of version 1 to 2 marks {changed} sections as changed; "
                "the editor changed one (see 12-public-diff.png)"
            )

    blocked = [
        line
        for line in open_page.messages.get("reader", [])
        if "Content Security Policy" in line
    ]
    assert not blocked, "\n".join(blocked)
