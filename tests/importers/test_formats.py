"""The importer's readers of Markdown, HTML and Word, and their shared rules.

Every format becomes the same stream of lines (``SourceLine``) with the headings
its markup marks, so these tests check the conversion and then what the one
parser makes of it. Word documents are built here with python-docx.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from django.utils import translation
from docx import Document
from docx.enum.text import WD_BREAK

from rekisteri_cms.importers import (
    EMPHASIS,
    NoticeImportError,
    SourceLine,
    docx_to_lines,
    html_to_lines,
    markdown_to_lines,
    parse_notice_file,
    parse_notice_upload,
    read_notice_file,
)


def docx_bytes(build) -> bytes:
    document = Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def texts(lines: list[SourceLine]) -> list[str]:
    return [line.text for line in lines if line.text]


def import_error(name: str, data: bytes) -> str:
    """The message (in English) of the error that importing ``data`` raises."""
    with translation.override("en"):
        with pytest.raises(NoticeImportError) as info:
            parse_notice_upload(name, data)
        return str(info.value)


def only(lines: list[SourceLine]) -> SourceLine:
    (line,) = [line for line in lines if line.text]
    return line


# ---------------------------------------------------------------------------------
# Dispatch and errors
# ---------------------------------------------------------------------------------


def test_unknown_extension_is_an_import_error():
    assert "“.pdf” cannot be imported" in import_error("seloste.pdf", b"%PDF-1.4")


def test_unknown_extension_of_a_file_is_an_import_error(tmp_path):
    path = tmp_path / "seloste.rtf"
    path.write_text("{\\rtf1 Rekisterinpitäjä}")
    with pytest.raises(NoticeImportError):
        parse_notice_file(path)


def test_corrupt_docx_is_an_import_error():
    message = import_error("seloste.docx", b"PK\x03\x04 this is not a zip file")
    assert message == (
        "seloste.docx: the file is not a readable Word document (.docx): it is "
        "damaged or of another type."
    )


def test_zip_without_a_document_is_a_corrupt_docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hei")
    with pytest.raises(NoticeImportError):
        parse_notice_upload("seloste.docx", buffer.getvalue())


def test_old_word_document_asks_for_docx():
    message = import_error("seloste.docx", b"\xd0\xcf\x11\xe0" + b"\x00" * 64)
    assert "save it as .docx" in message


def test_binary_file_named_html_is_an_import_error():
    with pytest.raises(NoticeImportError):
        parse_notice_upload("seloste.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00")


def test_html_without_text_is_an_import_error():
    with pytest.raises(NoticeImportError):
        parse_notice_upload("tyhja.html", b"<html><body><script>x()</script></body>")


def test_extension_is_read_case_insensitively():
    notice = parse_notice_upload(
        "SELOSTE.MD", "# Rekisterinpitäjä\n\nYritys Oy\n".encode()
    )
    assert notice.keys == ["controller"]


def test_upload_error_names_the_file():
    with pytest.raises(NoticeImportError) as info:
        parse_notice_upload("polku/kirje.md", b"Hei!\n\nTavallinen kirje.\n")
    assert info.value.filename == "kirje.md"


def test_read_notice_file_shows_the_stream_of_a_word_file(tmp_path):
    path = tmp_path / "seloste.docx"
    path.write_bytes(
        docx_bytes(
            lambda d: (
                d.add_heading("Rekisterinpitäjä", level=2),
                d.add_paragraph("Yritys Oy"),
            )
        )
    )
    assert read_notice_file(path) == "## Rekisterinpitäjä\n\nYritys Oy\n"


# ---------------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------------


def test_markdown_atx_heading_has_its_level():
    line = only(markdown_to_lines("## 2. Rekisterin nimi ##\n"))
    assert (line.text, line.level) == ("2. Rekisterin nimi", 2)


def test_markdown_underlined_headings():
    lines = markdown_to_lines("Yritys Oy\n=========\n\nRekisterinpitäjä\n---\nteksti\n")
    assert [(ln.text, ln.level) for ln in lines if ln.level] == [
        ("Yritys Oy", 1),
        ("Rekisterinpitäjä", 2),
    ]


def test_markdown_bold_line_is_emphasised():
    line = only(markdown_to_lines("**Rekisterin tietosisältö:**\n"))
    assert (line.text, line.level) == ("Rekisterin tietosisältö:", EMPHASIS)


def test_markdown_lists_keep_their_markers():
    lines = markdown_to_lines("* yksi\n+ kaksi\n  - sisempi\n1) kolmas\n")
    assert texts(lines) == ["- yksi", "- kaksi", "  - sisempi", "1. kolmas"]


def test_markdown_inline_markup_becomes_text():
    line = only(
        markdown_to_lines(
            "Katso **[tietosuoja.fi](https://tietosuoja.fi)**, `koodi` ja _tämä_.\n"
        )
    )
    assert line.text == "Katso tietosuoja.fi, koodi ja tämä."


def test_markdown_mailto_link_keeps_the_address():
    line = only(markdown_to_lines("Kirjoita [meille](mailto:info@yritys.fi).\n"))
    assert line.text == "Kirjoita meille (info@yritys.fi)."


def test_markdown_underscores_inside_words_stay():
    line = only(markdown_to_lines("Tiedosto oma_rekisteri_2024.pdf\n"))
    assert line.text == "Tiedosto oma_rekisteri_2024.pdf"


def test_markdown_pipe_table_becomes_rows():
    lines = markdown_to_lines(
        "| Tieto | Säilytysaika |\n|---|:--:|\n| Tilaukset | 6 vuotta |\n"
    )
    assert texts(lines) == ["- Tieto | Säilytysaika", "- Tilaukset | 6 vuotta"]


def test_markdown_quote_and_rule():
    lines = markdown_to_lines("> Lainaus\n\n---\n\nLoppu\n")
    assert texts(lines) == ["Lainaus", "Loppu"]


def test_markdown_hard_break_is_not_joined():
    notice = parse_notice_upload(
        "x.md",
        (
            "# Rekisterinpitäjä\n\n"
            "Eläinsuojeluyhdistys Esimerkkitassu ry (Y-tunnus 2311066-7)  \n"
            "PL 42, 33101 Tampere\n"
        ).encode(),
    )
    assert notice.sections[0].text.split("\n")[1] == "PL 42, 33101 Tampere"


def test_markdown_notice_sections():
    notice = parse_notice_upload(
        "x.md",
        (
            "# Tietosuojaseloste\n\n## Rekisterinpitäjä\n\nYritys Oy\n\n"
            "## Mitä henkilötietoja keräämme?\n\n- nimi\n- osoite\n\n"
            "## Kuinka kauan säilytämme tietojasi?\n\nKaksi vuotta.\n"
        ).encode(),
    )
    assert notice.keys == ["controller", "data_content", "retention"]


# ---------------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------------

PAGE = """<!doctype html><html><head><title>T</title>
<script>var x = "Rekisterinpitäjä";</script><style>h2{color:red}</style></head>
<body><header><nav><a href="/">Etusivu</a> <a href="/tuotteet">Tuotteet</a></nav></header>
<main>
<h1>Tietosuojaseloste</h1>
<h2>Rekisterinpitäjä</h2>
<p>Yritys Oy<br>Y-tunnus 2311066-7<br>Katu 1, 00100 Helsinki</p>
<h2>Rekisterin tietosisältö</h2>
<ul><li>nimi</li><li>osoite<ul><li>katuosoite</li></ul></li></ul>
<h3>Asiakkaat</h3><p>Asiakkaista tallennetaan tilaukset.</p>
<h2>Säilytysaika</h2>
<table><tr><th>Tieto</th><th>Aika</th></tr><tr><td>Tilaukset</td><td>6 vuotta</td></tr></table>
</main>
<footer><p>© Yritys Oy</p></footer>
</body></html>"""


def test_html_headings_have_their_levels():
    lines = html_to_lines(PAGE.encode())
    assert [(ln.text, ln.level) for ln in lines if ln.level] == [
        ("Tietosuojaseloste", 1),
        ("Rekisterinpitäjä", 2),
        ("Rekisterin tietosisältö", 2),
        ("Asiakkaat", 3),
        ("Säilytysaika", 2),
    ]


def test_html_drops_scripts_styles_navigation_and_footer():
    text = " ".join(texts(html_to_lines(PAGE.encode())))
    assert [word for word in ("var x", "color", "Etusivu", "©") if word in text] == []


def test_html_br_breaks_lines():
    lines = texts(html_to_lines(PAGE.encode()))
    assert lines[2:5] == ["Yritys Oy", "Y-tunnus 2311066-7", "Katu 1, 00100 Helsinki"]


def test_html_nested_list_items_are_indented():
    lines = texts(html_to_lines(PAGE.encode()))
    assert lines[6:9] == ["- nimi", "- osoite", "  - katuosoite"]


def test_html_table_rows_are_list_items():
    lines = texts(html_to_lines(PAGE.encode()))
    assert lines[-2:] == ["- Tieto | Aika", "- Tilaukset | 6 vuotta"]


def test_html_subheading_stays_in_its_section():
    notice = parse_notice_upload("x.html", PAGE.encode())
    assert notice.keys == ["controller", "data_content", "retention"]
    assert "Asiakkaat" in notice.section("data_content").text


def test_html_bold_paragraph_is_emphasised():
    lines = html_to_lines(b"<p><strong>Rekisterin nimi</strong></p><p>Asiakkaat</p>")
    assert [(ln.text, ln.level) for ln in lines if ln.text] == [
        ("Rekisterin nimi", EMPHASIS),
        ("Asiakkaat", None),
    ]


def test_html_bold_first_line_of_a_paragraph_is_a_heading():
    notice = parse_notice_upload(
        "x.html",
        "<p><b>1. Rekisterinpitäjä</b><br>Yritys Oy<br>Katu 1, 00100 Helsinki</p>"
        "<p><b>2. Rekisterin nimi</b><br>Asiakkaat</p>".encode(),
    )
    assert [(s.key, s.text) for s in notice.sections] == [
        ("controller", "Yritys Oy\nKatu 1, 00100 Helsinki"),
        ("register_name", "Asiakkaat"),
    ]


def test_html_run_in_bold_label_is_a_run_in_heading():
    notice = parse_notice_upload(
        "x.html",
        "<p><b>Rekisterinpitäjä:</b> Yritys Oy</p>"
        "<p><b>Rekisterin nimi:</b> Asiakkaat</p>".encode(),
    )
    assert notice.keys == ["controller", "register_name"]


def test_html_two_column_form_table_gives_headings():
    notice = parse_notice_upload(
        "x.html",
        """<table>
        <tr><td>1 Rekisterinpitäjä</td><td><p>Yritys Oy</p><p>Katu 1</p></td></tr>
        <tr><td>2 Rekisterin nimi</td><td>Asiakkaat</td></tr>
        <tr><td>3 Rekisterin suojauksen periaatteet</td><td>Salasanat.</td></tr>
        </table>""".encode(),
    )
    assert notice.keys == ["controller", "register_name", "security"]


def test_html_definition_list_pairs_are_lines():
    lines = texts(html_to_lines(b"<dl><dt>Nimi</dt><dd>Yritys Oy</dd></dl>"))
    assert lines == ["Nimi: Yritys Oy"]


def test_html_mailto_link_keeps_the_address():
    lines = texts(html_to_lines(b'<p>Kirjoita <a href="mailto:a@b.fi">meille</a>.</p>'))
    assert lines == ["Kirjoita meille (a@b.fi)."]


def test_html_hidden_and_aria_hidden_elements_are_dropped():
    lines = texts(
        html_to_lines(
            b'<p>Esilla</p><p hidden>Piilossa</p><div aria-hidden="true">Ei</div>'
            b'<p style="display: none">Ei kans</p>'
        )
    )
    assert lines == ["Esilla"]


def test_html_main_element_is_the_content():
    lines = texts(html_to_lines(b"<div>Mainos</div><main><p>Sisalto</p></main>"))
    assert lines == ["Sisalto"]


def test_html_declared_windows_1252_is_decoded():
    page = (
        '<meta charset="windows-1252"><h2>Rekisterinpitäjä</h2><p>Åbo Öljy Oy</p>'
    ).encode("cp1252")
    assert texts(html_to_lines(page)) == ["Rekisterinpitäjä", "Åbo Öljy Oy"]


def test_html_warnings_give_source_lines():
    with translation.override("en"):
        notice = parse_notice_upload(
            "x.html",
            "<h2>Rekisterinpitäjä</h2>\n<p>Yritys Oy</p>\n\n<h2>Lisätietoja</h2>\n"
            "<p>Teksti.</p>".encode(),
        )
    assert any(w.startswith("line 4:") for w in notice.warnings)


# ---------------------------------------------------------------------------------
# Word
# ---------------------------------------------------------------------------------


def test_docx_heading_styles_have_their_levels():
    data = docx_bytes(
        lambda d: (
            d.add_paragraph("Seloste", style="Title"),
            d.add_heading("Rekisterinpitäjä", level=1),
            d.add_heading("Alaotsikko", level=3),
        )
    )
    assert [(ln.text, ln.level) for ln in docx_to_lines(data) if ln.level] == [
        ("Seloste", 1),
        ("Rekisterinpitäjä", 1),
        ("Alaotsikko", 3),
    ]


def test_docx_bold_paragraph_is_emphasised():
    def build(d):
        d.add_paragraph().add_run("Rekisterin nimi").bold = True
        d.add_paragraph("Asiakkaat")

    lines = [ln for ln in docx_to_lines(docx_bytes(build)) if ln.text]
    assert [(ln.text, ln.level) for ln in lines] == [
        ("Rekisterin nimi", EMPHASIS),
        ("Asiakkaat", None),
    ]


def test_docx_list_paragraphs_become_items():
    def build(d):
        d.add_paragraph("yksi", style="List Bullet")
        d.add_paragraph("kaksi", style="List Bullet")
        d.add_paragraph("ensin", style="List Number")
        d.add_paragraph("sitten", style="List Number")

    assert texts(docx_to_lines(docx_bytes(build))) == [
        "- yksi",
        "- kaksi",
        "1. ensin",
        "2. sitten",
    ]


def test_docx_soft_line_breaks_split_lines():
    def build(d):
        paragraph = d.add_paragraph()
        paragraph.add_run("Yritys Oy").add_break(WD_BREAK.LINE)
        paragraph.add_run("Katu 1")

    assert texts(docx_to_lines(docx_bytes(build))) == ["Yritys Oy", "Katu 1"]


def test_docx_table_rows_are_list_items():
    def build(d):
        table = d.add_table(rows=2, cols=2)
        for row, values in zip(
            table.rows, [("Tieto", "Aika"), ("Tilaukset", "6 vuotta")], strict=True
        ):
            row.cells[0].text, row.cells[1].text = values

    assert texts(docx_to_lines(docx_bytes(build))) == [
        "- Tieto | Aika",
        "- Tilaukset | 6 vuotta",
    ]


def test_docx_warnings_count_paragraphs():
    def build(d):
        d.add_heading("Rekisterinpitäjä", level=1)
        d.add_paragraph("Yritys Oy")
        d.add_heading("Lisätietoja", level=1)
        d.add_paragraph("Teksti.")

    with translation.override("en"):
        notice = parse_notice_upload("x.docx", docx_bytes(build))
    assert any(w.startswith("paragraph 3:") for w in notice.warnings)


def test_docx_bold_text_under_real_headings_is_not_a_section():
    def build(d):
        d.add_heading("Rekisterin tietosisältö", level=2)
        d.add_paragraph().add_run("Asiakkaat").bold = True
        d.add_paragraph("Nimi ja osoite.")

    notice = parse_notice_upload("x.docx", docx_bytes(build))
    assert notice.keys == ["data_content"]


def test_docx_short_paragraphs_are_not_other_headings():
    def build(d):
        d.add_heading("Rekisterinpitäjä", level=1)
        for line in ("Yritys Oy", "Toimitusjohtaja Maija Malli", "Katu 1"):
            d.add_paragraph(line)

    notice = parse_notice_upload("x.docx", docx_bytes(build))
    assert notice.keys == ["controller"]
