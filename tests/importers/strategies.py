"""Hypothesis strategies of bad notice files, for ``test_fuzz.py``.

Text built from the real heading variants of ``rekisteri_cms.importers.vocabulary``
mixed with garbage, random bytes and wrong encodings, very long lines, HTML with
odd nesting, Markdown tables, obfuscated e-mail addresses, invalid business IDs and
phone numbers, empty files, and Word documents built with python-docx (some
damaged).
``notice_file`` draws any of them as ``(name, bytes)``; ``plausible_notice`` draws
notices that mostly parse, so that the database properties import something.
"""

from __future__ import annotations

import html
import io
import re

from docx import Document
from hypothesis import strategies as st

from rekisteri_cms.importers.vocabulary import HEADING_VARIANTS

VARIANTS = sorted({v for variants in HEADING_VARIANTS.values() for v in variants})

garbage = st.text(max_size=40)
identifier = st.sampled_from(
    [
        "Y-tunnus: 2311066-7",
        "Y-tunnus: 2311066-8",
        "Y-tunnus 12345678",
        "FO-nummer: 0000000-0",
        "Puhelin: 040 123 4567",
        "Puh. 123",
        "Tel. +358 00 000",
        "puh +358 40 ".ljust(60, "9"),
        "00100 Helsinki",
        "0010 Helsinki",
        "Katu 1, 99999 X",
        "Sähköposti: info(at)yritys.fi",
        "tietosuoja [at] yritys [dot] fi",
        "nimi ät firma piste fi",
        "info@@yritys..fi",
        "@" * 30,
        "www.yritys.fi",
        "https://",
        "http://[::1",
        "Päiväys: 31.2.2018",
        "Päivitetty 1.1.99999",
    ]
)


@st.composite
def headings(draw) -> str:
    """A real heading variant, numbered, marked or shouted as notices do."""
    text = draw(st.sampled_from(VARIANTS))
    if draw(st.booleans()):
        text = text.upper()
    prefix = draw(st.sampled_from(["", "1. ", "§ 2 ", "iv) ", "## ", "**", "\t"]))
    return prefix + text + draw(st.sampled_from(["", ":", "?", "**", " ##"]))


heading = headings()
long_line = st.integers(1_000, 20_000).map(lambda n: ("Rekisterinpitäjä " * n)[:n])
line = st.one_of(heading, identifier, garbage, long_line, st.just(""))
notice_text = st.builds(
    lambda lines, newline: newline.join(lines),
    st.lists(line, max_size=25),
    st.sampled_from(["\n", "\r\n", "\r", "\u2028", "\n\n"]),
)


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


text_bytes = st.one_of(
    st.builds(
        _encode,
        notice_text,
        st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]),
    ),
    st.binary(max_size=300),
    st.builds(lambda b: b"\xef\xbb\xbf" + b, st.binary(max_size=50)),
    st.builds(lambda b: b"\xff\xfe" + b, st.binary(max_size=50)),
    st.sampled_from([b"", b"   \n\t ", b"%PDF-1.4", b"{\\rtf1", b"\x00" * 10]),
)

TAGS = ["p", "div", "h1", "h2", "h3", "b", "strong", "ul", "ol", "li", "table",
        "tr", "td", "th", "dl", "dt", "dd", "br", "a", "span", "main", "article",
        "nav", "script", "pre", "section", "header"]  # fmt: skip
ATTRIBUTES = ["", ' href="mailto:x(at)y.fi"', ' style="font-weight:bold"',
              ' role="main"', ' hidden', ' class="menu"', ' start="x"',
              ' start="-99999999999999999999"']  # fmt: skip


@st.composite
def html_fragment(draw, depth: int = 0) -> str:
    """Nested elements, some unclosed, some closed in the wrong order."""
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 4 and draw(st.booleans()):
            tag = draw(st.sampled_from(TAGS))
            attribute = draw(st.sampled_from(ATTRIBUTES))
            inner = draw(html_fragment(depth + 1))
            close = draw(st.sampled_from([f"</{tag}>", "", "</p></li>", "</table>"]))
            parts.append(f"<{tag}{attribute}>{inner}{close}")
        else:
            parts.append(draw(line))
    return "".join(parts)


