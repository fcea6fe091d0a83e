"""Import privacy notices and register descriptions from text, Markdown, HTML and Word.

The importer parses a notice file (``.txt``, ``.md``, ``.html``/``.htm`` or
``.docx``) into a :class:`ParsedNotice` of canonical sections (docs/notice-model.md#section-keys) with
typed data, warnings for what an editor should check, and the completeness report
of :mod:`rekisteri_cms.validators`; then it builds draft pages from parsed notices.
Every format is first converted to the same stream of lines (:class:`SourceLine`)
that plain text gives, with the headings its markup marks (``<h2>``, Word's
"Heading 2", Markdown's ``##``, a bold-only paragraph) flagged, so that one parser
serves all formats.

Real notices are untidy: headings come with or without numbers, colons and blank
lines; controllers write their business ID and phone number in many ways; titles,
preambles and site navigation surround the text. The parser therefore recognises
headings by their layout and position, keys them by their wording (the variants
of :mod:`.vocabulary`, a conservative fuzzy match for spelling variants, topic
words and lemmas) and by the text under them, keeps every line of
content in some section, and reports rather than guesses when something does not
validate (an invalid business ID is left empty, never "fixed").

The modules, each importing only those above it:

- :mod:`.errors`: :class:`NoticeImportError`;
- :mod:`.text`: normalising headings, spaces and line endings;
- :mod:`.vocabulary`: the heading wordings of ``data/headings.toml``, indexed;
- :mod:`.sources`: file types, decoding, and the stream of lines;
- :mod:`.lemmas`: a heading's words as lemmas, and the key terms they name;
- :mod:`.matching`: which section a heading names;
- :mod:`.detect`: language and framework;
- :mod:`.dates`, :mod:`.contacts`: typed data in a section's text;
- :mod:`.controller`: which legal entity the notice names as its controller;
- :mod:`.layout`: headings by their shape, and the evidence of a section's body;
- :mod:`.lines`: what a line is (list item, title, site chrome);
- :mod:`.paragraphs`: a section's lines as paragraphs and lists;
- :mod:`.placement`: the parser's rules for where a heading stands;
- :mod:`.evidence`: the parser's rules on a heading's text and on date lines;
- :mod:`.notice`: :class:`ParsedNotice`, :class:`ParsedSection` and :class:`DateLine`;
- :mod:`.formats`: Markdown, HTML, Word and tables into the stream of lines;
- :mod:`.parser`: the parser and the ``parse_notice*`` functions;
- :mod:`.pages`: draft pages in the database (the only module that uses models).

This package re-exports the public names of those modules.
"""

from .contacts import (
    CONTACT_PERSON_FIELDS,
    CONTROLLER_FIELDS,
    deobfuscate_email,
    extract_contact_details,
)
from .dates import parse_date
from .detect import detect_framework, detect_language
from .errors import NoticeImportError
from .formats import read_notice_file, read_notice_source
from .formats.docx import docx_to_lines
from .formats.html import html_to_lines
from .formats.markdown import markdown_to_lines
from .matching import HeadingMatch, match_heading
from .notice import DateLine, ParsedNotice, ParsedSection, section_body_html
from .pages import (
    ControllerMatch,
    ImportResult,
    build_notice_page,
    controller_matches,
    import_notice_files,
    import_parsed_notices,
    parent_for_locale,
    placeholder_keys,
    publish_through_review,
    stream_data,
)
from .paragraphs import blocks_to_html, blocks_to_text, build_blocks
from .parser import (
    parse_notice,
    parse_notice_file,
    parse_notice_lines,
    parse_notice_upload,
)
from .sources import (
    EMPHASIS,
    SUPPORTED_EXTENSIONS,
    NoticeSource,
    SourceLine,
    decode_notice_bytes,
    notice_file_extension,
    source_text,
    text_to_lines,
)
from .text import normalize_line_endings

__all__ = [
    "CONTACT_PERSON_FIELDS",
    "CONTROLLER_FIELDS",
    "EMPHASIS",
    "HeadingMatch",
    "ImportResult",
    "NoticeImportError",
    "NoticeSource",
    "ControllerMatch",
    "DateLine",
    "ParsedNotice",
    "ParsedSection",
    "SUPPORTED_EXTENSIONS",
    "SourceLine",
    "blocks_to_html",
    "blocks_to_text",
    "build_blocks",
    "build_notice_page",
    "controller_matches",
    "decode_notice_bytes",
    "deobfuscate_email",
    "detect_framework",
    "detect_language",
    "docx_to_lines",
    "extract_contact_details",
    "html_to_lines",
    "import_notice_files",
    "import_parsed_notices",
    "markdown_to_lines",
    "match_heading",
    "normalize_line_endings",
    "notice_file_extension",
    "parent_for_locale",
    "parse_date",
    "parse_notice",
    "parse_notice_file",
    "parse_notice_lines",
    "parse_notice_upload",
    "placeholder_keys",
    "publish_through_review",
    "read_notice_file",
    "read_notice_source",
    "section_body_html",
    "source_text",
    "stream_data",
    "text_to_lines",
]
