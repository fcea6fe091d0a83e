"""Notices for the benchmark: the demo, and thousands of generated ones on top.

Generated notices vary like real ones do: each has its own controller (a valid
Y-tunnus), its own mix of optional sections, purposes, data categories, recipients,
retention periods and paragraphs, and a fifth of them are legacy ``htl`` register
descriptions. A quarter have two versions, the older one superseded.

Publishing a notice through Wagtail (``add_child``, ``save_revision``, ``publish``
and the version it records) takes 0.13 to 1 s on the development machine, depending
on its load, so 10,000 would take from 25 minutes to hours. The first ``real``
notices are therefore published the real way, one by one; the rest are clones of them
written in bulk: the ``Page`` rows with their tree paths, the notice rows, the
controllers and the versions. A clone has its
own controller, slug, title, dates and URLs, its controller section is rendered again
and its document and content hash are computed like a published one's; it has no
revisions and no search-index entries, which no benchmarked endpoint reads.
"""

from __future__ import annotations

import copy
import json
import random
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils.text import slugify
from wagtail.models import Page

from project import demo
from rekisteri_cms.documents import canonical_json, content_hash, render_sections
from rekisteri_cms.models import (
    Controller,
    NoticeVersion,
    PrivacyNoticeIndexPage,
    PrivacyNoticePage,
)

BENCH_USERNAME = "bench-publisher"
BATCH = 500
Log = Callable[[str], None]

COMPANY_STEMS = (
    "Aalto", "Kuusela", "Järvinen", "Pohjola", "Lahtinen", "Koivu", "Saarinen",
    "Virta", "Mäkelä", "Heikkilä", "Niemi", "Salo", "Laine", "Hämäläinen", "Kallio",
    "Rinne", "Lehto", "Tuomi", "Karppinen", "Honka",
)  # fmt: skip
COMPANY_TRADES = (
    "Logistiikka", "Rakennus", "Kiinteistöpalvelu", "Hammaslääkärit", "Autokoulu",
    "Kirjanpito", "Verkkokauppa", "Kuntosali", "Tilitoimisto", "Konepaja",
    "Sähkö", "Kukkakauppa", "Matkatoimisto", "Eläinlääkäri", "Ravintola",
)  # fmt: skip
LOCALITIES = (
    ("00100", "Helsinki"), ("33100", "Tampere"), ("20100", "Turku"),
    ("90100", "Oulu"), ("40100", "Jyväskylä"), ("60100", "Seinäjoki"),
    ("70100", "Kuopio"), ("15110", "Lahti"),
)  # fmt: skip
PURPOSES = (
    "Tilausten toimittaminen ja laskutus",
    "Asiakaspalvelu ja asiakassuhteen hoitaminen",
    "Suoramarkkinointi asiakkaan suostumuksella",
    "Ajanvaraus ja muistutukset",
    "Jäsenrekisterin ylläpito",
    "Palvelun kehittäminen ja tilastointi",
    "Lakisääteisten velvoitteiden täyttäminen",
    "Rekrytointi",
    "Kameravalvonta ja kulunvalvonta",
)
CATEGORIES = (
    ("Perustiedot", "Nimi, osoite, puhelinnumero, sähköpostiosoite", False),
    ("Tilaustiedot", "Tilatut tuotteet, maksu- ja toimitustiedot", False),
    ("Markkinointiluvat", "Suostumukset ja kiellot", False),
    ("Asiointihistoria", "Yhteydenotot, palautteet ja reklamaatiot", False),
    ("Laskutustiedot", "Laskut, maksut ja perintätiedot", False),
    ("Terveystiedot", "Hoitoon liittyvät merkinnät", True),
    ("Työhakemukset", "Hakemus, ansioluettelo ja haastattelumuistiinpanot", False),
    ("Tallenteet", "Valvontakameroiden kuvatallenteet", False),
)
RECIPIENTS = (
    ("Kuljetusyhtiöt", "Tilausten toimittaminen", "Suomi"),
    ("Maksunvälittäjä", "Maksujen käsittely", "Suomi"),
    ("Tilitoimisto", "Kirjanpito", "Suomi"),
    ("Perintätoimisto", "Saatavien perintä", "Suomi"),
    ("Viranomaiset", "Lakisääteiset ilmoitukset", "Suomi"),
)
RETENTION = (
    ("Asiakastiedot", "Asiakkuuden ajan ja 2 vuotta viimeisestä tilauksesta"),
    ("Kirjanpitoaineisto", "10 vuotta tilikauden päättymisestä (kirjanpitolaki)"),
    ("Markkinointiluvat", "Kunnes suostumus peruutetaan"),
    ("Tallenteet", "30 päivää, ellei tallennetta tarvita rikoksen selvittämiseen"),
    ("Työhakemukset", "6 kuukautta haun päättymisestä"),
)
PARAGRAPHS = (
    "Käsittelemme henkilötietoja huolellisesti ja vain siinä laajuudessa kuin se on "
    "tarkoituksen kannalta tarpeellista.",
    "Tietoja käsittelevät vain ne työntekijämme, joiden työtehtävät sitä edellyttävät, "
    "ja heitä sitoo vaitiolovelvollisuus.",
    "Päivitämme tätä selostetta, kun toimintamme tai lainsäädäntö muuttuu; olennaisista "
    "muutoksista ilmoitamme verkkosivuillamme.",
    "Voit esittää pyyntösi kirjallisesti tai sähköpostitse; vastaamme kuukauden "
    "kuluessa pyynnön vastaanottamisesta.",
)
#: Sections a generated GDPR notice may leave out (the rest are required).
OPTIONAL_KEYS = (
    "contact_person", "register_name", "data_subjects", "security",
    "right_of_access", "rectification_erasure", "right_to_object",
    "cookies", "changes", "date", "other",
)  # fmt: skip
#: The items of the legacy register description form (HTL 10 §).
HTL_KEYS = (
    "controller", "contact_person", "register_name", "purpose", "data_content",
    "data_sources", "disclosures", "transfers_outside_eea", "security",
    "right_of_access", "rectification_erasure",
)  # fmt: skip


