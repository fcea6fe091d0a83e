"""A new GDPR notice and its Swedish translation, through review, in a Finnish admin.

1. The editor (Finnish admin) starts a notice from the web shop template, chooses
   the controller, replaces the placeholders, saves twice (one status message on
   screen, no English) and submits it with a change summary.
2. The legal reviewer rejects it with a comment from the dashboard; the editor sees
   the comment on the edit view, fixes the notice and submits it again; the reviewer
   approves it and the notice is live.
3. The editor starts a Swedish translation. Submitted with untranslated texts it is
   refused, with the count, and nothing reaches the reviewer's dashboard; translated
   (a PO file uploaded as a translator would), it is submitted, the reviewer sees the
   source and the translation side by side with the count, approves it, and it is
   live at /sv/.
"""

from __future__ import annotations

import re
import time

import polib
import pytest
from playwright.sync_api import Page, expect

from .conftest import Site

pytestmark = pytest.mark.timeout(900)

TITLE = "Testikauppa Oy:n tietosuojaseloste"
SLUG = "testikauppa-oyn-tietosuojaseloste"
SV_TITLE = "Testikauppa Oy:s dataskyddsbeskrivning"
CONTROLLER = "Esimerkkikauppa Oy"
SUMMARY = "Ensimmäinen versio verkkokaupan pohjasta"
COMMENT = "Kerro evästeistä tarkemmin: mitä analytiikkaevästeitä käytätte?"
FIX = "Käytämme vain välttämättömiä evästeitä ostoskorin toimintaan, emme analytiikkaa."
#: Swedish for the texts the legal check reads as text (the legitimate interests and
#: the retention periods); the other texts get a marked translation.
SWEDISH = {
    "Oikeutettu etumme on pitää verkkokauppa toimivana ja turvallisena: kehitämme palvelua sen käytöstä kootun tiedon perusteella ja suojaamme asiakkaitamme ja itseämme maksupetoksilta.": "Vårt berättigade intresse är att hålla webbutiken fungerande och säker: vi utvecklar tjänsten utifrån information om hur den används och skyddar våra kunder och oss själva mot betalningsbedrägerier.",
    "Asiakassuhteen ajan ja 2 vuotta asiakassuhteen päättymisestä": "Under kundförhållandet och i 2 år efter att kundförhållandet upphört",
    "Tositteet 6 vuotta ja kirjanpitokirjat 10 vuotta (kirjanpitolaki 2 luku 10 §)": "Verifikationer 6 år och bokföringsböcker 10 år (bokföringslagen 2 kap. 10 §)",
    "Käyttö- ja lokitiedot 12 kuukautta": "Användnings- och loggdata 12 månader",
    "Asiakassuhteen ajan ja 2 vuotta sen päättymisestä": "Under kundförhållandet och i 2 år efter att det upphört",
    "6 vuotta sen vuoden lopusta, jonka aikana tilikausi päättyi (kirjanpitolaki 2 luku 10 §)": "6 år från utgången av det år under vilket räkenskapsperioden upphörde (bokföringslagen 2 kap. 10 §)",
    "12 kuukautta": "12 månader",
}
EDITOR = ("editor", "editor-demo-2026")
REVIEWER = ("reviewer", "reviewer-demo-2026")
#: English an editor or reviewer of issue 15 met; none may show in a Finnish admin.
ENGLISH = (
    "has been updated",
    "could not be saved due to validation errors",
    "could not be created due to validation errors",
    "Autosave is paused",
    "Saved as a draft",
    "Go to the first error",
    "Untranslated",
)


def log_in(page: Page, site: Site, username: str, password: str) -> None:
    page.goto(site.url("/admin/login/"))
    page.locator("input[name='username']").fill(username)
    page.locator("input[name='password']").fill(password)
    page.locator("form button[type='submit']").click()
    expect(page).to_have_url(site.url("/admin/"))


def messages(page: Page) -> list[str]:
    return [m.inner_text().strip() for m in page.locator(".messages li").all()]


def assert_no_english(page: Page) -> None:
    text = page.locator("body").inner_text()
    for english in ENGLISH:
        assert english not in text, f"English on {page.url}: {english!r}"


