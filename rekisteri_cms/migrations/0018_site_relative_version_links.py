"""Published versions keep site-relative links and the notice's id.

Versions used to store absolute URLs of the Wagtail site at publication time
(``html_url``, ``versions_url`` and internal links in the sections' HTML), so a
new host never reached them and their ``content_hash`` covered the host. This
migration rewrites the stored links of every version to paths, adds ``id`` (the
translation key) and recomputes ``content_hash`` over the rewritten document; the
sections' text is unchanged. The API adds the public base URL when answering.
"""

import hashlib
import json
import re
from urllib.parse import urlsplit

from django.core.serializers.json import DjangoJSONEncoder
from django.db import migrations


def canonical_json(data):
    return json.dumps(
        data,
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        cls=DjangoJSONEncoder,
    )


def content_hash(document):
    payload = {k: v for k, v in document.items() if k != "content_hash"}
    return "sha256:" + hashlib.sha256(canonical_json(payload).encode()).hexdigest()


def site_of(url):
    parts = urlsplit(url or "")
    if parts.scheme and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return ""


def relative(url, site):
    if site and url and url.startswith(site + "/"):
        return url[len(site) :]
    return url


def relativize(apps, schema_editor):
    NoticeVersion = apps.get_model("rekisteri_cms", "NoticeVersion")
    for version in NoticeVersion.objects.iterator():
        document = json.loads(version.document_json)
        site = site_of(document.get("html_url")) or site_of(version.html_url)
        if site:
            document["html_url"] = relative(document.get("html_url") or "", site)
            if document.get("versions_url"):
                document["versions_url"] = relative(document["versions_url"], site)
            pattern = re.compile(r'(\b(?:href|src)=")' + re.escape(site) + r"(/(?!/))")
            for section in document.get("sections") or []:
                if isinstance(section.get("html"), str):
                    section["html"] = pattern.sub(r"\1\2", section["html"])
        document["id"] = str(version.translation_key)
        document["content_hash"] = content_hash(document)
        version.document_json = canonical_json(document)
        version.content_hash = document["content_hash"]
        version.html_url = relative(version.html_url, site)
        version.save(update_fields=["document_json", "content_hash", "html_url"])


class Migration(migrations.Migration):
    dependencies = [
        ("rekisteri_cms", "0017_controller_embed_origins"),
    ]

    operations = [
        migrations.RunPython(relativize, migrations.RunPython.noop),
    ]
