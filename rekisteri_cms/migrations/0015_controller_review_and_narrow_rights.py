"""Controllers under the Legal review, and the rights README promises.

- The Controller snippet gets drafts, revisions and workflows; the Legal review
  workflow is assigned to it, so a change reaches readers only once approved.
- Editors lose every document and image right (Wagtail's initial data gives its
  "Editors" group add, change and choose on the root collection); a setting can
  give them uploads into a private collection (``rekisteri_cms.roles``).
- Wagtail's default Moderators group loses ``publish_page`` on the root page.
"""

import django.db.models.deletion
from django.db import migrations, models

from rekisteri_cms.roles import (
    assign_legal_review_to_snippets,
    remove_moderators_root_publishing,
    sync_editor_upload_permissions,
)


def forwards(apps, schema_editor):
    assign_legal_review_to_snippets(apps)
    sync_editor_upload_permissions(apps, allow_uploads=False)
    remove_moderators_root_publishing(apps)


def backwards(apps, schema_editor):
    # The rights taken away are not given back: they contradicted the roles.
    ContentType = apps.get_model("contenttypes", "ContentType")
    apps.get_model("wagtailcore", "WorkflowContentType").objects.filter(
        content_type__in=ContentType.objects.filter(
            app_label="rekisteri_cms", model="controller"
        )
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("rekisteri_cms", "0014_version_effective_dates"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.AddField(
            model_name="controller",
            name="expire_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="expiry date/time"
            ),
        ),
        migrations.AddField(
            model_name="controller",
            name="expired",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="expired"
            ),
        ),
        migrations.AddField(
            model_name="controller",
            name="first_published_at",
            field=models.DateTimeField(
                blank=True, db_index=True, null=True, verbose_name="first published at"
            ),
        ),
        migrations.AddField(
            model_name="controller",
            name="go_live_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="go live date/time"
            ),
        ),
        migrations.AddField(
            model_name="controller",
            name="has_unpublished_changes",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="has unpublished changes"
            ),
        ),
        migrations.AddField(
            model_name="controller",
            name="last_published_at",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="last published at"
            ),
        ),
        migrations.AddField(
            model_name="controller",
            name="latest_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
                verbose_name="latest revision",
            ),
        ),
        migrations.AddField(
            model_name="controller",
            name="live",
            field=models.BooleanField(
                default=True, editable=False, verbose_name="live"
            ),
        ),
        migrations.AddField(
            model_name="controller",
            name="live_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
                verbose_name="live revision",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
