"""Every phrase the code gives to `t()` and every binding description is in the da, sv and nl catalogues
(issue 19), with the same {placeholders} as its English; a phrase in two phrase books agrees."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

import app.i18n
from app.i18n import DUTIES, ENUM_LABELS, FORM_LABELS
from app.i18n.phrase_books import _BOOKS

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("app", "screens", "widgets")
LANGUAGES = ("da", "sv", "nl")


def _called(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


# Constants given to t() by name whose strings are not phrases: example names and addresses shown as
# placeholders (screens/new_ticket.py), the same in every language.
NOT_PHRASES = {"FIELD_HINTS"}


def _trees() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
            for folder in SOURCES for path in sorted((ROOT / folder).rglob("*.py"))]


def _constants(trees: list[tuple[Path, ast.Module]]) -> dict[str, list[str]]:
    """Module-level UPPER_CASE constants -> the string literals they hold (a string, or the values of a
    dict, tuple or list literal)."""
    held: dict[str, list[str]] = {}
    for _, tree in trees:
        for statement in tree.body:
            target = (statement.targets[0] if isinstance(statement, ast.Assign) and len(statement.targets) == 1
                      else statement.target if isinstance(statement, ast.AnnAssign) else None)
            value = getattr(statement, "value", None)
            if not isinstance(target, ast.Name) or not target.id.isupper() or value is None:
                continue
            items = (value.values if isinstance(value, ast.Dict)
                     else value.elts if isinstance(value, (ast.Tuple, ast.List)) else [value])
            held.setdefault(target.id, []).extend(
                text for item in items if item is not None and (text := _literal(item)) is not None)
    return held


def phrases_in_code() -> dict[str, str]:
    """English phrase -> where it is first used ("path:line"): first arguments of t(...) and Binding
    descriptions (third positional argument or description=); where that argument names a module-level
    constant (t(REINDEX_HINT), t(SORT_TITLES[sort])), the strings the constant holds."""
    trees = _trees()
    constants = _constants(trees)
    found: dict[str, str] = {}
    for path, tree in trees:
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            argument: ast.expr | None = None
            if _called(node) == "t" and node.args:
                argument = node.args[0]
            elif _called(node) == "Binding":
                argument = node.args[2] if len(node.args) > 2 else None
                for keyword in node.keywords:
                    if keyword.arg == "description":
                        argument = keyword.value
            if argument is None:
                continue
            phrases = [text] if (text := _literal(argument)) is not None else [
                held for name in ast.walk(argument)
                if isinstance(name, ast.Name) and name.id not in NOT_PHRASES
                for held in constants.get(name.id, [])]
            for phrase in phrases:
                if phrase.strip():
                    found.setdefault(phrase, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def required() -> dict[str, str]:
    """What the catalogues must hold: the code's phrases, the form labels, the duties, the enum labels."""
    needed = phrases_in_code()
    for english in [*FORM_LABELS.values(), *DUTIES.values()]:
        needed.setdefault(english, "app/i18n/__init__.py")
    for (enum, _), english in ENUM_LABELS.items():
        if enum != "Priority":  # P1..SR3 are codes, the same in every language
            needed.setdefault(english, "app/i18n/__init__.py ENUM_LABELS")
    return needed


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_walker_finds_t_calls_and_binding_descriptions() -> None:
    found = phrases_in_code()
    assert "How to find the serial number" in found  # widgets/serial_help.py, a t() call
    assert "Serial number help" in found  # screens/escalation_form.py, a Binding description
    assert "oldest first" in found  # screens/queue.py, t(SORT_TITLES[...]): a constant followed by name
    assert "Karin Dahl <karin.dahl@example.org>" not in found  # an example, not a phrase (NOT_PHRASES)
    assert len(found) > 300


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_phrase_is_in_the_catalogue(language: str) -> None:
    catalogue = app.i18n._CATALOGS[language]
    missing = [f"{where}: {english!r}" for english, where in required().items() if english not in catalogue]
    assert not missing, f"{len(missing)} phrases missing from {language}:\n" + "\n".join(missing)


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_of_their_english(language: str) -> None:
    catalogue = app.i18n._CATALOGS[language]
    wrong = [f"{english!r} -> {translated!r}" for english, translated in catalogue.items()
             if placeholders(english) != placeholders(translated)]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_translation_is_empty(language: str) -> None:
    assert all(text.strip() for text in app.i18n._CATALOGS[language].values())


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_phrase_in_two_books_agrees(language: str) -> None:
    seen: dict[str, tuple[str, str]] = {}
    disagree: list[str] = []
    for book in _BOOKS:
        for english, translated in getattr(book, language.upper()).items():
            if english in seen and seen[english][1] != translated:
                disagree.append(f"{english!r}: {seen[english][0]} says {seen[english][1]!r}, "
                                f"{book.__name__} says {translated!r}")
            seen.setdefault(english, (book.__name__, translated))
    assert not disagree, "\n".join(disagree)


@pytest.mark.parametrize(("language", "tuesday"), [("en", "Tue"), ("da", "tir"), ("sv", "tis"), ("nl", "di")])
def test_the_weekday_of_a_teams_opening_is_in_the_agents_language(language: str, tuesday: str) -> None:
    from datetime import datetime

    from app.i18n import set_language
    from screens.dispatch import label_day

    set_language(language)  # tests/conftest.py resets it
    assert label_day(datetime(2026, 12, 1, 8, 0)) == tuesday
