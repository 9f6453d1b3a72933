"""Build links that change one thing in the current query string."""

from urllib.parse import urlencode


def _pairs(request, drop_page=True):
    return [
        (key, value)
        for key, values in request.GET.lists()
        for value in values
        if not (drop_page and key == "page")
    ]


def url_without(request, name, value=None):
    """The current URL without parameter `name` (or only its `value`), back on page 1."""
    pairs = [
        (key, v)
        for key, v in _pairs(request)
        if not (key == name and (value is None or v == value))
    ]
    return "?" + urlencode(pairs) if pairs else request.path


def url_with(request, **changes):
    """The current URL with these parameters set (None removes one); keeps the page."""
    pairs = [(key, v) for key, v in _pairs(request, drop_page=False) if key not in changes]
    pairs += [(key, v) for key, v in changes.items() if v is not None]
    return "?" + urlencode(pairs)