def business_id(n: int) -> str:
    """A valid Y-tunnus for ``n`` (numbers whose check digit would be 1 are skipped)."""
    weights = (7, 9, 10, 5, 8, 4, 2)
    while True:
        digits = f"{3_000_000 + n:07d}"
        remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
        if remainder != 1:
            return f"{digits}-{0 if remainder == 0 else 11 - remainder}"
        n += 500_000


def controller_fields(rng: random.Random, n: int) -> dict:
    postal_code, locality = rng.choice(LOCALITIES)
    name = f"{rng.choice(COMPANY_STEMS)} {rng.choice(COMPANY_TRADES)} {n} Oy"
    has_dpo = rng.random() < 0.3
    slug = slugify(name)
    return {
        "name": name,
        "business_id": business_id(n),
        "street_address": f"{rng.choice(('Kauppakatu', 'Asemakatu', 'Teollisuustie'))} {rng.randint(1, 60)}",
        "postal_code": postal_code,
        "locality": locality,
        "phone": f"+3584{rng.randint(0, 99_999_999):08d}",
        "email": f"tietosuoja@{slug}.invalid",
        "website": f"https://{slug}.invalid",
        "has_dpo": has_dpo,
        "dpo_name": "Tietosuojavastaava" if has_dpo else "",
        "dpo_email": f"dpo@{slug}.invalid" if has_dpo else "",
    }


def _paragraphs(rng: random.Random, first: str) -> str:
    extra = rng.sample(PARAGRAPHS, rng.randint(0, 2))
    return "".join(f"<p>{text}</p>" for text in (first, *extra))


