"""Bad input for the importer (property-based): never a traceback, never half a batch.

Hypothesis builds notice files from the real heading variants of
``rekisteri_cms.importers.vocabulary`` mixed with garbage: random bytes, wrong
encodings, very long lines, HTML with odd nesting, Markdown tables, obfuscated e-mail addresses,
invalid business IDs and phone numbers, empty files and random Word documents. The
properties: parsing ends in a parsed notice or a readable ``NoticeImportError``;
the ``import_notice`` command imports a batch with such a file in it whole or not
at all; a dry run writes nothing; the admin upload answers with a form error or a
message, never a server error.

Profiles, chosen with HYPOTHESIS_PROFILE as in
``tests/test_leak_properties.py``: ``dev`` (few fixed examples; the ordinary
suite), ``ci`` and ``soak``. They are settings objects of this module, not
registered profiles, so that the two modules cannot overwrite each other's.
"""

from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from wagtail.models import Page, Revision

from rekisteri_cms.importers import NoticeImportError, parse_notice_upload
from rekisteri_cms.models import Controller, NoticeVersion, PrivacyNoticePage
from tests.importers.strategies import notice_file, plausible_notice

_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large]
#: Examples per property, by profile: (parsing, database).
_EXAMPLES = {"dev": (60, 6), "ci": (500, 60), "soak": (5000, 500)}
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")
_PARSE_EXAMPLES, _DB_EXAMPLES = _EXAMPLES.get(PROFILE, _EXAMPLES["dev"])
PARSE_SETTINGS = settings(
    max_examples=_PARSE_EXAMPLES,
    derandomize=PROFILE == "dev",
    deadline=None,
    suppress_health_check=_SLOW,
)
#: Database properties reset the database themselves after every example (a
#: rolled-back transaction), so function-scoped fixtures are safe to share.
DB_SETTINGS = settings(
    max_examples=_DB_EXAMPLES,
    derandomize=PROFILE == "dev",
    deadline=None,
    suppress_health_check=[*_SLOW, HealthCheck.function_scoped_fixture],
)

SEEDS = Path(__file__).resolve().parents[2] / "project" / "demo_content" / "seeds"
GOOD_FILES = sorted(SEEDS.glob("*.txt"))[:2]
#: Hundreds of unclosed elements, each inside the one before.
DEEP_HTML = ("<h2>Rekisterinpitäjä</h2>" + "<div><ul><li>" * 1000).encode()
UPLOAD_URL = reverse("rekisteri_cms_admin:import_upload")

# ---------------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------------


def parse_or_error(name: str, data: bytes):
    """The parsed notice, or the importer's error; anything else fails the test."""
    try:
        return parse_notice_upload(name, data)
    except NoticeImportError as error:
        return error


def assert_readable(error: NoticeImportError, name: str) -> None:
    message = str(error)
    assert message.startswith(f"{name}"), message  # "a.txt: …", "a.txt, line 3: …"
    assert 10 < len(message) < 500, message
    assert message.isprintable(), message


@PARSE_SETTINGS
@given(notice_file)
def test_parsing_ends_in_a_notice_or_a_readable_import_error(upload):
    name, data = upload
    result = parse_or_error(name, data)
    event(f"{Path(name).suffix}: {type(result).__name__}")
    if isinstance(result, NoticeImportError):
        assert_readable(result, name)
    else:
        # Sections, or a notice written as prose kept whole as its introduction.
        assert result.sections or result.introduction
        json.dumps(result.as_json())  # the dry-run report of the notice


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("tyhja.txt", b""),
        ("tyhja.docx", b""),
        ("nolla.txt", b"\x00\x00"),
        ("vanha.docx", b"\xd0\xcf\x11\xe0" + b"\x00" * 20),
        ("rikki.docx", b"PK\x03\x04 broken"),
        ("sivu.html", b"<html><body><script>x</script></body></html>"),
        ("pitka.txt", ("x" * 100_000).encode()),
        ("kuva.png", b"\x89PNG"),
        # Once a RecursionError: the converter recursed per unclosed element.
        ("sisakkain.html", DEEP_HTML),
    ],
)
def test_known_bad_files_are_readable_import_errors(name, data):
    with pytest.raises(NoticeImportError) as info:
        parse_notice_upload(name, data)
    assert_readable(info.value, name)


@pytest.mark.parametrize("mark", ["**a ", "*a ", "_a ", "[a](", "![a](", "<a@", "<!--"])
def test_long_line_of_unclosed_markdown_marks_is_read_quickly(mark):
    """Once minutes per line: each unclosed mark searched the rest of the line."""
    data = ("Rekisterinpitäjä\n\nYritys Oy\n\n" + mark * 20_000).encode()
    started = time.monotonic()
    parse_notice_upload("merkit.md", data)
    assert time.monotonic() - started < 15  # about a second; it was 30-150 s


