"""Public petition pages. Thin: read through selectors, write through services."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from petitions import selectors, states


@require_GET
def petition_status(request: HttpRequest, code: str) -> HttpResponse:
    """The public status page: where the petition stands, the timeline of public events
    and the answer. Never the petitioner's contact; the name only if they chose to show it."""
    petition = selectors.petition_public_by_code(code)
    if petition is None:
        raise Http404
    context = {
        "petition": petition,
        "info": states.STATE_INFO[petition.status],
        "is_open": petition.status in states.OPEN,
        "is_paused": petition.status in states.CLOCK_PAUSED,
        "events": selectors.petition_public_events(petition),
    }
    return render(request, "petitions/status_page.html", context)
