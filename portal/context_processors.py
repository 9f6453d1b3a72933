from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language


def portal(request):
    """Site-wide values every template may use.

    CONTENT_LANG marks what people wrote (in Danish) when the interface is in
    another language, so screen readers pronounce it right (WCAG 3.1.2).
    """
    content_lang = ""
    if get_language() != settings.LANGUAGE_CODE:
        content_lang = format_html(' lang="{}"', settings.LANGUAGE_CODE)
    return {"CONTENT_LANG": content_lang}
