"""A storefront written against the generated Python client only (openapi-python-client).

List, detail by slug and by id, versions, a version, a diff, ``as_of`` and a 304,
against a live server; every answer must parse into the generated models. Run by
``scripts/check_generated_clients.sh`` after ``mypy --strict``.
"""

from __future__ import annotations

import datetime
import os
import sys
from zoneinfo import ZoneInfo

from rekisteri_client import Client
from rekisteri_client.api.notices import (
    notices_diff,
    notices_list,
    notices_retrieve,
    notices_versions_list,
    notices_versions_retrieve,
)
from rekisteri_client.models import (
    Diff,
    Error,
    FrameworkEnum,
    NoticeDocument,
    NoticeList,
    NoticesListLocale,
    NoticesRetrieveLocale,
    NoticesVersionsListLocale,
    NoticesVersionsRetrieveLocale,
    VersionDocument,
    VersionList,
)


def check(condition: bool, what: str) -> None:
    if not condition:
        raise SystemExit(f"failed: {what}")


def main() -> None:
    client = Client(
        base_url=os.environ["API_BASE_URL"], raise_on_unexpected_status=True
    )
    fi = NoticesRetrieveLocale.FI

    listing = notices_list.sync(
        client=client, locale=NoticesListLocale.FI, page_size=50
    )
    check(isinstance(listing, NoticeList), f"list: {listing!r}")
    assert isinstance(listing, NoticeList)
    check(listing.count > 0, "the list is not empty")

    chosen = None
    for summary in listing.results:
        check(isinstance(summary.framework, FrameworkEnum), "framework is the enum")
        versions = notices_versions_list.sync(
            str(summary.id), client=client, locale=NoticesVersionsListLocale.FI
        )
        check(isinstance(versions, VersionList), f"versions of {summary.slug}")
        assert isinstance(versions, VersionList)
        if versions.count >= 2:
            chosen = summary
            break
    check(chosen is not None, "a notice with two versions")
    assert chosen is not None

    by_slug = notices_retrieve.sync(chosen.slug, client=client, locale=fi)
    by_id = notices_retrieve.sync_detailed(str(chosen.id), client=client, locale=fi)
    check(isinstance(by_slug, NoticeDocument), "detail by slug")
    check(isinstance(by_id.parsed, NoticeDocument), "detail by id")
    assert isinstance(by_slug, NoticeDocument) and isinstance(
        by_id.parsed, NoticeDocument
    )
    check(by_slug.content_hash == by_id.parsed.content_hash, "the same notice")
    check(by_id.parsed.id == chosen.id, "its id")
    check(isinstance(by_id.parsed.translations, list), "translations are always there")

    version = notices_versions_retrieve.sync(
        str(chosen.id), 1, client=client, locale=NoticesVersionsRetrieveLocale.FI
    )
    check(isinstance(version, VersionDocument), f"version 1: {version!r}")
    assert isinstance(version, VersionDocument)
    check(version.version == 1, "version 1")

    diff = notices_diff.sync(str(chosen.id), client=client, from_=1, to=2)
    check(isinstance(diff, Diff), f"diff: {diff!r}")

    # A date means the end of that day in Helsinki (docs/api.md): today there.
    today = datetime.datetime.now(ZoneInfo("Europe/Helsinki")).date()
    for moment in (today, datetime.datetime.now(datetime.UTC)):
        as_of = notices_retrieve.sync(
            str(chosen.id), client=client, locale=fi, as_of=moment
        )
        check(isinstance(as_of, NoticeDocument), f"as_of {moment!r}: {as_of!r}")

    etag = by_id.headers["ETag"]
    revalidated = notices_retrieve.sync_detailed(
        str(chosen.id),
        client=client.with_headers({"If-None-Match": etag}),
        locale=fi,
    )
    check(revalidated.status_code == 304, f"304, got {revalidated.status_code}")

    missing = notices_retrieve.sync("no-such-notice", client=client, locale=fi)
    check(isinstance(missing, Error) and missing.code == "not_found", "a JSON 404")
    sys.stdout.write(f"Python client: {listing.count} notices, {chosen.slug} OK\n")


if __name__ == "__main__":
    main()
    sys.exit(0)
