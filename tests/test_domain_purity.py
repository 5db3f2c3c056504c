"""app/domain is pure: no file, network or Textual import anywhere under it, so the rules can be tested
and reused without a terminal."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import app.domain

DOMAIN = Path(app.domain.__file__).parent
FORBIDDEN_MODULES = {
    "textual", "rich", "httpx", "starlette", "uvicorn", "socket", "ssl", "http", "urllib", "requests", "os",
    "io", "pathlib", "shutil", "tempfile", "fcntl", "sqlite3", "subprocess", "asyncio", "platformdirs", "tomllib",
    "tomli_w", "app.backends", "app.client", "app.connect", "app.config",
}
FORBIDDEN_CALLS = {"open", "exec", "eval", "__import__"}


def _imports(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_domain_sources_import_no_io_or_ui() -> None:
    offenders = []
    for path in sorted(DOMAIN.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name in _imports(tree):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN_MODULES):
                offenders.append(f"{path.name}: import {name}")
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FORBIDDEN_CALLS:
                offenders.append(f"{path.name}:{node.lineno}: {node.func.id}()")
    assert offenders == []


def test_the_check_catches_an_offender(tmp_path: Path) -> None:
    """The scan above can fail: a module with a forbidden import is found."""
    tree = ast.parse("import textual\nfrom httpx import AsyncClient\nopen('x')\n")
    assert {"textual", "httpx"} <= _imports(tree)


def test_importing_the_domain_loads_no_textual_or_httpx() -> None:
    code = (
        "import sys, pkgutil, importlib, app.domain\n"
        "for m in pkgutil.walk_packages(app.domain.__path__, 'app.domain.'): importlib.import_module(m.name)\n"
        "print(','.join(sorted(n for n in ('textual','httpx','starlette','rich') if n in sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