def notice_body(rng: random.Random, controller: Controller) -> tuple[str, list[dict]]:
    """``(framework, body)`` of a generated notice of ``controller``."""
    body = {item["type"]: copy.deepcopy(item) for item in demo.example_body(controller)}
    body["purpose"]["value"]["purposes"] = rng.sample(PURPOSES, rng.randint(1, 4))
    body["data_content"]["value"]["categories"] = [
        {"category": c, "items": i, "special_category": s}
        for c, i, s in rng.sample(CATEGORIES, rng.randint(1, 5))
    ]
    if any(c["special_category"] for c in body["data_content"]["value"]["categories"]):
        # GDPR 9(2): special categories need their condition, here explicit consent.
        body["legal_basis"]["value"]["special_categories"] = True
        body["legal_basis"]["value"]["special_categories_condition"] = ["a"]
    recipients = rng.sample(RECIPIENTS, rng.randint(0, 3))
    body["disclosures"]["value"] = {
        "no_regular_disclosures": not recipients,
        "recipients": [
            {"recipient": r, "purpose": p, "country": c} for r, p, c in recipients
        ],
    }
    if rng.random() < 0.6:
        body["transfers_outside_eea"]["value"] = {"transfers": "none"}
    body["retention"]["value"]["periods"] = [
        {"data": d, "period": p} for d, p in rng.sample(RETENTION, rng.randint(1, 4))
    ]
    for item in body.values():
        text = item["value"].get("body")
        if text and rng.random() < 0.5:
            item["value"]["body"] = _paragraphs(
                rng, text.removeprefix("<p>").split("</p>")[0]
            )
    if not controller.has_dpo:
        body.pop("dpo")
    if rng.random() < 0.2:
        return "htl", [body[key] for key in HTL_KEYS if key in body]
    left_out = set(rng.sample(OPTIONAL_KEYS, rng.randint(0, 6)))
    return "gdpr", [item for key, item in body.items() if key not in left_out]


def publisher():
    """The superuser that publishes the generated notices (no usable password)."""
    user, created = get_user_model().objects.get_or_create(
        username=BENCH_USERNAME,
        defaults={"is_superuser": True, "is_staff": True, "email": ""},
    )
    if created:
        user.set_unusable_password()
        user.save()
    return user


def publish_notice(
    index: PrivacyNoticeIndexPage,
    *,
    title: str,
    slug: str,
    framework: str,
    body: list[dict],
    user,
) -> PrivacyNoticePage:
    """Publish a notice the way the admin does: a page, a revision, a publication."""
    page = PrivacyNoticePage(
        title=title, slug=slug, locale=index.locale, framework=framework, body=body
    )
    index.add_child(instance=page)
    page.save_revision(user=user).publish(user=user)
    return page


def load_demo(log: Log) -> PrivacyNoticePage:
    """The demo content; returns the complete GDPR example, the page the bench reads.

    While ``load_demo`` cannot run (the seed importer or the demo's publication
    failing), the bench publishes the example and four generated notices itself.
    """
    try:
        demo.load_demo()
    except Exception as error:  # any failure: fall back, and say why
        log(f"load_demo failed ({type(error).__name__}: {error}); ")
        log("publishing the example and four generated notices instead")
        locale = demo.ensure_locales()
        index = demo.ensure_index(locale)
        user = publisher()
        with transaction.atomic():
            if not PrivacyNoticePage.objects.filter(
                slug=demo.EXAMPLE_SLUG, locale=locale
            ).exists():
                controller = demo.example_controller(locale)
                publish_notice(
                    index,
                    title="Esimerkkikauppa Oy:n tietosuojaseloste",
                    slug=demo.EXAMPLE_SLUG,
                    framework="gdpr",
                    body=demo.example_body(controller),
                    user=user,
                )
            generate_real(index, 4, start=1, log=log)
    # The example in the demo's own language (its translations share the slug).
    return PrivacyNoticePage.objects.get(
        slug=demo.EXAMPLE_SLUG,
        locale__language_code=demo.ensure_locales().language_code,
    )


