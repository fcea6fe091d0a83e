"""The error the importer raises for a notice it cannot import."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


class NoticeImportError(ValueError):
    """A notice that cannot be imported; the message names the file and line.

    ``filename`` is the file's name without its folder, ``line`` the 1-based line
    number where the problem was found, or ``None`` when it concerns the whole file.
    """

    def __init__(
        self,
        message: Any,
        *,
        filename: str = "",
        line: int | None = None,
        unit: str = "line",
    ):
        super().__init__(message)
        self.message = message
        self.filename = filename
        self.line = line
        self.unit = unit  # "line", or "paragraph" for a Word document

    def __str__(self) -> str:
        params = {"file": self.filename, "line": self.line, "message": self.message}
        paragraph = self.unit == "paragraph"
        if self.filename and self.line:
            if paragraph:
                return str(_("%(file)s, paragraph %(line)d: %(message)s") % params)
            return str(_("%(file)s, line %(line)d: %(message)s") % params)
        if self.filename:
            return str(_("%(file)s: %(message)s") % params)
        if self.line:
            if paragraph:
                return str(_("paragraph %(line)d: %(message)s") % params)
            return str(_("line %(line)d: %(message)s") % params)
        return str(self.message)
