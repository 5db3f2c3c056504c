"""What the workstation knows of a desk's canned answers and macros (issue 19): the desk's own snippet texts and
its macros (app/backends/desk_text_files.py loads them from the local store), and a line for each file refused."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.macros import BUILT_IN as BUILT_IN_MACROS
from app.domain.macros import Macro
from app.domain.snippets import Snippet, snippets_for


@dataclass
class DeskTexts:
    """The desk's snippets (language: name: text) and macros (built-in ones replaced by the desk's of the same
    name), and one line for each file that was refused. Empty: the built-in ones only (a desk on RT)."""

    own_snippets: dict[str, dict[str, str]] = field(default_factory=dict)
    macros: list[Macro] = field(default_factory=lambda: list(BUILT_IN_MACROS))
    problems: list[str] = field(default_factory=list)

    def snippets(self, language: str) -> list[Snippet]:
        return snippets_for(language, self.own_snippets)