# ---------------------------------------------------------------------------------
# The command: all or nothing
# ---------------------------------------------------------------------------------


def counts() -> tuple[int, ...]:
    return (
        Page.objects.count(),
        PrivacyNoticePage.objects.count(),
        Controller.objects.count(),
        Revision.objects.count(),
        NoticeVersion.objects.count(),
    )


def run_command(paths: list[Path], *options: str) -> str:
    stdout = io.StringIO()
    call_command(
        "import_notice",
        *map(str, paths),
        "--no-progress",
        *options,
        stdout=stdout,
        stderr=io.StringIO(),
    )
    return stdout.getvalue()


def write_batch(folder: Path, upload: tuple[str, bytes]) -> list[Path]:
    """The good seeds and the generated file after them, in a fresh folder."""
    folder.mkdir()
    paths = []
    for seed in GOOD_FILES:
        paths.append(folder / seed.name)
        paths[-1].write_bytes(seed.read_bytes())
    name, data = upload
    paths.append(folder / f"zz-{name}")
    paths[-1].write_bytes(data)
    return paths


class Rollback(Exception):
    """Raised at the end of an example to undo everything it wrote."""


def in_rolled_back_transaction(function):
    try:
        with transaction.atomic():
            function()
            raise Rollback
    except Rollback:
        pass


@DB_SETTINGS
@given(
    upload=plausible_notice() | notice_file,
    options=st.sampled_from([(), ("--publish",), ("--framework", "gdpr")]),
)
def test_a_batch_with_a_generated_file_imports_whole_or_not_at_all(
    index, tmp_path_factory, upload, options
):
    paths = write_batch(tmp_path_factory.mktemp("batch") / "files", upload)

    def example():
        before = counts()
        try:
            run_command(paths, *options)
        except CommandError:
            event("nothing imported")
            assert counts() == before
            return
        event("all imported")
        after = counts()
        assert after[1] - before[1] == len(paths)  # every file is a notice page
        assert after[3] - before[3] >= len(paths)  # with at least one revision

    in_rolled_back_transaction(example)


@DB_SETTINGS
@given(upload=plausible_notice() | notice_file)
def test_dry_run_of_a_generated_batch_writes_nothing(index, tmp_path_factory, upload):
    paths = write_batch(tmp_path_factory.mktemp("dry") / "files", upload)

    def example():
        before = counts()
        try:
            output = run_command(paths, "--dry-run", "--format", "json")
        except CommandError as error:
            assert f"zz-{upload[0]}" in str(error)
        else:
            assert len(json.loads(output)) == len(paths)
        assert counts() == before

    in_rolled_back_transaction(example)


# ---------------------------------------------------------------------------------
# The admin upload
# ---------------------------------------------------------------------------------


def upload_and_confirm(client, index, name: str, data: bytes) -> list[str]:
    """Upload a file and, when it was read, confirm it: the messages shown."""
    response = client.post(
        UPLOAD_URL,
        {"file": SimpleUploadedFile(name, data), "index": index.pk},
    )
    if response.status_code == 200:
        return [str(error) for error in response.context["form"].errors["file"]]
    assert response.status_code == 302
    check = client.get(response.url, follow=True)
    assert check.status_code == 200
    job = check.context["job"]
    assert job.status == "ready"
    confirmed = client.post(response.url, {"token": job.token}, follow=True)
    assert confirmed.status_code == 200
    return [str(message) for message in confirmed.context["messages"]]


@DB_SETTINGS
@given(upload=plausible_notice() | notice_file)
def test_admin_upload_of_a_generated_file_answers_without_a_server_error(
    admin_client, index, upload
):
    name, data = upload

    def example():
        before = counts()
        messages = upload_and_confirm(admin_client, index, name, data)
        assert messages and all(messages)
        imported = counts()[1] - before[1]
        event(f"imported {imported}")
        assert imported in (0, 1)
        if imported == 0:
            assert counts() == before

    in_rolled_back_transaction(example)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("tyhja.txt", b""),
        ("binaari.txt", bytes(range(256))),
        ("rikki.docx", b"PK\x03\x04 broken"),
        ("sotku.html", b"<table><tr><h2><li></table></h2><p>Hei</p>"),
        ("otsikoton.md", b"| a | b |\n|---|---|\n| 1 | 2 |\n"),
        ("sisakkain.html", DEEP_HTML),
    ],
)
def test_admin_upload_of_a_bad_file_is_a_form_error(admin_client, index, name, data):
    before = counts()
    response = admin_client.post(
        UPLOAD_URL, {"file": SimpleUploadedFile(name, data), "index": index.pk}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert counts() == before
