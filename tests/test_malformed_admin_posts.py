"""Every malformed admin post is a form error, never a 500 (issue 18).

The cases the attack found, as a table: each mutates a valid edit-form post of a
notice, and the edit view must answer with the form again (200, an error shown) and
save nothing; then a hypothesis test posts generated form data to the same view.
"""

from __future__ import annotations

import json
import os

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from rekisteri_cms.models import PrivacyNoticePage
from tests.workflow_fixtures import client_for, draft_form, edit_url

pytestmark = pytest.mark.django_db
pytest_plugins = ["tests.workflow_fixtures"]

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")
#: Generated posts per run: the ordinary suite, CI, soak.
EXAMPLES = {"dev": 25, "ci": 60, "soak": 1000}.get(PROFILE, 25)


def draftail(blocks=None, entity_map=None) -> str:
    return json.dumps(
        {
            "blocks": blocks
            if blocks is not None
            else [
                {
                    "key": "a",
                    "type": "unstyled",
                    "text": "Teksti",
                    "depth": 0,
                    "inlineStyleRanges": [],
                    "entityRanges": [],
                }
            ],
            "entityMap": entity_map or {},
        }
    )


def nested_list(count: int) -> str:
    return draftail(
        [
            {
                "key": f"k{i}",
                "type": "unordered-list-item",
                "text": f"kohta {i}",
                "depth": i,
                "inlineStyleRanges": [],
                "entityRanges": [],
            }
            for i in range(count)
        ]
    )


def body_key(data: dict, block_type: str, field: str = "body") -> str:
    index = next(
        key.split("-")[1]
        for key, value in data.items()
        if key.startswith("body-") and key.endswith("-type") and value == block_type
    )
    return f"body-{index}-value-{field}"


def set_field(block_type, field, value):
    def mutate(data):
        data[body_key(data, block_type, field)] = value

    return mutate


def set_key(key, value):
    def mutate(data):
        data[key] = value

    return mutate


def delete_key(key):
    def mutate(data):
        data.pop(key, None)

    return mutate


def text_block(**overrides) -> dict:
    return {
        "key": "a",
        "type": "unstyled",
        "text": "linkki",
        "depth": 0,
        "inlineStyleRanges": [],
        "entityRanges": [],
        **overrides,
    }


LINK = {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "https://a.fi"}}}
BAD_COUNTS = ["", "abc", "99999999999999999999", "-5", "-1", "1e3", "0x10", "3.5"]
BAD_COUNTS += ["NaN", "∞", "١٢", " ", "None", "[]", "1001"]
BAD_RICH_TEXT = {
    "not JSON": "<p>ei JSONia</p>",
    "JSON list": "[1, 2]",
    "JSON string": '"teksti"',
    "JSON number": "42",
    "truncated JSON": '{"blocks": [',
    "blocks not a list": '{"blocks": {}, "entityMap": {}}',
    "entity map a list": draftail(entity_map=None).replace(
        '"entityMap": {}', '"entityMap": []'
    ),
    "block a string": draftail(["teksti"]),
    "text a number": draftail([text_block(text=5)]),
    "missing entity key": draftail(
        [text_block(entityRanges=[{"offset": 0, "length": 6, "key": 99}])]
    ),
    "entity key a string": draftail(
        [text_block(entityRanges=[{"offset": 0, "length": 6, "key": "x"}])], LINK
    ),
    "negative offset": draftail(
        [text_block(inlineStyleRanges=[{"offset": -3, "length": 2, "style": "BOLD"}])]
    ),
    "range past the end": draftail(
        [text_block(inlineStyleRanges=[{"offset": 0, "length": 9999, "style": "BOLD"}])]
    ),
    "negative length": draftail(
        [text_block(entityRanges=[{"offset": 5, "length": -1, "key": 0}])], LINK
    ),
    "offset a string": draftail(
        [text_block(inlineStyleRanges=[{"offset": "0", "length": 1, "style": "BOLD"}])]
    ),
    "range not an object": draftail([text_block(inlineStyleRanges=[7])]),
    "ranges not a list": draftail([text_block(entityRanges={"offset": 0})]),
    "depth negative": draftail([text_block(type="unordered-list-item", depth=-1)]),
    "depth a string": draftail([text_block(type="unordered-list-item", depth="3")]),
    "3,000 nested list items": nested_list(3000),
    "one item nested 3,000 deep": draftail(
        [text_block(type="ordered-list-item", depth=3000)]
    ),
    "over a megabyte": draftail([text_block(text="x" * 1_000_001)]),
}
BAD_CHOICES = [
    "abc",
    "-1",
    "1.5",
    "987654",
    "' OR 1=1 --",
    "1; DROP TABLE x",
    "0x1",
    "１",
]
BAD_TYPES = [
    "no_such_section",
    "",
    "Controller",
    "purpose ",
    "__class__",
    "body",
    "count",
]

