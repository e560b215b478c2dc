from django.utils.html import escape
from django.utils.translation import gettext, override


def vi(message: str, **params) -> str:
    """The Vietnamese text of an English message id, as a page shows it (HTML-escaped).

    Fails when the catalogue has no Vietnamese for it, so a test that looks for the
    Vietnamese message also proves the string is translated."""
    with override("vi"):
        text = gettext(message)
    assert text != message, f"no Vietnamese translation for {message!r}"
    return escape(text % params if params else text)
