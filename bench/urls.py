"""The site's URLs plus the baseline view of the benchmark."""

from django.urls import path

from project.urls import urlpatterns as site_urlpatterns

from .baseline import baseline_view

urlpatterns = [
    path("bench/baseline/<str:slug>/", baseline_view, name="bench-baseline"),
    *site_urlpatterns,
]
