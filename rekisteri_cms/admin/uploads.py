"""The image upload form: an image that cannot be decoded is a form error.

Wagtail checks an upload's format from its first bytes; a file that starts like a
PNG and is truncated or damaged further on passed that check, and then failed
with ``OSError`` (a 500) when its size was read or a rendition made. The project
sets ``WAGTAILIMAGES_IMAGE_FORM_BASE`` to this form.
"""

from __future__ import annotations

import warnings
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFile
from wagtail.images.forms import BaseImageForm

#: Formats Pillow decodes; others (SVG) are checked by Wagtail alone.
RASTER_EXTENSIONS = {"png", "jpg", "jpeg", "gif", "webp", "avif", "heic", "bmp", "tiff"}

UNREADABLE_IMAGE = _(
    "The file is not a readable image: it may be damaged or incomplete. "
    "Save it again in an image program and upload it again."
)


@contextmanager
def _whole_images_only():
    """Pillow decoding that fails on a truncated image. WeasyPrint (the PDFs) sets
    Pillow's process-wide ``LOAD_TRUNCATED_IMAGES`` when it is imported, after which
    a damaged upload would decode as far as it goes and be accepted."""
    allowed = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = allowed


def check_decodes(upload) -> None:
    """Raise ``ValidationError`` unless ``upload`` decodes as an image, whole."""
    name = getattr(upload, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension and extension not in RASTER_EXTENSIONS:
        return
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image.verify()
            upload.seek(0)
            with Image.open(upload) as image:
                width, height = image.size
                if width < 1 or height < 1:
                    raise ValueError("empty image")
                with _whole_images_only():
                    image.load()
    except Exception as error:  # any decoding error is the file's
        raise ValidationError(UNREADABLE_IMAGE, code="unreadable_image") from error
    finally:
        upload.seek(position)


class CheckedImageForm(BaseImageForm):
    """Wagtail's image form, refusing images that cannot be decoded whole."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            to_python = field.to_python

            def checked_to_python(data):
                try:
                    value = to_python(data)
                except ValidationError:
                    raise
                except Exception as error:  # Willow's reading errors
                    raise ValidationError(
                        UNREADABLE_IMAGE, code="unreadable_image"
                    ) from error
                if value is not None and data is not None:
                    check_decodes(data)
                return value

            field.to_python = checked_to_python
