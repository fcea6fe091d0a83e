"""A malformed image upload is a form error, never a 500 (issue 18)."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


def valid_png(size=(4, 4)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


def chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_with(ihdr: bytes, idat: bytes = b"", end: bool = True) -> bytes:
    return (
        SIGNATURE
        + chunk(b"IHDR", ihdr)
        + (chunk(b"IDAT", idat) if idat else b"")
        + (chunk(b"IEND", b"") if end else b"")
    )


PNG = valid_png()
#: name -> (file name, bytes): each a malformed or mislabelled image.
MALFORMED = {
    "empty file": ("a.png", b""),
    "signature only": ("a.png", SIGNATURE),
    "truncated after the header": ("a.png", PNG[:40]),
    "truncated in the data": ("a.png", PNG[: len(PNG) - 20]),
    "bad header CRC": ("a.png", PNG[:29] + b"\x00\x00\x00\x00" + PNG[33:]),
    "zero width": ("a.png", png_with(struct.pack(">IIBBBBB", 0, 4, 8, 2, 0, 0, 0))),
    "huge dimensions": (
        "a.png",
        png_with(
            struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0), zlib.compress(b"x")
        ),
    ),
    "invalid colour type": (
        "a.png",
        png_with(
            struct.pack(">IIBBBBB", 4, 4, 8, 9, 0, 0, 0), zlib.compress(b"\0" * 60)
        ),
    ),
    "IDAT not zlib": (
        "a.png",
        png_with(struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0), b"not zlib data"),
    ),
    "IDAT too short": (
        "a.png",
        png_with(struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0), zlib.compress(b"\0")),
    ),
    "no IEND": (
        "a.png",
        png_with(
            struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0),
            zlib.compress(b"\0" * 52),
            False,
        ),
    ),
    "text named png": ("a.png", b"hello, this is not an image\n" * 10),
    "JPEG named png": ("a.png", b"\xff\xd8\xff\xe0" + b"\0" * 100),
    "GIF header only": ("a.gif", b"GIF89a\x04\x00\x04\x00"),
    "PNG named jpg": ("a.jpg", PNG),
    "no extension": ("kuva", PNG),
    "HTML named svg": ("a.svg", b"<html><script>alert(1)</script></html>"),
    "garbage after a JPEG start": ("a.jpg", b"\xff\xd8" + b"\x13" * 500),
    "WebP header only": ("a.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 "),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_malformed_image_is_a_form_error(case, admin_client):
    admin_client.raise_request_exception = False
    name, content = MALFORMED[case]
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": case, "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200, (case, response.status_code)
    assert response.context["form"].errors.get("file"), case
    assert not get_image_model().objects.filter(title=case).exists()


def test_a_valid_image_is_still_accepted(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Kelpo", "file": SimpleUploadedFile("kelpo.png", PNG)},
    )
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Kelpo").exists()


@pytest.mark.parametrize("case", ["IDAT not zlib", "IDAT too short"])
def test_a_truncated_image_is_refused_after_weasyprint_is_loaded(
    case, admin_client, monkeypatch
):
    """WeasyPrint sets Pillow's process-wide LOAD_TRUNCATED_IMAGES when imported."""
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    test_malformed_image_is_a_form_error(case, admin_client)
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
