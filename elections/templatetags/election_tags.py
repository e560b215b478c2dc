"""Template tags of the election pages. (wagtail.contrib.routable_page is not an
installed app, so its ``routablepageurl`` tag is not available; this is the same idea.)"""

from django import template

from core.cache import versioned

register = template.Library()


@register.simple_tag(takes_context=True)
def subpage_url(context, page, name: str, *args) -> str:
    """The address of one of ``page``'s routes, e.g. ``{% subpage_url page 'unit' 12 %}``."""
    base = page.get_url(context.get("request"))
    return base + page.reverse_subpage(name, args=args)


@register.simple_tag
def election_index_url() -> str:
    """The address of the newest published election page, or "" before there is one
    (cached: the menu shows it on every page; publishing a page refreshes it)."""
    return versioned("pages", "election_index_url", _election_index_url)


def _election_index_url() -> str:
    from elections.models import ElectionPage

    page = (
        ElectionPage.objects.live()
        .order_by("-election__election_day")
        .only("id", "url_path", "path", "depth")
        .first()
    )
    return page.url if page else ""
