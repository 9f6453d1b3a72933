"""No function in the apps is longer than 60 lines (issue #12)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ["accounts", "initiatives", "partnerships", "opendata", "alerts", "adoptions", "portal"]
MAX_LINES = 60


def long_functions(app):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        relative = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            length = node.end_lineno - node.lineno + 1
            if length > MAX_LINES:
                yield f"{relative}:{node.lineno} {node.name}() is {length} lines"


@pytest.mark.parametrize("app", APPS)
def test_no_function_is_longer_than_sixty_lines(app):
    assert list(long_functions(app)) == []
