"""Views owned by core: the ward picker page, error pages and the health check."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.i18n import JavaScriptCatalog
from wagtail.admin.localization import get_localized_response

from core import selectors
from core.forms import WardPickerForm


@require_GET
def ward_picker(request: HttpRequest) -> HttpResponse:
    """ "Find your ward": shows the wards matching a search and, once one is chosen,
    the two People's Councils that represent it."""
    form = WardPickerForm(request.GET or None)
    chosen, councils, results = None, [], []
    if form.is_bound and form.is_valid():
        chosen = form.cleaned_data["ward"]
        results = [] if chosen else form.results()
        councils = selectors.councils_for_ward(chosen) if chosen else []
    status = 400 if form.is_bound and form.errors else 200
    context = {"picker": form, "results": results, "chosen": chosen, "councils": councils}
    return render(request, "core/ward_picker_page.html", context, status=status)


@require_GET
def ward_options(request: HttpRequest) -> HttpResponse:
    """The result list alone, for the picker's script to swap in while the person types."""
    prefix = request.GET.get("prefix", "")
    form = WardPickerForm(request.GET, prefix=prefix if prefix.isidentifier() else None)
    results = form.results() if form.is_valid() else []
    return render(
        request, "components/ward_picker_results.html", {"picker": form, "results": results}
    )


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness for the load balancer: the database and the cache answer."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:  # any failure means "not ready"
        checks["database"] = "error"
    try:
        cache.set("healthz", "ok", 10)
        checks["cache"] = "ok" if cache.get("healthz") == "ok" else "error"
    except Exception:  # any failure means "not ready"
        checks["cache"] = "error"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(checks, status=200 if healthy else 503)


# Error pages in the site's layout and language (config/urls.py names these handlers;
# allauth's rate limiting uses handler429). 500 stays a standalone template, 500.html,
# because it must render when the database is down.
_ERRORS = {
    400: (
        _("Something in the request was wrong"),
        _("Please go back, check what you entered and try again."),
    ),
    403: (
        _("Not allowed"),
        _(
            "Your account cannot open this page. If you think it should, sign in with the "
            "right account or ask your council's administrator."
        ),
    ),
    404: (
        _("Page not found"),
        _(
            "The address may be mistyped, or the page has moved. Check the address or start "
            "again from the home page."
        ),
    ),
    429: (
        _("Too many attempts"),
        _(
            "To protect your account, we paused this for a few minutes. "
            "Please wait, then try again."
        ),
    ),
}


def _error_page(request: HttpRequest, status: int) -> HttpResponse:
    title, text = _ERRORS[status]
    return render(request, "error.html", {"error_title": title, "error_text": text}, status=status)


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return _error_page(request, 400)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return _error_page(request, 403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return _error_page(request, 404)


def too_many_requests(request: HttpRequest, exception=None) -> HttpResponse:
    return _error_page(request, 429)


class _AdminJavaScriptCatalog(JavaScriptCatalog):
    """Wagtail's admin JavaScript catalogue plus our Vietnamese for the strings its own
    catalogue lacks (locale_vendor/wagtail/). Django reads only the packages' folders for
    JavaScript catalogues, not LOCALE_PATHS, hence this view."""

    def get_paths(self, packages):
        return [*super().get_paths(packages), str(settings.BASE_DIR / "locale_vendor" / "wagtail")]


_admin_js_catalog = _AdminJavaScriptCatalog.as_view(packages=["wagtail.admin"])


def admin_js_catalog(request: HttpRequest) -> HttpResponse:
    # As Wagtail's own view: in the language the staff member chose in their profile.
    return get_localized_response(_admin_js_catalog, request)
