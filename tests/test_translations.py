"""Every string a person reads has a Danish translation.

The strings are collected the way makemessages collects them: from the
project's templates (through Django's own templatize) and from gettext calls
in the apps' Python code. Each must be in the compiled Danish catalogue,
which `make test` compiles first.
"""

import ast
import re
from pathlib import Path

from django.conf import settings
from django.utils.translation import trans_real
from django.utils.translation.template import templatize

ROOT = Path(settings.BASE_DIR)
APPS = ["accounts", "initiatives", "partnerships", "opendata", "alerts", "adoptions", "portal"]
GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy"}
TEMPLATE_CALL = re.compile(r"\b(n?gettext)\((u?'(?:[^'\\]|\\.)*')(?:, (u?'(?:[^'\\]|\\.)*'))?")


def template_msgids():
    for path in sorted((ROOT / "templates").rglob("*.*")):
        if path.suffix not in {".html", ".txt"}:
            continue
        for match in TEMPLATE_CALL.finditer(templatize(path.read_text(encoding="utf-8"))):
            singular = ast.literal_eval(match.group(2))
            plural = ast.literal_eval(match.group(3)) if match.group(3) else None
            yield f"{path.relative_to(ROOT)}", singular, plural


def python_msgids():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and _name(node.func) in GETTEXT):
                    continue
                literals = [a.value for a in node.args if isinstance(a, ast.Constant)]
                if not literals or not isinstance(literals[0], str):
                    continue
                plural = literals[1] if _name(node.func).startswith("n") else None
                yield f"{path.relative_to(ROOT)}:{node.lineno}", literals[0], plural


def _name(func):
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)


def untranslated():
    catalog = trans_real.translation("da")._catalog
    missing = []
    for where, singular, plural in [*template_msgids(), *python_msgids()]:
        translated = catalog.get((singular, 0)) if plural else catalog.get(singular)
        if not translated:
            missing.append(f"{where}: {singular!r}")
    return missing


def test_strings_are_collected_from_templates_and_code():
    assert len(list(template_msgids())) > 100
    assert len(list(python_msgids())) > 100


def test_every_user_visible_string_has_a_danish_translation():
    missing = untranslated()
    assert not missing, "Untranslated (run makemessages and translate):\n" + "\n".join(missing)
