#!/usr/bin/env python3
"""Sanity checks for the fifth importer evaluation set.

Stdlib only, except that .docx notices are read with python-docx (one line
per paragraph).

Checks: every notice file has labels and vice versa; the language is fi/sv/en
and matches the file name's prefix; each labelled heading occurs in its file
(verbatim, or with a hard line break where the label has a space, as in text
copied from a PDF) and on a line of its own once Markdown (#, **, _) / HTML
tags are stripped (or, in a table-like layout, as the "Label:" that starts a
"Label: value" line; or, for a heading wrapped over two lines, as two
consecutive lines); headings are in document order; keys and also_covers
come from the fixed key list, a key occurs at most once per notice (only
`other` may repeat) and also_covers does not repeat the section's own key
or itself; no labelled heading is a page header/footer or a bare date line;
the controller name occurs in the file; business IDs (if any) have a valid
Finnish check digit, occur in the file and are all different; every notice
file name has the form <lang>_<nn>_<name>.<txt|md|html|docx>.
Exit status 0 = all good.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
NOTICES = os.path.join(HERE, "notices")
KEYS = {
    "controller", "contact_person", "dpo", "register_name", "purpose",
    "legal_basis", "data_subjects", "data_content", "data_sources",
    "disclosures", "transfers_outside_eea", "retention", "security",
    "right_of_access", "rectification_erasure", "right_to_object",
    "data_subject_rights", "complaint", "automated_decisions", "cookies",
    "changes", "date", "other",
}
WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
# page headers/footers of text copied from a PDF, and closing date lines:
# never sections of their own
NOT_A_HEADING = re.compile(
    r"(Sivu|Sida|Page)\s+\d+\s*(/|\(|of)\s*\d+\)?\s*$"
    r"|^(Päivitetty|Uppdaterad|Updated|Laadittu|Published|Päiväys|Datum)?\s*\d{1,2}\.\d{1,2}\.\d{4}\.?$",
    re.I,
)
FILE_NAME = re.compile(r"(fi|sv|en)_\d{2}_[a-z0-9_]+\.(txt|md|html|docx)")


def valid_business_id(bid):
    m = re.fullmatch(r"(\d{7})-(\d)", bid or "")
    if not m:
        return False
    r = sum(int(d) * w for d, w in zip(m.group(1), WEIGHTS)) % 11
    if r == 1:
        return False
    return int(m.group(2)) == (0 if r == 0 else 11 - r)


def read_text(path):
    """The file's text; for .docx the paragraphs' texts, one per line."""
    if path.endswith(".docx"):
        import docx  # python-docx, only needed for .docx notices

        return "\n".join(p.text for p in docx.Document(path).paragraphs)
    with open(path, encoding="utf-8") as f:
        return f.read()


def flat(text):
    """Whitespace (line breaks included) collapsed to single spaces."""
    return re.sub(r"\s+", " ", text)


def heading_lines(path, text):
    """Candidate heading lines with markup stripped."""
    out = set()
    if path.endswith(".html"):
        for m in re.finditer(r"<(h[1-6]|strong|b|th|dt)\b[^>]*>(.*?)</\1>", text, re.S):
            out.add(flat(re.sub(r"<[^>]+>", "", m.group(2))).strip())
        text = re.sub(r"<[^>]+>", "\n", text)
    lines = []
    for line in text.splitlines():
        s = line.strip()
        s = re.sub(r"^#{1,6}\s*", "", s)
        s = re.sub(r"^\*\*(.*)\*\*$", r"\1", s).strip()
        s = re.sub(r"^_(.*)_$", r"\1", s).strip()
        if s:
            lines.append(s)
            out.add(s)
            # table-like layout: "Rekisterinpitäjä: Firma Oy" -> "Rekisterinpitäjä:"
            m = re.match(r"(.{2,60}?:)\s+\S", s)
            if m:
                out.add(m.group(1))
    # a heading wrapped over two lines (text copied from a PDF)
    for a, b in zip(lines, lines[1:]):
        out.add(a + " " + b)
    return out


def main():
    errors = []
    with open(os.path.join(HERE, "labels.json"), encoding="utf-8") as f:
        labels = json.load(f)
    if labels.get("version") != 1:
        errors.append("labels.json: version must be 1")
    notices = labels.get("notices", {})
    files = sorted(os.listdir(NOTICES))
    for fn in files:
        if fn not in notices:
            errors.append(f"{fn}: no labels")
        if not FILE_NAME.fullmatch(fn):
            errors.append(f"{fn}: file name not of the form <lang>_<nn>_<name>.<ext>")
    seen_ids = {}
    for fn, lab in notices.items():
        path = os.path.join(NOTICES, fn)
        if not os.path.isfile(path):
            errors.append(f"{fn}: labelled but file missing")
            continue
        text = read_text(path)
        ftext = flat(text)
        cands = heading_lines(fn, text)
        lang = lab.get("language")
        if lang not in ("fi", "sv", "en"):
            errors.append(f"{fn}: bad language {lang!r}")
        elif not fn.startswith(lang + "_"):
            errors.append(f"{fn}: language {lang!r} does not match the file name")
        ctrl = lab.get("controller") or {}
        name = (ctrl.get("name") or "").strip()
        if not name:
            errors.append(f"{fn}: controller name missing")
        elif name not in ftext:
            errors.append(f"{fn}: controller name {name!r} not in file")
        bid = ctrl.get("business_id")
        if bid is not None:
            if not valid_business_id(bid):
                errors.append(f"{fn}: invalid business ID {bid}")
            if bid not in text:
                errors.append(f"{fn}: business ID {bid} not in file")
            if bid in seen_ids:
                errors.append(f"{fn}: business ID {bid} also used in {seen_ids[bid]}")
            seen_ids[bid] = fn
        secs = lab.get("sections") or []
        if not secs:
            errors.append(f"{fn}: no sections")
        used = set()
        pos = 0
        for s in secs:
            h = s.get("heading", "")
            key = s.get("key")
            if key not in KEYS:
                errors.append(f"{fn}: {h!r}: bad key {key!r}")
            elif key != "other":
                if key in used:
                    errors.append(f"{fn}: {h!r}: key {key!r} used twice")
                used.add(key)
            also = s.get("also_covers", [])
            for k in also:
                if k not in KEYS or k == key:
                    errors.append(f"{fn}: {h!r}: bad also_covers key {k!r}")
            if len(set(also)) != len(also):
                errors.append(f"{fn}: {h!r}: also_covers repeats a key")
            if NOT_A_HEADING.search(h):
                errors.append(f"{fn}: {h!r} looks like a page footer or date line")
            if h != h.strip() or "\n" in h:
                errors.append(f"{fn}: heading {h!r} has stray whitespace")
            if h not in ftext:
                errors.append(f"{fn}: heading {h!r} not found in the file")
                continue
            if h not in cands:
                errors.append(f"{fn}: heading {h!r} is not a line of its own")
            # document order (in the whitespace-collapsed text)
            i = ftext.find(h, pos)
            if i < 0:
                errors.append(f"{fn}: heading {h!r} out of document order")
            else:
                pos = i + len(h)
    for e in errors:
        print("ERROR:", e)
    n_sec = sum(len(v.get("sections", [])) for v in notices.values())
    print(f"{len(notices)} notices, {n_sec} labelled sections, {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
