"""What the attack tests share: every URL the portal routes, people, and HTML checks."""

import re
from html.parser import HTMLParser

from django.urls import URLPattern, URLResolver, get_resolver

ACTORS = ["anonymous", "contributor", "other", "curator", "superuser"]

# Attributes whose value a browser follows or runs as an address.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"}
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")


def routes():
    """[(key, route)] for every pattern of the URLconf: the name when it has one, else the route."""

    def walk(patterns, prefix="", namespace=None):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                yield from walk(entry.url_patterns, route, inner)
            elif isinstance(entry, URLPattern):
                name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
                yield name or route, route

    return list(dict.fromkeys(walk(get_resolver().url_patterns)))


def body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def outcome(response):
    """A response as the access matrix writes it: a status, "login" for a redirect to the
    login page, "reauth" for one to the page that asks for the password again."""
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(("/konto/login/", "/admin/login/")):
            return "login"
        if location.startswith("/konto/reauthenticate/"):
            return "reauth"
    return response.status_code


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and "alert" in value:
                self.findings.append(f"<{tag} {name}={value!r}>")
            squeezed = re.sub(r"[\x00-\x20]", "", value).lower()
            if name in URL_ATTRIBUTES and squeezed.startswith(DANGEROUS_SCHEMES):
                self.findings.append(f"<{tag} {name}={value!r}>")
        if tag == "img" and ("src", "x") in attrs:
            self.findings.append("<img src=x>")
        # A data block (JSON-LD, json_script) is never run; "</script>" inside it
        # would end it, and RAW below finds that.
        kind = (dict(attrs).get("type") or "text/javascript").lower()
        if tag == "script" and kind in ("text/javascript", "module"):
            self._in_script = True

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert(" in data:
            self.findings.append(f"<script>{data[:60]!r}")


# Raw markup of a payload; escaped, it is harmless text (event handlers are found by parsing).
RAW = ["<script>alert(1)", "<svg onload=alert(1)", "<img src=x"]


def injected(html):
    """What in `html` a browser would run or follow because a payload got through; [] if nothing."""
    parser = _Page()
    parser.feed(html)
    parser.close()
    lowered = html.lower()
    return parser.findings + [raw for raw in RAW if raw in lowered]


class FormValues(HTMLParser):
    """The values a browser would send back for a rendered form: {name: [values]}."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.values, self._textarea = {}, None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.values.setdefault(name, []).append(attrs.get("value", "on"))
            elif kind not in {"submit", "button", "file", "image", "reset"}:
                self.values.setdefault(name, []).append(attrs.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.values.setdefault(name, []).append("")
        elif tag == "option" and "selected" in attrs and self._select:
            self.values.setdefault(self._select, []).append(attrs.get("value", ""))
        if tag == "select":
            self._select = name

    _select = None

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        if tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea][-1] += data

    def text(self, name):
        """A text field's value as a browser sends it (it drops a textarea's first newline)."""
        [value] = self.values.get(name, [None])
        return value[1:] if value and value.startswith("\n") else value
