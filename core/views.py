"""Views owned by core: the ward picker page and the health check."""

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

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
