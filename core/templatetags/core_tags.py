from django import template

register = template.Library()


@register.filter
def image_alt(image) -> str:
    """The alt text an ImageBlock image should carry: empty when marked decorative,
    the editor's text for this use, else the image's own (required) alt text."""
    if image is None or getattr(image, "decorative", False):
        return ""
    return getattr(image, "contextual_alt_text", None) or image.default_alt_text