def generate_real(
    index: PrivacyNoticeIndexPage, count: int, *, start: int, log: Log
) -> list[PrivacyNoticePage]:
    """Publish ``count`` generated notices one by one, through Wagtail."""
    user = publisher()
    pages = []
    for n in range(start, start + count):
        rng = random.Random(n)  # noqa: S311 - reproducible content, not secrets
        controller = Controller(locale=index.locale, **controller_fields(rng, n))
        controller.save()
        framework, body = notice_body(rng, controller)
        kind = "rekisteriseloste" if framework == "htl" else "tietosuojaseloste"
        title = f"{controller.name}:n {kind}"
        pages.append(
            publish_notice(
                index,
                title=title,
                slug=slugify(title),
                framework=framework,
                body=body,
                user=user,
            )
        )
    return pages


def generate(index: PrivacyNoticeIndexPage, count: int, *, real: int, log: Log):
    """Add ``count`` published notices: ``real`` published, the rest cloned in bulk."""
    real = min(real, count)
    start = 1000
    began = time.perf_counter()
    with transaction.atomic():
        templates = generate_real(index, real, start=start, log=log)
    per_notice = (time.perf_counter() - began) / max(real, 1)
    log(f"published {real} notices one by one, {per_notice * 1000:.0f} ms each")
    began = time.perf_counter()
    with transaction.atomic():
        clone_in_bulk(index, templates, count - real, start=start + real)
    log(f"cloned {count - real} notices in bulk in {time.perf_counter() - began:.1f} s")


def _controller_section(locale, controller: Controller, number: int) -> dict:
    """The controller section of a clone, rendered as a published notice's is."""
    block = PrivacyNoticePage._meta.get_field("body").stream_block.child_blocks[
        "controller"
    ]
    value = block.to_python({"controller": None, "body": ""})
    value["controller"] = controller
    section = render_sections(
        PrivacyNoticePage(locale=locale, body=[("controller", value)])
    )[0]
    section["number"] = number
    return section


def clone_in_bulk(
    index: PrivacyNoticeIndexPage,
    templates: list[PrivacyNoticePage],
    count: int,
    *,
    start: int,
) -> None:
    """Write ``count`` live notices cloned from ``templates``, in batches."""
    if count <= 0:
        return
    content_type = ContentType.objects.get_for_model(PrivacyNoticePage)
    body_field = PrivacyNoticePage._meta.get_field("body")
    sources = []
    for page in templates:
        version = page.versions.get(is_current=True)
        raw_body = body_field.get_prep_value(page.body)
        sources.append((page, version, json.loads(version.document_json), raw_body))
    last = index.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    now = datetime.now(UTC)
    for offset in range(0, count, BATCH):
        numbers = range(start + offset, start + min(offset + BATCH, count))
        rngs = {n: random.Random(n) for n in numbers}  # noqa: S311 - as above
        controllers = Controller.objects.bulk_create(
            [
                Controller(
                    locale=index.locale,
                    translation_key=uuid.uuid4(),
                    **controller_fields(rngs[n], n),
                )
                for n in numbers
            ]
        )
        if controllers[0].pk is None:  # a database that returns no ids
            keys = [c.translation_key for c in controllers]
            by_key = {
                c.translation_key: c
                for c in Controller.objects.filter(translation_key__in=keys)
            }
            controllers = [by_key[k] for k in keys]
        pages, notices, versions = [], [], []
        for n, controller in zip(numbers, controllers, strict=True):
            rng = rngs[n]
            template, version, document, raw_body = sources[n % len(sources)]
            step += 1
            published = now - timedelta(days=rng.randint(1, 1500), minutes=n)
            title = f"{controller.name}:n " + (
                "rekisteriseloste"
                if template.framework == "htl"
                else "tietosuojaseloste"
            )
            slug = slugify(title)
            page = Page(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type,
                locale_id=index.locale_id,
                translation_key=uuid.uuid4(),
                path=Page._get_path(index.path, index.depth + 1, step),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                latest_revision_created_at=published,
            )
            pages.append(page)
            body = copy.deepcopy(raw_body)
            for block in body:
                block["id"] = str(uuid.uuid4())
                if block["type"] == "controller":
                    block["value"]["controller"] = controller.pk
            notices.append((page, template.framework, body))
            versions.extend(
                (page, row)
                for row in _clone_versions(
                    rng, page, controller, version, document, published, index.locale
                )
            )
        Page.objects.bulk_create(pages)
        if pages[0].pk is None:
            by_path = dict(
                Page.objects.filter(path__in=[p.path for p in pages]).values_list(
                    "path", "pk"
                )
            )
            for page in pages:
                page.pk = page.id = by_path[page.path]
        # The notice rows: the given columns, every other one its field's default
        # (so that a new field of the page model does not break the bench).
        fields = [
            f
            for f in PrivacyNoticePage._meta.local_concrete_fields
            if f.column != "page_ptr_id"
        ]
        defaults = {
            f.name: f.get_db_prep_save(f.get_default(), connection) for f in fields
        }
        with connection.cursor() as cursor:
            table = connection.ops.quote_name(PrivacyNoticePage._meta.db_table)
            columns = ", ".join(
                connection.ops.quote_name(c)
                for c in ("page_ptr_id", *(f.column for f in fields))
            )
            marks = ", ".join(["%s"] * (len(fields) + 1))
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608 - names from the model
                [
                    (
                        page.pk,
                        *(
                            {
                                **defaults,
                                "framework": framework,
                                "body": body_field.get_db_prep_save(body, connection),
                            }[f.name]
                            for f in fields
                        ),
                    )
                    for page, framework, body in notices
                ],
            )
        for page, row in versions:
            row.page_id = page.pk
        NoticeVersion.objects.bulk_create([row for _page, row in versions])
    Page.objects.filter(pk=index.pk).update(numchild=index.get_children().count())