html_bytes = st.one_of(
    st.builds(_encode, html_fragment(), st.sampled_from(["utf-8", "cp1252"])),
    st.builds(lambda b: b"<html>" + b, st.binary(max_size=200)),
    st.integers(10, 2_000).map(
        lambda n: b"<h2>Rekisterinpit\xc3\xa4j\xc3\xa4</h2>" + b"<div>" * n
    ),
)

markdown_table = st.builds(
    lambda rows, separator: "\n".join(
        ["| " + " | ".join(rows[0]) + " |", separator]
        + ["| " + " | ".join(row) + " |" for row in rows[1:]]
    ),
    st.lists(st.lists(line, min_size=1, max_size=3), min_size=1, max_size=5),
    st.sampled_from(["|---|---|", "|:--|", "---", "| - |", ""]),
)
markdown_bytes = st.builds(
    lambda parts: "\n".join(parts).encode(),
    st.lists(
        st.one_of(
            markdown_table,
            line,
            st.builds("## {}".format, heading),
            st.builds("- **{}**".format, line),
            st.just("```"),
            st.builds("> {}".format, line),
        ),
        max_size=15,
    ),
)


def xml_text(text: str) -> str:
    """``text`` without the characters that XML (and so Word) cannot hold."""
    return _NOT_XML_RE.sub("", text)


_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@st.composite
def docx_bytes(draw) -> bytes:
    """A Word document of random paragraphs, runs and tables, sometimes damaged."""
    document = Document()
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["heading", "paragraph", "list", "table"]))
        text = xml_text(draw(line))
        if kind == "heading":
            document.add_heading(text, level=draw(st.integers(0, 9)))
        elif kind == "list":
            document.add_paragraph(text, style="List Number")
        elif kind == "table":
            rows, cols = draw(st.integers(1, 3)), draw(st.integers(1, 3))
            table = document.add_table(rows=rows, cols=cols)
            for cell in table._cells:
                cell.text = xml_text(draw(line))
        else:
            paragraph = document.add_paragraph()
            for _ in range(draw(st.integers(1, 3))):
                paragraph.add_run(xml_text(draw(line))).bold = draw(
                    st.none() | st.booleans()
                )
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    damage = draw(st.sampled_from(["none", "truncate", "flip", "junk"]))
    if damage == "truncate":
        data = data[: draw(st.integers(0, len(data) - 1))]
    elif damage == "flip":
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :]
    elif damage == "junk":
        data = b"PK\x03\x04" + draw(st.binary(max_size=200))
    return data


@st.composite
def plausible_notice(draw) -> tuple[str, bytes]:
    """A notice that mostly parses: a controller section with identifiers (valid
    or not), then real headings with text and garbage, in one of the formats."""
    law = draw(st.sampled_from(["", "EU:n yleinen tietosuoja-asetus (2016/679)"]))
    blocks = [
        ["Rekisterinpitäjä", "Yritys Oy", *draw(st.lists(identifier, max_size=4))]
    ]
    for _ in range(draw(st.integers(0, 6))):
        blocks.append([draw(heading), *draw(st.lists(line, max_size=3)), law])
    extension = draw(st.sampled_from([".txt", ".md", ".html", ".docx"]))
    if extension == ".html":
        body = "".join(
            f"<h2>{html.escape(b[0])}</h2><p>{'<br>'.join(map(html.escape, b[1:]))}</p>"
            for b in blocks
        )
        return "fuzz.html", body.encode()
    if extension == ".docx":
        document = Document()
        for block in blocks:
            document.add_heading(xml_text(block[0]), level=2)
            for text in block[1:]:
                document.add_paragraph(xml_text(text))
        buffer = io.BytesIO()
        document.save(buffer)
        return "fuzz.docx", buffer.getvalue()
    text = "\n\n".join("\n".join(block) for block in blocks)
    return f"fuzz{extension}", text.encode(
        draw(st.sampled_from(["utf-8", "cp1252"])), errors="replace"
    )


def _named(extension: str, data):
    return data.map(lambda content: (f"fuzz{extension}", content))


notice_file = st.one_of(
    _named(".txt", text_bytes),
    _named(".md", markdown_bytes | text_bytes),
    _named(".html", html_bytes),
    _named(".htm", text_bytes),
    _named(".docx", docx_bytes() | st.binary(max_size=100)),
)
