from django import template

from core.cache import versioned

register = template.Library()

# "large", "contrast" or both, comma-separated; set by learning.views.display.
DISPLAY_COOKIE = "hien_thi"
_CLASSES = {"large": "text-large", "contrast": "high-contrast"}


@register.simple_tag(takes_context=True)
def display_classes(context) -> str:
    """Classes for <html> from the reader's display options (works without JavaScript)."""
    request = context.get("request")
    if request is None:
        return ""
    chosen = request.COOKIES.get(DISPLAY_COOKIE, "").split(",")
    return " ".join(_CLASSES[name] for name in chosen if name in _CLASSES)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def course_index_url() -> str:
    """The address of the course index, or "" before one is published (cached: the menu
    shows it on every page; publishing a page refreshes it)."""
    return versioned("pages", "course_index_url", _course_index_url)


def _course_index_url() -> str:
    from learning.models import CourseIndexPage

    index = CourseIndexPage.objects.live().only("id", "url_path", "path", "depth").first()
    return index.url if index else ""
