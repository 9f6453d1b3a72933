import pytest

from portal.lib import pagecache


@pytest.fixture(params=["facet index", "no index (cache away)"])
def index(request, monkeypatch, settings):
    """Run a list test twice: counted from the facet index, and in SQL as in a cache outage."""
    if request.param != "facet index":
        settings.PAGE_CACHE_SECONDS = 0
        monkeypatch.setattr(pagecache, "generation", lambda: None)
    return request.param
