from tests.search.conftest import demo  # noqa: F401  (the 16 demo examples, once a module)
