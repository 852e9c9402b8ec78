"""The layout shows the architecture: a pure core, a thin Sphinx layer, a thin CLI.

The core (every module directly in ``rejoinder/``) must never import Sphinx, docutils,
``rejoinder.sphinx`` or ``rejoinder.cli``: the CLI, the tests and other programs use it without
Sphinx. Checked two ways: statically (every import statement of every core module, including
imports inside functions) and at run time (importing the whole core in a fresh interpreter
loads neither Sphinx nor docutils).
"""

from __future__ import annotations

import ast
import subprocess
import sys

from support import REPO

PACKAGE = REPO / "ext" / "rejoinder"
FORBIDDEN = (
    "sphinx",
    "docutils",
    "myst_parser",
    "sphinx_design",
    "rejoinder.sphinx",
    "rejoinder.cli",
)


def core_modules() -> list[str]:
    return sorted(path.stem for path in PACKAGE.glob("*.py") if path.stem != "__init__")


def imported_names(source: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def forbidden(name: str) -> bool:
    return any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN)


def test_the_layers_are_folders() -> None:
    assert (PACKAGE / "sphinx" / "extension.py").is_file()
    assert (PACKAGE / "sphinx" / "domain.py").is_file()
    assert (PACKAGE / "cli" / "main.py").is_file()
    assert not (PACKAGE / "sphinx_ext.py").exists()
    assert len(core_modules()) >= 10


def test_no_core_module_imports_sphinx_docutils_or_the_outer_layers() -> None:
    offenders = {
        module: sorted(filter(forbidden, imported_names((PACKAGE / f"{module}.py").read_text())))
        for module in core_modules()
    }
    assert {module: names for module, names in offenders.items() if names} == {}


def test_the_checker_detects_a_forbidden_import() -> None:
    # The static check itself must be able to fail.
    assert forbidden("docutils.nodes")
    assert forbidden("rejoinder.sphinx.domain")
    assert not forbidden("sphinxcontrib_bibtex")
    assert {"sphinx.util", "sphinx.util.logging"} <= imported_names(
        "def f():\n    from sphinx.util import logging\n"
    )


def test_importing_the_core_loads_no_sphinx() -> None:
    modules = ", ".join(f"rejoinder.{name}" for name in core_modules())
    code = (
        f"import sys, {modules}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('sphinx', 'docutils', 'myst_parser', 'sphinx_design') "
        "or m.startswith(('rejoinder.sphinx', 'rejoinder.cli')))\n"
        "print(bad)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert done.stdout.strip() == "[]"
