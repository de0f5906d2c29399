"""Every module the package imports is a declared dependency, and every declared one is used.

Read from the source (imports, and package data opened with ``importlib.resources``) and from
``pyproject.toml``, with installed distributions naming the modules they provide.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "treatymap"
#: Declared for a version pin, never imported: each with its reason.
PINNED_ONLY = {
    "normality": "countrynames' own dependency, held below 3 so no install compiles PyICU",
}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _modules_used() -> set[str]:
    """Top-level modules imported anywhere in the package, or opened as package data."""
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "files"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add(node.args[0].value.split(".")[0])  # resources.files("js_lib_leaflet")
    return {m for m in found if m not in sys.stdlib_module_names and m not in {"treatymap"}}


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {_canonical(re.split(r"[<>=!~ ;\[]", r, maxsplit=1)[0]) for r in project["dependencies"]}


def _distributions(modules: set[str]) -> dict[str, set[str]]:
    provided = packages_distributions()
    return {m: {_canonical(d) for d in provided.get(m, [])} for m in modules}


def test_every_imported_module_comes_from_a_declared_dependency():
    declared = _declared()
    undeclared = {
        module: sorted(dists)
        for module, dists in _distributions(_modules_used()).items()
        if not dists & declared
    }
    assert undeclared == {}


def test_every_declared_dependency_is_used():
    used = set().union(*_distributions(_modules_used()).values())
    unused = _declared() - used - set(PINNED_ONLY)
    assert unused == set()


def test_the_check_sees_an_undeclared_import(tmp_path, monkeypatch):
    # The guard itself can fail: a module importing a library nobody declared is found.
    (tmp_path / "treatymap").mkdir()
    (tmp_path / "treatymap" / "extra.py").write_text("import pytest\nimport json\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path / "treatymap")
    assert _modules_used() == {"pytest"}
    assert not _distributions({"pytest"})["pytest"] & _declared()
