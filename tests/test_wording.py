"""The Russian wording lives in one module per layer (issue 9 item 7).

Walks every module of ``kedr_tui`` with ``ast`` and fails on a string literal (an
f-string's text included) holding Cyrillic outside the wording modules and the few
justified exceptions below.  Docstrings are documentation, not wording, and are
not looked at.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "kedr_tui"
CYRILLIC = re.compile("[А-Яа-яЁё]")

# One module per layer holds its words.
WORDING = {"core/wording.py", "view/wording.py", "ui/wording.py", "export/wording.py",
           "cli_wording.py"}

# Catalogues whose entries carry their own labels: Russian only inside these calls.
#  - core/fields.py: a field's labels are part of its one entry (issue 9 item 1);
#  - ui/commands.py: a command's label and help are part of its one entry.
CATALOGUE_CALLS = {"core/fields.py": "_f", "ui/commands.py": "Command"}

# Literals that are not wording: the Cyrillic «х» is a multiplication sign of the
# formula grammar (``Пв=Кпс/Очз х 100``); search folds «ё» into «е»; keys on the Russian layout.
NOT_WORDING = {
    "view/navigate.py": {"ё", "е"},
    # the Russian keyboard layout, so that single-letter keys work without switching
    "ui/commands.py": {"йцукенгшщзхъфывапролджэячсмитьбю.ЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ,"},
    "core/formula.py": {"х", "хxX",
                        r"\s*(?:(?P<num>\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?)"
                        r"|(?P<op>[-+*/×:хxX])|(?P<paren>[()])|(?P<other>.))"},
}

# Layers still to be moved (emptied as each lands).
PENDING = ()


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                found.add(id(body[0].value))
    return found


def _inside_calls(tree: ast.AST, name: str) -> set[int]:
    inside = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == name:
            inside.update(id(n) for n in ast.walk(node))
    return inside


def _binding_keys(tree: ast.AST) -> set[int]:
    """A ``Binding``'s keys (its first argument): «m,ь» names a key on both layouts, not a word."""
    return {id(node.args[0]) for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Binding" and node.args}


def cyrillic_literals(source: str, allowed_call: str | None = None,
                      not_wording: frozenset | set = frozenset()) -> list[tuple[int, str]]:
    """(line, text) of every string literal with Cyrillic that is not a docstring or a key."""
    tree = ast.parse(source)
    skip = _docstrings(tree) | _binding_keys(tree) | (_inside_calls(tree, allowed_call) if allowed_call else set())
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.JoinedStr):
            # an f-string: its text parts (and any literal in its placeholders)
            for part in ast.walk(node):
                if isinstance(part, ast.Constant) and isinstance(part.value, str) \
                        and CYRILLIC.search(part.value):
                    found.append((node.lineno, ast.get_source_segment(source, node) or part.value))
                    break
            skip.update(id(part) for part in ast.walk(node))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and CYRILLIC.search(node.value) and node.value not in not_wording:
            found.append((node.lineno, node.value))
    return sorted(found)


def _modules() -> list[str]:
    return sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("module", [m for m in _modules()
                                    if m not in WORDING and not m.startswith(PENDING)])
def test_no_russian_outside_the_wording_modules(module):
    source = (PACKAGE / module).read_text(encoding="utf-8")
    found = cyrillic_literals(source, CATALOGUE_CALLS.get(module), NOT_WORDING.get(module, set()))
    assert not found, (f"kedr_tui/{module}: Russian text belongs in the layer's wording module:\n"
                       + "\n".join(f"  line {line}: {text[:90]}" for line, text in found))


def test_the_check_sees_strings_f_strings_and_catalogue_calls():
    """The walker itself: it must be able to fail."""
    source = '''
"""Модуль: a docstring is not wording."""
A = "ошибка"
B = f"строка {1 + 1} не найдена"
C = f"{'да' if True else ''}"
D = _f("fact", "Факт")
E = "plain"
F = Binding("m,ь", "mark", "Замечание")
'''
    assert [line for line, _ in cyrillic_literals(source)] == [3, 4, 5, 6, 8]
    assert [line for line, _ in cyrillic_literals(source, "_f")] == [3, 4, 5, 8]
    assert cyrillic_literals('X = "х"', not_wording={"х"}) == []


def test_the_wording_modules_exist_and_exceptions_are_real():
    for module in WORDING | set(CATALOGUE_CALLS) | set(NOT_WORDING):
        if not module.startswith(PENDING):
            assert (PACKAGE / module).is_file(), module
