from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views

urlpatterns = [
    # Staff sign in through allauth (with its MFA step), never through Wagtail's own form.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailadmin_login_redirect",
    ),
    # Replaces Wagtail's admin JavaScript catalogue, adding our Vietnamese.
    path(
        "admin/jsi18n/",
        core_views.admin_js_catalog,
        name="wagtailadmin_javascript_catalog",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("tai-lieu/", include(wagtaildocs_urls)),
    path("tai-khoan/", include("accounts.urls")),
    path("tai-khoan/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("healthz", core_views.healthz, name="healthz"),
    path("kien-nghi/", include("petitions.urls")),
    path("hoc/", include("learning.urls")),
    path("tim-kiem/", include("search.urls")),
    path("open311/v2/", include("open311.urls")),
    path("", include("core.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler429 = "core.views.too_many_requests"  # read by allauth's rate limiting

# Wagtail serves every other path from the page tree; it must come last.
urlpatterns.append(path("", include(wagtail_urls)))
