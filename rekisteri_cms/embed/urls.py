"""URLs of the embeds; the project mounts them at the site's root."""

from django.urls import path

from . import views

app_name = "rekisteri_cms_embed"

urlpatterns = [
    path("embed.js", views.embed_script, name="script"),
    path("embed/<str:reference>/", views.notice_frame, name="notice"),
]
