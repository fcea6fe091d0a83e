"""HTML notices: a web page's notice without the site around it."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString
from django.utils.translation import gettext_lazy as _

from ..errors import NoticeImportError
from ..matching import _FIRST_LETTER_RE
from ..sources import _BLANK, EMPHASIS, SourceLine, _check_not_binary
from ..text import normalize_space
from .tables import _cell_text, _table_lines

# Elements that are never content, and the site chrome around a notice.
_HTML_SKIP_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "head", "title", "meta", "link",
        "form", "button", "select", "option", "input", "textarea", "label",
        "iframe", "svg", "canvas", "object", "embed", "audio", "video", "map",
        "dialog", "img", "picture",
    }
)  # fmt: skip
_HTML_CHROME_ROLES = frozenset(
    {
        "navigation", "banner", "contentinfo", "search", "complementary", "dialog",
        "alertdialog", "menu", "menubar", "toolbar",
    }
)  # fmt: skip
_HTML_CHROME_CLASS_RE = re.compile(
    r"^(?:breadcrumbs?|breadcrumb-\w+|nav|navbar|navigation|(?:main|site|nav|top)-?menu"
    r"|menu|menu-\w+|skip-?links?|skip-to-content|sidebar|site-(?:header|footer)"
    r"|cookie-?(?:banner|notice|consent|bar|popup|dialog)|cookieconsent)$",
    re.IGNORECASE,
)
_HTML_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "body", "html", "blockquote",
        "address", "figure", "figcaption", "center", "fieldset", "details",
        "summary", "header", "footer", "hgroup", "caption", "li", "dd", "dt", "td",
        "th", "tr", "tbody", "thead", "tfoot",
    }
)  # fmt: skip
_HTML_HEADING_RE = re.compile(r"^h([1-6])$")
_HTML_BOLD_TAGS = frozenset({"b", "strong"})
_HTML_BOLD_STYLE_RE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.I)
_HTML_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_HTML_SPACE_RE = re.compile(r"[ \t\n\r\f\v]+")


def _html_content_root(soup: BeautifulSoup) -> Tag:
    """The element that holds the notice: the one ``<main>``, else the one
    ``<article>``, else ``<body>``."""
    mains = soup.find_all(lambda t: t.name == "main" or t.get("role") == "main")
    if len(mains) == 1:
        return mains[0]
    articles = soup.find_all("article")
    if len(articles) == 1:
        return articles[0]
    return soup.body or soup


class _HtmlConverter:
    """Walks an HTML tree and writes its text as lines (see :class:`SourceLine`)."""

    def __init__(self) -> None:
        self.out: list[SourceLine] = []
        self.pieces: list[tuple[str, bool]] = []  # the open paragraph's text
        self.number: int | None = None

    def is_chrome(self, tag: Tag, in_content: bool) -> bool:
        if tag.name in _HTML_SKIP_TAGS:
            return True
        if tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
            return True
        if _HTML_HIDDEN_STYLE_RE.search(str(tag.get("style") or "")):
            return True
        if str(tag.get("role") or "").lower() in _HTML_CHROME_ROLES:
            return True
        if tag.name in ("nav", "aside"):
            return True
        if tag.name in ("header", "footer") and not in_content:
            return True
        names = [*(tag.get("class") or []), str(tag.get("id") or "")]
        return any(_HTML_CHROME_CLASS_RE.match(name) for name in names if name)

    def blank(self) -> None:
        if self.out and self.out[-1].text:
            self.out.append(_BLANK)

    def add(self, text: str, bold: bool, number: int | None) -> None:
        if not self.pieces:
            self.number = number
        self.pieces.append((text, bold))

    def flush(self) -> None:
        """Write the open paragraph: a line per ``<br>``; a line that is bold
        throughout is marked as emphasised."""
        lines: list[list[tuple[str, bool]]] = [[]]
        for text, bold in self.pieces:
            for index, part in enumerate(text.split("\n")):
                if index:
                    lines.append([])
                if part:
                    lines[-1].append((part, bold))
        self.pieces = []
        written = False
        for line in lines:
            text = normalize_space("".join(part for part, _bold in line))
            if not text:
                continue
            lettered = [bold for part, bold in line if _FIRST_LETTER_RE.search(part)]
            level = EMPHASIS if lettered and all(lettered) else None
            self.out.append(SourceLine(text, level, self.number, joinable=False))
            written = True
        if written:
            self.blank()

    def walk(
        self,
        node: Tag,
        *,
        bold: bool = False,
        in_content: bool = False,
        pre: bool = False,
    ) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if isinstance(child, PreformattedString):
                    continue  # comments, doctype, CDATA
                text = str(child) if pre else _HTML_SPACE_RE.sub(" ", str(child))
                if text.strip() or (self.pieces and text):
                    self.add(text, bold, getattr(node, "sourceline", None))
                continue
            if not isinstance(child, Tag) or self.is_chrome(child, in_content):
                continue
            self.element(child, bold=bold, in_content=in_content, pre=pre)

    def element(self, tag: Tag, *, bold: bool, in_content: bool, pre: bool) -> None:
        name = tag.name
        content = in_content or name in ("main", "article") or tag.get("role") == "main"
        heading = _HTML_HEADING_RE.match(name)
        if heading:
            self.flush()
            self.blank()
            text = normalize_space(tag.get_text(" "))
            if text:
                self.out += [SourceLine(text, int(heading.group(1)), tag.sourceline)]
                self.blank()
        elif name == "br":
            self.add("\n", bold, tag.sourceline)
        elif name in ("ul", "ol"):
            self.flush()
            self.blank()
            self.list(tag, 0, content)
            self.blank()
        elif name == "table":
            self.flush()
            self.blank()
            self.table(tag, content)
        elif name == "dl":
            self.flush()
            self.blank()
            self.definitions(tag, content)
        elif name == "hr":
            self.flush()
            self.blank()
        elif name == "pre" or name in _HTML_BLOCK_TAGS:
            self.flush()
            self.walk(tag, bold=bold, in_content=content, pre=pre or name == "pre")
            self.flush()
        else:
            strong = (
                bold
                or name in _HTML_BOLD_TAGS
                or bool(_HTML_BOLD_STYLE_RE.search(str(tag.get("style") or "")))
            )
            self.walk(tag, bold=strong, in_content=content, pre=pre)
            href = str(tag.get("href") or "")
            if name == "a" and href.lower().startswith("mailto:"):
                address = href[7:].split("?")[0]
                if address and address not in tag.get_text():
                    self.add(f" ({address})", False, tag.sourceline)

    def lines_of(self, tag: Tag, in_content: bool, skip=()) -> list[SourceLine]:
        """The lines of ``tag``'s content, written by a converter of their own."""
        converter = _HtmlConverter()
        for child in tag.children:
            if isinstance(child, Tag):
                if child.name in skip or converter.is_chrome(child, in_content):
                    continue
                converter.element(child, bold=False, in_content=in_content, pre=False)
            elif isinstance(child, NavigableString) and not isinstance(
                child, PreformattedString
            ):
                text = _HTML_SPACE_RE.sub(" ", str(child))
                if text.strip() or converter.pieces:
                    converter.add(text, False, tag.sourceline)
        converter.flush()
        return converter.out

    def list(self, tag: Tag, depth: int, in_content: bool) -> None:
        ordered = tag.name == "ol"
        try:
            number = int(str(tag.get("start") or 1))
        except ValueError:
            number = 1
        for item in tag.find_all("li", recursive=False):
            if self.is_chrome(item, in_content):
                continue
            text = _cell_text(self.lines_of(item, in_content, skip=("ul", "ol")))
            prefix = f"{number}. " if ordered else "- "
            if text:
                self.out.append(
                    SourceLine(f"{'  ' * depth}{prefix}{text}", None, item.sourceline)
                )
                number += 1
            for nested in item.find_all(("ul", "ol"), recursive=False):
                self.list(nested, depth + 1, in_content)

    def table(self, tag: Tag, in_content: bool) -> None:
        rows: list[tuple[int | None, list[list[SourceLine]]]] = []
        for row in _html_rows(tag):
            cells = [
                self.lines_of(cell, in_content)
                for cell in row.find_all(("td", "th"), recursive=False)
                if not self.is_chrome(cell, in_content)
            ]
            rows.append((row.sourceline, cells))
        self.out += _table_lines(rows)

    def definitions(self, tag: Tag, in_content: bool) -> None:
        term: str | None = None
        number: int | None = None
        for child in tag.find_all(("dt", "dd")):
            text = _cell_text(self.lines_of(child, in_content))
            if child.name == "dt":
                if term:
                    self.out += [SourceLine(term, EMPHASIS, number), _BLANK]
                term, number = text, child.sourceline
            elif term:
                joiner = " " if term.endswith(":") else ": "
                self.out += [SourceLine(f"{term}{joiner}{text}", None, number), _BLANK]
                term = None
            elif text:
                self.out += [SourceLine(text, None, child.sourceline), _BLANK]
        if term:
            self.out += [SourceLine(term, EMPHASIS, number), _BLANK]


