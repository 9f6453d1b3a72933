from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info


def portal(request):
    """Site-wide values every template may use.

    CONTENT_LANG marks what people wrote (in Danish) when the interface is in
    another language, so screen readers pronounce it right (WCAG 3.1.2).
    LANGUAGE_LINKS leads to this page in each other language: plain links, since
    the language is in the address (English under /en/).
    """
    current = get_language()
    content_lang = ""
    if current != settings.LANGUAGE_CODE:
        content_lang = format_html(' lang="{}"', settings.LANGUAGE_CODE)
    here = request.get_full_path()
    links = [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": translate_url(here, code),
            "prefix": "" if code == settings.LANGUAGE_CODE else f"/{code}",
        }
        for code, _name in settings.LANGUAGES
        if code != current
    ]
    return {"CONTENT_LANG": content_lang, "LANGUAGE_LINKS": links}
