"""URLs of the benchmark settings: the site, plus the bare reference view."""

from django.urls import path

from config.urls import urlpatterns as site_urlpatterns
from petitions.benchmark import bare_insert

urlpatterns = [path("bench/bare-insert/", bare_insert), *site_urlpatterns]
