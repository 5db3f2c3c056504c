"""The layers hold: what the user sees (screens/, widgets/, styles/) talks to the use cases, never to the wire
(the adapter API, the backends, the HTTP client); the core (domain, store, backends, config, the API) never
imports Textual, so it runs without a terminal (the CLI, `helpline serve`, the tests)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UI = ("screens", "widgets", "styles")
# The app modules the UI may use: the use cases and the vocabulary they share (rules, words, settings,
# errors, literal text, what the agent typed), never the adapter API, the backends or the client.
UI_MAY_USE = ("app.usecases", "app.domain", "app.i18n", "app.config", "app.errors", "app.plain_text",
              "app.drafts", "app.ui_state", "app.atomic_write", "app.tui", "app.macro_run")
CORE = [ROOT / "app" / name for name in ("domain", "backends", "api", "contract", "i18n")] + [
    ROOT / "app" / f"{name}.py" for name in ("config", "client", "connect", "usecases", "errors", "plain_text",
                                            "drafts", "ui_state", "demo", "seed", "cli", "cli_args",
                                            "cli_logging", "cli_serve", "atomic_write", "macro_run")]


def imports_of(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def sources(*places: Path) -> list[Path]:
    return sorted(p for place in places for p in ([place] if place.is_file() else place.rglob("*.py")) if p.exists())


def under(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == package or name.startswith(package + ".") for package in packages)


def test_screens_and_widgets_import_only_the_use_cases_and_their_vocabulary() -> None:
    offenders = [f"{path.relative_to(ROOT)}:{line} imports {name}"
                 for path in sources(*(ROOT / place for place in UI))
                 for line, name in imports_of(path)
                 if under(name, ("app",)) and not under(name, UI_MAY_USE)]
    assert offenders == []


def test_the_core_never_imports_textual() -> None:
    offenders = [f"{path.relative_to(ROOT)}:{line} imports {name}"
                 for path in sources(*CORE)
                 for line, name in imports_of(path)
                 if under(name, ("textual", "screens", "widgets", "styles"))]
    assert offenders == []


@pytest.mark.parametrize("name", ["app.api.schemas", "app.backends.local", "app.client", "app.connect"])
def test_the_check_catches_a_wire_import(name: str) -> None:
    assert under(name, ("app",)) and not under(name, UI_MAY_USE)
