"""Fail when the translation catalogues are stale (``make messages-check``, in CI).

Two checks, each blind to source locations, dates and the order of entries, so that
moving code from one module to another never fails them:

1. Every translatable string of ``rekisteri_cms`` (its code and templates) is in the
   fi and sv ``.po`` files, and no entry there is obsolete: ``makemessages`` runs on a
   copy of the app in a temporary folder, and the strings of its catalogues are
   compared with those of the committed ones.
2. Every committed ``.mo`` file (the app's and the site's, ``project/locale``) is its
   ``.po`` file compiled: ``msgfmt`` compiles the ``.po`` into a temporary file and the
   two compiled catalogues are compared entry by entry.

Untranslated and fuzzy entries are listed, without failing the check. Needs gettext
(``scripts/install-system-deps.sh``). Exits 1 when a catalogue is stale: ``make
messages`` brings it up to date.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "rekisteri_cms"
LANGUAGES = ("fi", "sv")
#: The folders whose ``.mo`` files must match their ``.po`` files.
LOCALE_DIRS = (APP / "locale", ROOT / "project" / "locale")
#: Header fields that change on every run of makemessages or an editor.
VOLATILE_HEADERS = ("POT-Creation-Date", "PO-Revision-Date", "X-Generator")
#: At most this many strings are named per difference.
SHOWN = 15


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def key(entry) -> tuple[str | None, str, str]:
    """What identifies an entry in a catalogue: context, msgid and plural msgid."""
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or "")


def label(entry_key: tuple[str | None, str, str]) -> str:
    context, msgid, _plural = entry_key
    text = msgid if len(msgid) <= 70 else msgid[:67] + "…"
    return f"{text!r}" + (f" (context {context!r})" if context else "")


def listing(keys, limit: int = SHOWN) -> list[str]:
    keys = sorted(keys, key=lambda k: (k[1], k[0] or "", k[2]))
    lines = [f"    {label(k)}" for k in keys[:limit]]
    if len(keys) > limit:
        lines.append(f"    … and {len(keys) - limit} more")
    return lines


def extracted_catalogues(workdir: Path) -> dict[str, polib.POFile]:
    """The app's catalogues as ``make messages`` would write them, by language."""
    copy = workdir / "rekisteri_cms"
    shutil.copytree(
        APP, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo")
    )
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "project.settings.dev")
    command = [sys.executable, str(ROOT / "manage.py"), "makemessages"]
    for language in LANGUAGES:
        command += ["-l", language]
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [*command, "--no-obsolete", "--verbosity", "0"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        say(result.stdout + result.stderr)
        raise SystemExit("makemessages failed: see above.")
    return {
        language: polib.pofile(
            str(copy / "locale" / language / "LC_MESSAGES/django.po")
        )
        for language in LANGUAGES
    }


def check_strings(workdir: Path) -> list[str]:
    """Problems of the app's .po files: strings missing from them, or obsolete."""
    problems = []
    for language, fresh in extracted_catalogues(workdir).items():
        path = APP / "locale" / language / "LC_MESSAGES" / "django.po"
        committed = polib.pofile(str(path))
        wanted = {key(e) for e in fresh if not e.obsolete}
        present = {key(e) for e in committed if not e.obsolete}
        obsolete = {key(e) for e in committed if e.obsolete}
        name = path.relative_to(ROOT)
        if wanted - present:
            problems.append(f"  {name} lacks {len(wanted - present)} string(s):")
            problems += listing(wanted - present)
        if (present | obsolete) - wanted:
            gone = (present | obsolete) - wanted
            problems.append(f"  {name} has {len(gone)} obsolete string(s):")
            problems += listing(gone)
        untranslated = [key(e) for e in committed.untranslated_entries()]
        fuzzy = [key(e) for e in committed.fuzzy_entries()]
        for what, keys in (("untranslated", untranslated), ("fuzzy", fuzzy)):
            if keys:
                say(f"Note: {name} has {len(keys)} {what} string(s):")
                for line in listing(keys):
                    say(line)
    return problems


def header(text: str) -> str:
    """A catalogue header without the fields that change with every run."""
    return "\n".join(
        line
        for line in text.splitlines()
        if not line.startswith(VOLATILE_HEADERS) and line.strip()
    )


def compiled(path: Path) -> dict:
    """The entries of a compiled catalogue, the header without its dates."""
    entries = {}
    for entry in polib.mofile(str(path)):
        if entry.msgid == "" and not entry.msgctxt:
            entries[key(entry)] = header(entry.msgstr)
        elif entry.msgid_plural:
            entries[key(entry)] = tuple(sorted(entry.msgstr_plural.items()))
        else:
            entries[key(entry)] = entry.msgstr
    return entries


def check_compiled(workdir: Path) -> list[str]:
    """Problems of the .mo files: any that differs from its .po file compiled."""
    problems = []
    for po_path in sorted(p for d in LOCALE_DIRS for p in d.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        name = mo_path.relative_to(ROOT)
        if not mo_path.exists():
            problems.append(f"  {name} is missing")
            continue
        fresh_mo = workdir / f"{po_path.parent.parent.name}-{po_path.stem}.mo"
        result = subprocess.run(  # noqa: S603 - gettext's msgfmt, as compilemessages runs it
            ["msgfmt", "--check-format", "-o", str(fresh_mo), str(po_path)],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            problems.append(f"  {po_path.relative_to(ROOT)} does not compile:")
            problems += [f"    {line}" for line in result.stderr.splitlines()]
            continue
        want, have = compiled(fresh_mo), compiled(mo_path)
        differing = {k for k in want.keys() & have.keys() if want[k] != have[k]}
        differing |= want.keys() ^ have.keys()
        if differing:
            problems.append(
                f"  {name} is not {po_path.name} compiled: {len(differing)} "
                "string(s) differ:"
            )
            problems += listing(differing)
    return problems


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="rekisteri-cms-messages-") as tmp:
        workdir = Path(tmp)
        problems = check_strings(workdir) + check_compiled(workdir)
    if problems:
        say("The translation catalogues are stale:")
        for line in problems:
            say(line)
        say(
            "Run `make messages`, translate what is new and commit the .po and .mo files."
        )
        return 1
    say("The translation catalogues are up to date.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