def replace_rich_text(page: Page, containing: str, text: str) -> None:
    """Replace the whole text of the Draftail editor that contains ``containing``."""
    editor = page.locator("[contenteditable='true']").filter(has_text=containing).first
    if not editor.is_visible():  # the edit view shows saved sections collapsed
        block = editor.locator("xpath=ancestor::*[@data-streamfield-child][1]")
        block.locator("button.w-panel__toggle").first.click()
        expect(editor).to_be_visible()
    value_name = editor.evaluate(
        "e => e.closest('[data-streamfield-child]')"
        ".querySelector(\"input[type=hidden][name$='-value-body']\").name"
    )
    editor.scroll_into_view_if_needed()
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.type(text)
    # Draftail keeps the field's value, the form data, in a hidden input: it must
    # hold the whole new text and nothing of the old one.
    hidden = page.locator(f"input[name='{value_name}']")
    expect(hidden).to_have_value(re.compile(re.escape(text[-30:])))
    expect(hidden).not_to_have_value(re.compile(re.escape(containing)))


def save_draft(page: Page) -> None:
    page.locator("form[data-edit-form] footer").get_by_role(
        "button", name="Tallenna luonnos"
    ).click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.locator(".messages li")).to_have_count(1)


def dashboard_row(page: Page, title: str):
    return (
        page.locator("#awaiting-review-content, section")
        .get_by_role("row")
        .filter(has=page.get_by_role("link", name=title, exact=True))
    )


def workflow_action(page: Page, row, action: str, comment: str | None = None) -> None:
    """Run ``action`` (approve, reject) of the dashboard row's menu, with a comment
    in the dialog when the action has one."""
    row.locator("button[aria-label]").filter(has=page.locator("svg")).last.click()
    selector = f"button[data-workflow-action-url*='/{action}/']"
    if comment is not None:
        selector += "[data-launch-modal]"
    else:
        selector += ":not([data-launch-modal])"
    row.locator(selector).first.click()
    if comment is not None:
        dialog = page.locator(".modal-dialog, [role='dialog']").filter(
            has=page.locator("textarea")
        )
        expect(dialog.first).to_be_visible()
        dialog.first.locator("textarea").fill(comment)
        dialog.first.locator("button[type='submit']").click()
        expect(dialog.first).to_be_hidden()


