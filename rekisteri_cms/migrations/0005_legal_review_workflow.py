"""Create the "Legal review" workflow and assign it to every notices index."""

from django.db import migrations

from rekisteri_cms.roles import assign_legal_review, ensure_legal_review_workflow


def create_workflow(apps, schema_editor):
    ensure_legal_review_workflow(apps)
    Index = apps.get_model("rekisteri_cms", "PrivacyNoticeIndexPage")
    for index in Index.objects.all():
        assign_legal_review(index, apps)


def remove_workflow(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(
        name="Legal review"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("rekisteri_cms", "0004_legal_review_task"),
        ("wagtailcore", "0090_remove_grouppagepermission_permission_type"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
