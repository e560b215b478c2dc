"""Request middleware owned by core."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class VietnameseFirstMiddleware:
    """Serve Vietnamese unless the person chose English with the language switch.

    Many phones in Vietnam run an English system language; their browsers' Accept-Language
    must not turn the site into English for someone who reads Vietnamese. Only the
    explicit choice (the language cookie set by ``set_language``) counts, so this runs
    before ``LocaleMiddleware`` and hides the header from it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
