from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_cache_control


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
