import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from opendata import structured

register = template.Library()

# As Django's json_script: "</script>" or "<!--" in a title cannot end the block.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _script(data):
    text = json.dumps(data, ensure_ascii=False).translate(_ESCAPES)
    # A data block, not a script: the CSP's script-src does not apply to it.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # nosec B308 B703


@register.simple_tag
def example_json_ld(initiative):
    return _script(structured.example(initiative))


@register.simple_tag
def organisation_json_ld(organisation):
    return _script(structured.organisation(organisation, full=True))


@register.simple_tag
def dataset_json_ld(distributions):
    return _script(structured.dataset(distributions))
