"""`[keymap]` in config.toml (issue 19): binding ids mapped to keys, applied with Textual's `App.set_keymap`.

Every binding of the workstation has an id (`journal.note`, `queue.filter`, …; the README lists them). A keymap
naming an id that does not exist, or putting a key on a binding that another binding of the same screen (or
the app's own) already uses, is refused at start with both ids named: a key that did one thing yesterday and
another today would surprise an agent mid-call.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping

from textual.binding import Binding
from textual.dom import DOMNode

import screens
import widgets
from app.i18n import t


def _bindings_of(owner: type[DOMNode]) -> list[Binding]:
    return [binding for binding in owner.BINDINGS if isinstance(binding, Binding)]


def binding_owners() -> dict[str, list[Binding]]:
    """Every class of the workstation that declares bindings (screens, widgets and the app), by name."""
    from app.tui import HelplineApp

    owners: dict[str, list[Binding]] = {"HelplineApp": _bindings_of(HelplineApp)}
    for package in (screens, widgets):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for value in vars(module).values():
                if (isinstance(value, type) and issubclass(value, DOMNode) and value.__module__ == module.__name__
                        and "BINDINGS" in vars(value)):
                    owners[value.__name__] = _bindings_of(value)
    return owners


def binding_ids() -> dict[str, str]:
    """Each binding id with what it does (its description), for the README and the checks."""
    return {binding.id: binding.description or binding.action for bindings in binding_owners().values()
            for binding in bindings if binding.id}


def _keys(binding: Binding, keymap: Mapping[str, str]) -> set[str]:
    given = keymap.get(binding.id or "", binding.key)
    return {key.strip() for key in given.split(",") if key.strip()}


def keymap_problems(keymap: Mapping[str, str]) -> list[str]:
    """Why `keymap` cannot be used: each unknown id, and each key it puts where another binding is."""
    owners = binding_owners()
    known = {binding.id for bindings in owners.values() for binding in bindings if binding.id}
    problems = [t("{name} is no binding id (the README lists them)", name=name) for name in keymap if name not in known]
    app_bindings = owners["HelplineApp"]
    for owner, bindings in owners.items():
        # The app's bindings hold on every screen, beneath the screen's own.
        together = bindings + ([] if owner == "HelplineApp" else app_bindings)
        for moved in (binding for binding in together if binding.id in keymap):
            for other in together:
                if other is moved or other.id == moved.id or other.action == moved.action:
                    continue
                shared = _keys(moved, keymap) & _keys(other, keymap)
                if shared:
                    problems.append(t("{one} and {other} would both be on {keys}", one=moved.id,
                                      other=other.id or other.action, keys=", ".join(sorted(shared))))
    return sorted(set(problems))