def _html_rows(table: Tag) -> list[Tag]:
    rows = []
    for child in table.children:
        if not isinstance(child, Tag):
            continue
        if child.name == "tr":
            rows.append(child)
        elif child.name in ("thead", "tbody", "tfoot"):
            rows += child.find_all("tr", recursive=False)
    return rows


def html_to_lines(data: bytes | str, *, filename: str = "") -> list[SourceLine]:
    """HTML, read with a real HTML parser: ``h1``–``h6`` are headings, a paragraph
    that is bold throughout is emphasised, lists and tables keep their items and
    rows, ``<br>`` breaks lines. Scripts, styles and the site's navigation,
    header, footer, sidebars and cookie banners are left out, and when the page
    has one ``<main>`` (or ``<article>``) only its content is read."""
    if isinstance(data, bytes):
        _check_not_binary(data, filename, _("HTML"))
    soup = BeautifulSoup(data, "html.parser")
    root = _html_content_root(soup)
    converter = _HtmlConverter()
    try:
        converter.walk(root, in_content=root.name in ("main", "article"))
    except RecursionError as exc:
        # The converter recurses per element: hundreds of levels of unclosed
        # tags are no notice (a real page nests a few dozen).
        raise NoticeImportError(
            _("the page's elements are nested too deeply to be read."),
            filename=filename,
        ) from exc
    converter.flush()
    if not any(line.text.strip() for line in converter.out):
        raise NoticeImportError(_("the page has no text."), filename=filename)
    return converter.out