CASES = {
    "body-count missing": delete_key("body-count"),
    **{f"body-count {v!r}": set_key("body-count", v) for v in BAD_COUNTS},
    **{
        f"rich text: {k}": set_field("purpose", "body", v)
        for k, v in BAD_RICH_TEXT.items()
    },
    **{
        f"controller id {v!r}": set_field("controller", "controller", v)
        for v in BAD_CHOICES
    },
    **{f"block type {v!r}": set_key("body-0-type", v) for v in BAD_TYPES},
    "block type missing": delete_key("body-0-type"),
    "list count missing": delete_key("body-1-value-purposes-count"),
    **{
        f"list count {v!r}": set_key("body-1-value-purposes-count", v)
        for v in BAD_COUNTS[1:6]
    },
}


def post_case(client, page, mutate):
    data = draft_form(page, change_summary="Muutos")
    mutate(data)
    return client.post(edit_url(page), data)


def revisions_of(page) -> int:
    return PrivacyNoticePage.objects.get(pk=page.pk).revisions.count()


def test_the_table_has_the_attacks_cases():
    assert len(CASES) >= 60
    assert {"body-count missing", "body-count 'abc'", "rich text: not JSON"} <= set(
        CASES
    )


def test_malformed_edit_posts_are_form_errors(editor, draft_notice):
    """Each case of the table: the form again with an error, nothing saved."""
    client = client_for(editor)
    client.raise_request_exception = False
    assert draft_notice.body[1].block_type == "purpose"  # the list count cases
    failures = []
    for case, mutate in CASES.items():
        revisions = revisions_of(draft_notice)
        response = post_case(client, draft_notice, mutate)
        if response.status_code != 200:
            failures.append((case, response.status_code))
        elif not response.context["form"].errors.get("body"):
            failures.append((case, "no error on the sections"))
        elif revisions_of(draft_notice) != revisions:
            failures.append((case, "a revision was saved"))
    assert not failures, failures


def test_the_unreadable_post_message_is_in_finnish(editor, draft_notice):
    client = client_for(editor)
    client.cookies["django_language"] = "fi"
    response = post_case(client, draft_notice, set_key("body-count", "abc"))
    with translation.override("fi"):
        message = " ".join(response.context["form"].errors["body"])
    assert message.startswith("Osioita ei voitu lukea lomakkeelta"), message
    assert "lukumäärä ei ole luku" in message


def test_a_valid_post_is_still_saved(editor, draft_notice):
    revisions = revisions_of(draft_notice)
    response = post_case(client_for(editor), draft_notice, lambda data: None)
    assert response.status_code == 302
    assert revisions_of(draft_notice) == revisions + 1


@pytest.mark.parametrize(
    "empty",
    [
        pytest.param("null", id="an emptied editor posts null"),
        pytest.param('{"entityMap": {}}', id="no blocks"),
        pytest.param('{"blocks": [], "entityMap": {}}', id="empty blocks"),
    ],
)
def test_an_empty_rich_text_editor_is_saved_as_empty_text(editor, draft_notice, empty):
    """The browser's rich text editor posts ``null`` for a text left empty."""
    revisions = revisions_of(draft_notice)
    response = post_case(
        client_for(editor), draft_notice, set_field("purpose", "body", empty)
    )
    assert response.status_code == 302, response.context["form"].errors
    assert revisions_of(draft_notice) == revisions + 1
    saved = PrivacyNoticePage.objects.get(pk=draft_notice.pk).get_latest_revision()
    purpose = next(
        block for block in saved.as_object().body if block.block_type == "purpose"
    )
    assert str(purpose.value["body"]).strip() == ""


