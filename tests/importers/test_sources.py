"""Reading notice files (``importers.sources``) and the errors of a bad one.

Empty, binary and PDF files, the encodings a text file may have, and the errors
that name the file and line. No database.
"""

from __future__ import annotations

import codecs

import pytest
from django.utils import translation

from rekisteri_cms.importers import NoticeImportError, parse_notice, read_notice_file


def test_empty_file_is_an_error(tmp_path):
    path = tmp_path / "seed.txt"
    path.write_bytes(b"")
    with translation.override("en"):
        with pytest.raises(NoticeImportError) as info:
            read_notice_file(path)
        assert str(info.value) == "seed.txt: the file is empty."


def test_whitespace_only_file_is_an_error(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text(" \n\u00a0\n\t\n", encoding="utf-8")
    with pytest.raises(NoticeImportError):
        read_notice_file(path)


def test_file_with_nul_bytes_is_binary(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"Rekisterinpit\x00\x01\x02\xff" * 20)
    with translation.override("en"):
        with pytest.raises(NoticeImportError) as info:
            read_notice_file(path)
        assert "binary" in str(info.value)


def test_file_of_control_characters_is_binary(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(1, 32)) * 10 + b"abc")
    with pytest.raises(NoticeImportError):
        read_notice_file(path)


def test_pdf_file_is_not_text(tmp_path):
    path = tmp_path / "seloste.txt"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    with pytest.raises(NoticeImportError) as info:
        read_notice_file(path)
    assert "PDF" in str(info.value)


def test_windows_1252_file_is_decoded(tmp_path):
    path = tmp_path / "ansi.txt"
    path.write_bytes("Rekisterinpitäjä\r\n\r\nÅbo Öljy Oy\r\n".encode("cp1252"))
    assert read_notice_file(path) == "Rekisterinpitäjä\n\nÅbo Öljy Oy\n"


def test_utf8_file_with_byte_order_mark_is_decoded(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + "Rekisterinpitäjä\n\nYritys Oy\n".encode())
    assert parse_notice(read_notice_file(path)).keys == ["controller"]


def test_utf16_file_with_byte_order_mark_is_decoded(tmp_path):
    path = tmp_path / "unicode.txt"
    path.write_bytes("Rekisterinpitäjä\r\n".encode("utf-16"))
    assert read_notice_file(path) == "Rekisterinpitäjä\n"


def test_no_break_spaces_are_kept_by_the_reader(tmp_path):
    path = tmp_path / "nbsp.txt"
    path.write_text("Rekisterin nimi:\u00a0\nAsiakkaat\n", encoding="utf-8")
    assert "\u00a0" in read_notice_file(path)


def test_text_without_headings_is_an_error():
    with translation.override("en"):
        with pytest.raises(NoticeImportError) as info:
            parse_notice("\nHei!\n\nTavallinen kirje.\n", filename="kirje.txt")
        assert str(info.value).startswith("kirje.txt, line 2: no section heading")


def test_import_error_carries_file_and_line():
    with pytest.raises(NoticeImportError) as info:
        parse_notice("\nHei!\n", filename="kirje.txt")
    assert (info.value.filename, info.value.line) == ("kirje.txt", 2)


def test_import_error_is_a_value_error():
    assert issubclass(NoticeImportError, ValueError)