def _clone_versions(rng, page, controller, version, document, published, locale):
    """The versions of a clone: one, or (a quarter of them) two."""
    numbers = [1, 2] if rng.random() < 0.25 else [1]
    dates = [published - timedelta(days=rng.randint(30, 400)), published][
        -len(numbers) :
    ]
    document = dict(document)
    controller_api = controller.as_api_dict()
    document["sections"] = [
        _controller_section(locale, controller, s["number"])
        if s["key"] == "controller"
        else s
        for s in document["sections"]
    ]
    old_slug = document["slug"]
    old_id = document.get("id", "")
    rows = []
    for number, date in zip(numbers, dates, strict=True):
        current = number == numbers[-1]
        doc = {
            **document,
            "id": str(page.translation_key),
            "slug": page.slug,
            "title": page.title,
            "controller": controller_api,
            "version": number,
            "published_at": date.isoformat().replace("+00:00", "Z"),
            "approved_at": None,
            "change_summary": "" if number == 1 else "Päivitetty säilytysajat",
            "html_url": document["html_url"].replace(f"/{old_slug}/", f"/{page.slug}/"),
            "versions_url": document["versions_url"]
            .replace(f"/{old_slug}/", f"/{page.slug}/")
            .replace(f"/{old_id}/", f"/{page.translation_key}/"),
        }
        doc["content_hash"] = content_hash(doc)
        rows.append(
            NoticeVersion(
                locale_id=page.locale_id,
                translation_key=page.translation_key,
                number=number,
                slug=page.slug,
                title=page.title,
                framework=version.framework,
                controller_business_id=controller.business_id,
                published_at=date,
                approved_by_id=version.approved_by_id,
                approval_step=version.approval_step,
                change_summary=doc["change_summary"],
                superseded_at=None if current else dates[-1],
                is_current=current,
                effective_from=date,
                effective_to=None if current else dates[-1],
                controller_name=controller.name,
                html_url=doc["html_url"],
                document_json=canonical_json(doc),
                content_hash=doc["content_hash"],
            )
        )
    return rows
