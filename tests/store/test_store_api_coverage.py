"""Guards on the store's shape: every public function is documented and exported."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pestcli.store as store_package

STORE_DIR = Path(store_package.__file__).parent


def public_definitions(tree: ast.Module):
    """Module-level functions and classes, and the methods of those classes."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            yield node
            if isinstance(node, ast.ClassDef):
                yield from (n for n in node.body if isinstance(n, ast.FunctionDef))


def test_every_public_function_and_class_has_a_docstring():
    undocumented = []
    for path in sorted([*STORE_DIR.glob("*.py"), *(STORE_DIR / "migrations").rglob("*.py")]):
        tree = ast.parse(path.read_text())
        if not ast.get_docstring(tree):
            undocumented.append(path.name)
        for node in public_definitions(tree):
            if not node.name.startswith("_") and not ast.get_docstring(node):
                undocumented.append(f"{path.name}:{node.name}")
    assert undocumented == []


def test_the_exports_point_at_real_functions():
    for name in store_package.__all__:
        assert getattr(store_package, name) is not None
        assert inspect.getmodule(getattr(store_package, name)).__name__.startswith("pestcli.store.")
