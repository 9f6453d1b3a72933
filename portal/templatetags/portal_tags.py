from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, to_locale

register = template.Library()


@register.simple_tag
def page_numbers(page):
    """Page numbers to show around `page`, with `Paginator.ELLIPSIS` for the gaps.

    One or two pages at each end and two on each side of the current page, so the
    bar stays short on a phone however long the list is.
    """
    return page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        # Rendered by the template engine, so already escaped: escaping it again
        # would show "&amp;" where the page has "&".
        context[self.name] = mark_safe(self.nodelist.render(context).strip())  # nosec B308 B703
        return ""


@register.tag
def capture(parser, token):
    """{% capture name %}…{% endcapture %}: keep what is inside as `name`, render nothing.

    So that a block a page fills in once (its title, its description) can be
    used twice: in the page's own tags and in the tags social media read.
    """
    try:
        _tag, name = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("capture takes one name") from None
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, name)


@register.inclusion_tag("_page_meta.html", takes_context=True)
def page_meta(context, title, description):
    """The tags that tell search engines and social media what this page is and where it lives.

    The canonical address is SITE_URL and the path in this language; a view
    may add `canonical_query` (the list's understood parameters). Alternates
    name the same page in every language, Danish as the default.
    """
    request = context.get("request")
    if request is None:  # e-mails and the bare 500 page: no address of their own
        return {}
    query = context.get("canonical_query", "")
    here = request.path + (f"?{query}" if query else "")
    alternates = [
        (code, settings.SITE_URL + translate_url(here, code)) for code, _name in settings.LANGUAGES
    ]
    language = get_language()
    return {
        "canonical": settings.SITE_URL + here,
        "alternates": alternates,
        "default": dict(alternates)[settings.LANGUAGE_CODE],
        "title": title,
        "description": description,
        "locale": to_locale(OG_LOCALES.get(language, language)),
        "image": settings.SITE_URL + static(context.get("og_image", "img/og-image.png")),
        "image_alt": gettext("Gode eksempler: good examples for vulnerable and lonely people"),
        "og_type": context.get("og_type", "website"),
        "noindex": context.get("noindex", False),
    }


# OpenGraph wants a territory with the language.
OG_LOCALES = {"da": "da-dk", "en": "en-gb"}
