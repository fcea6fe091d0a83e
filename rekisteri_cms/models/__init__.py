"""The models of rekisteri-cms: pages, the controller snippet, versions and the
Legal review task.

Everything that ``rekisteri_cms.models`` offered before it became a package is
importable from here.
"""

from ..completeness import (
    CompletenessReport,
    IncompleteNoticeError,
    completeness_of,
    missing_sections_message,
)
from .cache import CacheGeneration
from .controller import Controller
from .imports import ImportJob
from .overrides import ItemOverride
from .pages import LocaleMatchMixin, PrivacyNoticeIndexPage, PrivacyNoticePage
from .records import ImportedOriginal, RecordErasure
from .versions import NoticeVersion, NoticeVersionQuerySet
from .workflows import LegalReviewTask, ReviewActionNotSaved, UnapprovedRevisionError

__all__ = [
    "CacheGeneration",
    "CompletenessReport",
    "Controller",
    "ImportJob",
    "ImportedOriginal",
    "IncompleteNoticeError",
    "ItemOverride",
    "LegalReviewTask",
    "LocaleMatchMixin",
    "NoticeVersion",
    "NoticeVersionQuerySet",
    "PrivacyNoticeIndexPage",
    "PrivacyNoticePage",
    "RecordErasure",
    "ReviewActionNotSaved",
    "UnapprovedRevisionError",
    "completeness_of",
    "missing_sections_message",
]