def test_new_notice_and_translation_in_a_finnish_admin(
    site, open_page, shot, step, e2e_report
):
    editor = open_page("editor", locale="fi-FI")
    with step("1.1 editor starts a notice from the template"):
        log_in(editor, site, *EDITOR)
        index = editor.request.get(
            site.url("/admin/api/main/pages/?slug=tietosuojaselosteet&locale=fi")
        ).json()["items"][0]["id"]
        editor.goto(
            site.url(f"/admin/pages/add/rekisteri_cms/privacynoticepage/{index}/")
        )
        start = editor.locator("[data-start-from-template]")
        expect(start).to_be_visible()
        start.get_by_role("link", name="Verkkokaupan tietosuojaseloste").click()
        expect(editor).to_have_url(re.compile(r"\?template=web_shop$"))
        expect(editor.locator("#id_framework")).to_have_value("gdpr")
        # An untouched form has no error badge.
        expect(editor.locator(".w-tabs__errors:visible")).to_have_count(0)
        assert_no_english(editor)
        shot(editor, "f01-editor-template")

    with step("1.2 editor fills in what only the shop knows"):
        editor.locator("#id_title").fill(TITLE)
        editor.locator("#id_title").blur()
        controller = editor.locator("[data-streamfield-child]").first
        controller.locator("button.chooser__choose-button").evaluate("b => b.click()")
        chooser = editor.locator(".modal-dialog").filter(has_text=CONTROLLER)
        chooser.get_by_role("link", name=re.compile(CONTROLLER)).first.click()
        expect(chooser).to_be_hidden()
        for prefix, value in (
            ("[TÄYDENNÄ: yhteyshenkilö", "Asiakaspalvelu"),
            ("[TÄYDENNÄ: rekisterin nimi", "Testikaupan asiakasrekisteri"),
            ("[TÄYDENNÄ: osoite", "Testikauppa Oy, Kauppakatu 1, 00100 Helsinki"),
        ):
            field_id = editor.evaluate(
                "prefix => [...document.querySelectorAll('input, textarea')]"
                ".find(e => e.value.startsWith(prefix)).id",
                prefix,
            )
            editor.locator(f"#{field_id}").fill(value)
        replace_rich_text(
            editor,
            "[TÄYDENNÄ: siirretäänkö",
            "Emme siirrä henkilötietoja EU:n tai ETA:n ulkopuolelle.",
        )

    with step("1.3 first save: one message, a placeholder left"):
        save_draft(editor)
        # The collapsed sections carry their status marks beside their names.
        marks = editor.locator("[data-section-mark]")
        expect(marks.first).to_be_visible()
        assert set(marks.all_text_contents()) <= {
            "Kerrottu",
            "Puuttuu",
            "Ei koske tätä selostetta",
        }
        [message] = messages(editor)
        assert message.startswith("Tallennettu luonnoksena.")
        assert "TÄYDENNÄ" in message
        assert_no_english(editor)
        shot(editor, "f02-editor-first-save")

    with step("1.4 second save: still one message"):
        replace_rich_text(
            editor,
            "[TÄYDENNÄ: muut",
            "Käytämme välttämättömiä evästeitä ja suostumuksellasi analytiikkaevästeitä.",
        )
        save_draft(editor)
        assert messages(editor) == [
            "Tallennettu luonnoksena. Siinä on kaikki tietosuoja-asetuksen "
            "edellyttämät tiedot; lähetä se oikeudelliseen tarkastukseen, kun se on "
            "valmis."
        ]
        assert_no_english(editor)
        edit_url = editor.url
        shot(editor, "f03-editor-second-save")

    with step("1.5 editor submits; the submit step asks for the change summary"):
        expect(editor.locator("#id_change_summary")).to_have_value("")
        editor.locator("form[data-edit-form] footer").get_by_role(
            "button", name="Lisää toimintoja"
        ).click()
        editor.locator("button[name='action-submit']").click()
        dialog = editor.locator("dialog[data-change-summary-dialog]")
        expect(dialog).to_be_visible()
        expect(dialog).to_contain_text("Muutosten yhteenveto")
        assert_no_english(editor)
        shot(editor, "f03b-editor-submit-asks-summary")
        dialog.get_by_role("textbox").fill(SUMMARY)
        dialog.get_by_role("button", name="Lähetä oikeudelliseen tarkastukseen").click()
        expect(editor.locator(".messages li")).to_have_count(1)
        assert_no_english(editor)

    reviewer = open_page("reviewer", locale="fi-FI")
    with step("2.1 reviewer rejects with a comment"):
        log_in(reviewer, site, *REVIEWER)
        row = dashboard_row(reviewer, TITLE)
        expect(row).to_have_count(1)
        shot(reviewer, "f04-reviewer-dashboard")
        workflow_action(reviewer, row, "reject", COMMENT)

    with step("2.2 editor sees the comment, fixes and resubmits"):
        editor.goto(edit_url)
        # The rejection notice at the top of the edit view (data-rejection) comes
        # with the review's own display of the reviewer's comment.
        rejection = editor.locator("[data-rejection]")
        expect(rejection).to_contain_text(COMMENT)
        shot(editor, "f05-editor-sees-rejection")
        replace_rich_text(editor, "suostumuksellasi analytiikkaevästeitä", FIX)
        editor.locator("#id_change_summary").fill(SUMMARY)
        editor.locator("form[data-edit-form] footer").get_by_role(
            "button", name="Lisää toimintoja"
        ).click()
        editor.locator(
            "button[name='action-submit'], button[name='action-restart-workflow']"
        ).first.click()
        expect(editor.locator(".messages li")).to_have_count(1)

    with step("2.3 reviewer approves; the notice is live"):
        reviewer.goto(site.url("/admin/"))
        row = dashboard_row(reviewer, TITLE)
        expect(row).to_have_count(1)
        workflow_action(reviewer, row, "approve")
        expect(dashboard_row(reviewer, TITLE)).to_have_count(0)
        response = reviewer.request.get(site.url(f"/fi/{SLUG}/"))
        assert response.status == 200
        assert FIX in response.text()

    with step("3.1 editor starts a Swedish translation"):
        page_id = re.search(r"/pages/(\d+)/edit/", edit_url).group(1)
        editor.goto(site.url(f"/admin/localize/submit/page/{page_id}/"))
        sv_box = editor.get_by_label(re.compile("Svenska|ruotsi", re.IGNORECASE))
        sv_box.check()
        editor.get_by_role("main").get_by_role(
            "button", name="Lähetä", exact=True
        ).click()
        expect(editor.locator("[data-translation-review]")).to_be_visible()
        translation_url = editor.url

    with step("3.2 untranslated: submission refused with the count"):
        progress = editor.locator("[data-translation-progress]")
        total = int(progress.get_attribute("data-total"))
        assert int(progress.get_attribute("data-translated")) < total
        editor.locator("[data-submit-translation]").click()
        expect(
            editor.locator(".messages li").filter(has_text="kääntämättä")
        ).to_have_count(1)
        [refusal] = messages(editor)
        assert "kääntämättä" in refusal
        assert f"{total} tekstistä" in refusal
        shot(editor, "f06-translation-refused")
        reviewer.goto(site.url("/admin/"))
        expect(dashboard_row(reviewer, SV_TITLE)).to_have_count(0)
        expect(reviewer.get_by_role("link", name=TITLE, exact=True)).to_have_count(0)

    with step("3.3 translator uploads the translation; it goes to review"):
        links = editor.evaluate(
            "() => JSON.parse(document.querySelector('.js-translation-editor')"
            ".dataset.props).links"
        )
        po_text = editor.request.get(site.url(links["downloadPofile"])).text()
        po = polib.pofile(po_text)
        for entry in po:
            if entry.msgctxt == "slug":
                entry.msgstr = entry.msgid
            elif entry.msgid == TITLE:
                entry.msgstr = SV_TITLE
            elif entry.msgid in SWEDISH:
                entry.msgstr = SWEDISH[entry.msgid]
            else:
                entry.msgstr = f"[sv] {entry.msgid}"
        upload_url = links["uploadPofile"]
        csrf = editor.locator(
            "[data-translation-review] input[name='csrfmiddlewaretoken']"
        ).first.input_value()
        response = editor.request.post(
            site.url(upload_url),
            headers={"X-CSRFToken": csrf, "Referer": translation_url},
            multipart={
                "csrfmiddlewaretoken": csrf,
                "file": {
                    "name": "sv.po",
                    "mimeType": "text/x-gettext",
                    "buffer": str(po).encode(),
                },
            },
        )
        assert response.ok
        editor.goto(translation_url)
        progress = editor.locator("[data-translation-progress]")
        expect(progress).to_have_attribute("data-translated", str(total))
        editor.locator("[data-submit-translation]").click()
        expect(
            editor.locator(".messages li").filter(has_text="lähetettiin")
        ).to_have_count(1)
        [message] = messages(editor)
        assert "oikeudelliseen tarkastukseen" in message

    with step("3.4 reviewer sees both texts and the count, approves"):
        reviewer.goto(translation_url)
        panel = reviewer.locator("[data-translation-review]")
        expect(panel).to_contain_text(f"{total}/{total} käännetty")
        segments = reviewer.locator("[data-translation-segments]")
        expect(segments).to_contain_text(TITLE)
        expect(segments).to_contain_text(SV_TITLE)
        shot(reviewer, "f07-reviewer-translation-side-by-side")
        reviewer.goto(site.url("/admin/"))
        row = dashboard_row(reviewer, SV_TITLE)
        expect(row).to_have_count(1)
        workflow_action(reviewer, row, "approve")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            response = reviewer.request.get(site.url(f"/sv/{SLUG}/"))
            if response.status == 200:
                break
            reviewer.wait_for_timeout(500)
        assert response.status == 200
        assert SV_TITLE in response.text()
