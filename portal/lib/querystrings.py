"""Links that remove one value of a repeated query parameter.

Django's {% querystring %} tag sets or removes a whole parameter; taking one
category out of ?category=a&category=b is what it cannot do.
"""

from urllib.parse import urlencode


def url_without(request, name, value=None):
    """The current URL without parameter `name` (or only its `value`), back on page 1."""
    pairs = [
        (key, v)
        for key, values in request.GET.lists()
        for v in values
        if key != "page" and not (key == name and (value is None or v == value))
    ]
    return "?" + urlencode(pairs) if pairs else request.path