# Generated posts --------------------------------------------------------------------

#: Values a hostile or broken client might post in any field.
JUNK = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        BAD_COUNTS + BAD_CHOICES + BAD_TYPES + list(BAD_RICH_TEXT.values())[:12]
    ),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.builds(
        json.dumps,
        st.recursive(
            st.none() | st.integers() | st.text(max_size=8),
            lambda c: (
                st.lists(c, max_size=3)
                | st.dictionaries(st.text(max_size=5), c, max_size=3)
            ),
            max_leaves=8,
        ),
    ),
)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=PROFILE == "dev",
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    changes=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=10_000), st.one_of(st.none(), JUNK)
        ),
        min_size=1,
        max_size=4,
    ),
    extra=st.dictionaries(
        st.from_regex(
            r"body-[0-9]{1,2}-(type|value|deleted|order|count|id)(-[a-z_]{1,12})?",
            fullmatch=True,
        ),
        JUNK,
        max_size=2,
    ),
)
def test_generated_edit_posts_never_fail_and_never_half_save(
    changes, extra, editor, draft_notice
):
    """Any field of the edit form changed to junk or removed, keys added: a form
    error (nothing saved) or a saved revision that loads, never a 500."""
    client = client_for(editor)
    client.raise_request_exception = False
    data = draft_form(draft_notice, change_summary="Muutos")
    keys = sorted(data)
    for index, value in changes:
        key = keys[index % len(keys)]
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    data.update(extra)
    note(
        repr(
            {
                k: data.get(k)
                for k in {keys[i % len(keys)] for i, _v in changes} | set(extra)
            }
        )
    )
    before = revisions_of(draft_notice)
    response = client.post(edit_url(draft_notice), data)
    after = revisions_of(draft_notice)
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 200:
        assert after == before
    else:
        assert after in (before, before + 1)
        page = PrivacyNoticePage.objects.get(pk=draft_notice.pk)
        saved = page.get_latest_revision_as_object()
        # The saved revision is whole: it loads and renders.
        saved.body.stream_block.get_prep_value(saved.body)
        saved.section_texts()


# The controller snippet -------------------------------------------------------------

#: Field values of the Controller form that must be refused with a field error.
BAD_CONTROLLER_FIELDS = {
    # Wagtail defers required fields while a draft is saved; submitting checks them.
    "name empty, submitted": {"name": "", "action-submit": "1"},
    "name too long": {"name": "x" * 256},
    "postal code letters": {"postal_code": "abcde"},
    "postal code four digits": {"postal_code": "1234"},
    "postal code six digits": {"postal_code": "123456"},
    "business ID check digit": {"business_id": "2311066-8"},
    "business ID letters": {"business_id": "ABCDEFG-1"},
    "business ID too long": {"business_id": "12345678-9"},
    "phone letters": {"phone": "soita meille"},
    "phone too short": {"phone": "040"},
    "e-mail without domain": {"email": "tietosuoja@"},
    "website javascript": {"website": "javascript:alert(1)"},
    "website without scheme host": {"website": "http://"},
    "country three letters": {"country": "FIN"},
    "DPO without contact": {"has_dpo": "on", "dpo_name": "Tiina"},
    "DPO phone letters": {"dpo_phone": "ei numeroa"},
    "representative without name": {"representative_email": "edustaja@example.com"},
    "joint controllers without arrangement": {"joint_controllers": "Toinen Oy"},
    "NUL byte in name": {"name": "Oy\x00"},
}


def test_malformed_controller_posts_are_field_errors(editor, controller):
    from django.urls import reverse

    from tests.forms import controller_form_data

    client = client_for(editor)
    client.raise_request_exception = False
    url = reverse(
        "wagtailsnippets_rekisteri_cms_controller:edit", args=(controller.pk,)
    )
    failures = []
    for case, fields in BAD_CONTROLLER_FIELDS.items():
        revisions = controller.revisions.count()
        response = client.post(url, controller_form_data(**fields))
        if response.status_code != 200:
            failures.append((case, response.status_code))
        elif not response.context["form"].errors:
            failures.append((case, "no error"))
        elif controller.revisions.count() != revisions:
            failures.append((case, "a revision was saved"))
    assert not failures, failures
