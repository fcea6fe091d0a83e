from django.apps import AppConfig


class ProjectConfig(AppConfig):
    """The runnable demo site: carries ``load_demo`` and the site chrome."""

    name = "project"
    label = "project"
    default_auto_field = "django.db.models.BigAutoField"
