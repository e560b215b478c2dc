"""The public search page: published petitions and answers, or the site's pages.

Plain GET links do everything (facets, pages, tabs), so it works without JavaScript.
Whatever is typed gives a normal page: the service folds text into words and drops the
rest; malformed facet values are ignored.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from search import selectors
from search.documents import PAGE, PETITION

FACET_TITLES = {
    "topic": _("Topic"),
    "status": _("Status"),
    "ward": _("Ward/commune"),
    "year": _("Year"),
}
TABS = {PETITION: _("Petitions"), PAGE: _("Pages and guides")}
PER_PAGE = 10
MAX_TYPED = 1000


def _query_string(params: dict[str, list[str]], **changes) -> str:
    merged = {key: list(values) for key, values in params.items()}
    for key, values in changes.items():
        if values:
            merged[key] = values
        else:
            merged.pop(key, None)
    pairs = [(key, value) for key, values in merged.items() for value in values]
    return "?" + urlencode(pairs) if pairs else "?"


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")[:MAX_TYPED]
    kind = request.GET.get("loai", PETITION)
    if kind not in TABS:
        kind = PETITION
    page = request.GET.get("trang", 1)
    raw_filters = {name: request.GET.getlist(name) for name in FACET_TITLES}
    if kind == PETITION:
        results = selectors.search_public(text, filters=raw_filters, page=page, per_page=PER_PAGE)
    else:
        results = selectors.search_site(text, kinds=[PAGE], page=page)
    chosen = selectors.clean_filters(raw_filters, allowed=FACET_TITLES)
    base = {"q": [text]} if text else {}
    if kind != PETITION:
        base["loai"] = [kind]
    current = {**base, **{name: [str(v) for v in values] for name, values in chosen.items()}}

    facets = []
    for name, values in results.facets.items():
        labels = selectors.facet_labels(name, [value for value, _count in values])
        selected = set(chosen.get(name, ()))
        options = []
        for value, count in values:
            is_selected = value in selected
            others = [str(v) for v in selected if v != value]
            link_values = others if is_selected else [*others, str(value)]
            options.append(
                {
                    "label": labels.get(value, str(value)),
                    "count": count,
                    "is_selected": is_selected,
                    "url": _query_string(current, **{name: link_values, "trang": []}),
                }
            )
        # Chosen values stay visible (to be removed) even when they match nothing now.
        for value in selected - {value for value, _count in values}:
            label = selectors.facet_labels(name, [value]).get(value, str(value))
            others = [str(v) for v in selected if v != value]
            options.append(
                {
                    "label": label,
                    "count": 0,
                    "is_selected": True,
                    "url": _query_string(current, **{name: others, "trang": []}),
                }
            )
        if options:
            facets.append({"name": name, "title": FACET_TITLES[name], "options": options})

    pages = {
        "previous": _query_string(current, trang=[str(results.page - 1)])
        if results.has_previous
        else "",
        "next": _query_string(current, trang=[str(results.page + 1)]) if results.has_next else "",
    }
    tabs = [
        {
            "label": label,
            "is_current": name == kind,
            "url": _query_string(base, loai=[] if name == PETITION else [name]),
        }
        for name, label in TABS.items()
    ]
    context = {
        "text": text,
        "results": results,
        "facets": facets,
        "has_filters": bool(chosen),
        "clear_url": _query_string(base),
        "pages": pages,
        "tabs": tabs,
        "kind": kind,
        "start": (results.page - 1) * results.per_page + 1,
    }
    return render(request, "search/search.html", context)
