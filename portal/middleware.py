from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_cache_control

from portal.lib import pagecache


class DanishFirstLocaleMiddleware:
    """Activate the language the address names: English under /en/, Danish otherwise.

    Django's LocaleMiddleware falls back on a cookie and the browser's
    Accept-Language, and varies on it; most browsers in Danish libraries and
    nursing homes say English. Here the address alone decides, so a page needs
    no cookie to know its language and a cache can keep it by its URL.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # Overridden, not activated: the thread goes back to the default
        # language afterwards, so nothing leaks into the next request.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class CacheControlMiddleware:
    """Let shared caches keep what anonymous visitors see; keep signed-in pages private.

    A GET from a visitor without a session, answered without setting a cookie
    or using a CSRF token, depends on no cookie: the Vary: Cookie that reading
    request.user adds is dropped and the page is public for shared caches for
    PUBLIC_CACHE_SECONDS. (A proxy in front must pass requests that carry the
    session cookie; docs/operations.md says how.) Whatever a signed-in user
    gets is private. Placed before SessionMiddleware, so it sees their headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True)
        elif self._is_public(request, response):
            vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
            vary = [v for v in vary if v.lower() != "cookie"]
            if vary:
                response["Vary"] = ", ".join(vary)
            elif "Vary" in response:
                del response["Vary"]
            patch_cache_control(
                response, public=True, max_age=0, s_maxage=settings.PUBLIC_CACHE_SECONDS
            )
        return response

    @staticmethod
    def _is_public(request, response):
        return (
            request.method in {"GET", "HEAD"}
            and response.status_code == 200
            and "Cache-Control" not in response
            and not response.cookies
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        )


class PageCacheMiddleware:
    """Answer anonymous visitors from the portal's page cache (portal/lib/pagecache.py).

    Only a GET from a visitor with no session and no pending message is
    answered from it, and only a page CacheControlMiddleware (just inside)
    made public is kept: the same rule a shared cache in front follows, so the
    portal keeps nothing a proxy could not. HTMX asks for a part of a page
    under the same address, so its header is part of the key. Placed before
    the session and the database are touched, so a hit costs neither.
    """

    PRIVATE_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._may_answer(request):
            return self.get_response(request)
        current = pagecache.generation()
        if current is None:
            return self.get_response(request)
        cache_key = pagecache.key(
            current, request.get_full_path(), request.headers.get("HX-Request", "")
        )
        cached = pagecache.get(cache_key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if self._may_keep(response):
            pagecache.put(cache_key, response, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    def _may_answer(self, request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method == "GET"
            and not any(name in request.COOKIES for name in self.PRIVATE_COOKIES)
        )

    @staticmethod
    def _may_keep(response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "public" in response.get("Cache-Control", "")
        )
