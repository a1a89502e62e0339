"""Arrows point down only (ARCHITECTURE rules 1 and 2), checked two ways.

At run time: a fresh interpreter imports every module of a layer and looks at
what came in with it.  Statically: no file imports a layer above its own, not
even inside a function.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import orgdesk

PACKAGE = Path(orgdesk.__file__).resolve().parent

IMPORT_ALL = """
import importlib, json, pkgutil, sys
names = []
for package_name in {packages!r}:
    package = importlib.import_module(package_name)
    names.append(package_name)
    for info in pkgutil.walk_packages(package.__path__, package_name + "."):
        importlib.import_module(info.name)
        names.append(info.name)
print(json.dumps({{"imported": names, "modules": sorted(sys.modules)}}))
"""


def import_in_fresh_interpreter(*packages: str) -> tuple[list[str], set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL.format(packages=list(packages))],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    return result["imported"], set(result["modules"])


def top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_domain_imports_neither_qt_nor_sqlalchemy() -> None:
    imported, modules = import_in_fresh_interpreter("orgdesk.domain")
    assert "orgdesk.domain.idcard" in imported
    assert "orgdesk.domain.settings" in imported
    assert len(imported) >= 8
    roots = top_level(modules)
    assert "PySide6" not in roots
    assert "shiboken6" not in roots
    assert "sqlalchemy" not in roots
    assert "alembic" not in roots
    assert not {m for m in modules if m.startswith(("orgdesk.storage", "orgdesk.ui"))}


def test_storage_and_services_do_not_import_qt() -> None:
    imported, modules = import_in_fresh_interpreter("orgdesk.storage", "orgdesk.services")
    assert "orgdesk.storage.migrate" in imported
    assert "orgdesk.services.people" in imported
    assert "orgdesk.storage.migrations" not in imported  # alembic scripts, not a package
    roots = top_level(modules)
    assert "PySide6" not in roots
    assert "shiboken6" not in roots
    assert not {m for m in modules if m.startswith("orgdesk.ui")}


def test_cli_without_a_window_does_not_import_qt() -> None:
    imported, modules = import_in_fresh_interpreter("orgdesk.cli")
    assert "orgdesk.cli.main" in imported
    assert "PySide6" not in top_level(modules)


def imports_of(path: Path) -> set[str]:
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return imports_in(path.read_text(encoding="utf-8"), module, path.name == "__init__.py")


def imports_in(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every module a source names in an import, anywhere, relative ones made absolute."""
    tree = ast.parse(source)
    if is_package:
        module = module.removesuffix(".__init__")
    package = module if is_package else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                prefix = ".".join(base)
                name = f"{prefix}.{node.module}" if node.module else prefix
            else:
                name = node.module or ""
            found.add(name)
            found.update(f"{name}.{alias.name}" for alias in node.names)
    return found


def sources(layer: str) -> list[Path]:
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files, layer
    return files


def offenders(layer: str, forbidden: tuple[str, ...]) -> list[str]:
    bad = []
    for path in sources(layer):
        if "migrations" in path.parts and path.parent.name == "versions":
            continue  # alembic revisions are checked by the rule below on their own
        for name in sorted(imports_of(path)):
            if name == forbidden or name.startswith(forbidden):
                bad.append(f"{path.relative_to(PACKAGE.parent)} imports {name}")
    return bad


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        ("domain", ("orgdesk.storage", "orgdesk.ui", "orgdesk.services", "orgdesk.cli")),
        ("domain", ("PySide6", "sqlalchemy", "alembic")),
        ("storage", ("orgdesk.ui", "orgdesk.services", "orgdesk.cli")),
        ("storage", ("PySide6",)),
        ("services", ("orgdesk.ui", "orgdesk.cli", "PySide6")),
    ],
)
def test_no_file_imports_a_layer_above_its_own(layer: str, forbidden: tuple[str, ...]) -> None:
    assert offenders(layer, forbidden) == []


def test_migration_revisions_use_no_application_layer() -> None:
    for path in sorted((PACKAGE / "storage" / "migrations" / "versions").glob("*.py")):
        names = imports_of(path)
        assert not {n for n in names if n.startswith(("orgdesk.ui", "orgdesk.services"))}, path


def test_the_static_check_sees_relative_and_nested_imports() -> None:
    """The checker itself must catch what it is meant to catch."""
    source = (
        "def later():\n"
        "    from ..storage import database\n"
        "    from . import names\n"
        "    import orgdesk.ui.app\n"
    )
    found = imports_in(source, "orgdesk.domain.probe")
    assert "orgdesk.storage.database" in found
    assert "orgdesk.domain.names" in found
    assert "orgdesk.ui.app" in found
    assert "orgdesk.storage" in imports_in("from .. import storage", "orgdesk.domain", True)
