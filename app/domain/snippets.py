"""Canned answers (issue 19; peers: Zammad's `::` text modules, Freshdesk's canned responses, RT's articles): short
texts an agent drops into any editor by typing `::` and a few letters of the name.

A desk words its own in `snippets/<language>/<name>.txt` in the local store (app/backends/desk_text_files.py reads
them; a desk's file of a built-in's name replaces it). The text is plain UTF-8 with placeholders in braces,
filled from the open ticket and the agent when the snippet is inserted; `{{` and `}}` for a brace itself. A
placeholder that is not one of PLACEHOLDERS, or that has no value where the snippet is inserted (no ticket is
open), is left as it was typed, visible: the agent sees what is missing, and a desk's typo never crashes.
Core code: no Textual.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from app.domain.folding import folded
from app.domain.templates import BUILT_IN as LETTERS

PLACEHOLDERS = ("requester", "requester_first_name", "code", "subject", "agent", "team")
SNIPPET_LANGUAGES = ("en", "da", "sv", "nl")

# {name}, {{ and }}: anything else in braces is left alone.
_TOKEN = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class Snippet:
    name: str  # the file's name without .txt: what `::` filters on
    text: str


def _portal(language: str) -> str:
    # R-JOURNAL-5: the portal redirect, worded as the built-in letter, signed by the open ticket's team.
    return LETTERS[language]["portal"]


BUILT_IN: dict[str, dict[str, str]] = {
    "en": {
        "portal": _portal("en"),
        "greeting": "Dear {requester_first_name},\n\n",
        "thanks": "Thank you for your message about {subject} ({code}).",
        "remote": "Dear {requester_first_name},\n\nto look at this I would like to connect to your computer. "
                  "When would suit you?\n\nKind regards,\n{agent}, {team}",
        "signature": "Kind regards,\n{agent}\n{team}",
    },
    "da": {
        "portal": _portal("da"),
        "greeting": "Kære {requester_first_name}\n\n",
        "thanks": "Tak for din besked om {subject} ({code}).",
        "remote": "Kære {requester_first_name}\n\nFor at se på det vil jeg gerne forbinde til din computer. "
                  "Hvornår passer det dig?\n\nVenlig hilsen\n{agent}, {team}",
        "signature": "Venlig hilsen\n{agent}\n{team}",
    },
    "sv": {
        "portal": _portal("sv"),
        "greeting": "Hej {requester_first_name},\n\n",
        "thanks": "Tack för ditt meddelande om {subject} ({code}).",
        "remote": "Hej {requester_first_name},\n\nför att titta på det vill jag gärna ansluta till din dator. "
                  "När passar det dig?\n\nVänliga hälsningar\n{agent}, {team}",
        "signature": "Vänliga hälsningar\n{agent}\n{team}",
    },
    "nl": {
        "portal": _portal("nl"),
        "greeting": "Beste {requester_first_name},\n\n",
        "thanks": "Dank voor uw bericht over {subject} ({code}).",
        "remote": "Beste {requester_first_name},\n\nom ernaar te kijken wil ik graag verbinding maken met uw "
                  "computer. Wanneer komt het u uit?\n\nMet vriendelijke groet,\n{agent}, {team}",
        "signature": "Met vriendelijke groet,\n{agent}\n{team}",
    },
}


def fill(text: str, values: Mapping[str, str]) -> str:
    """`text` with each known placeholder that has a value replaced; every other one left as it is."""

    def one(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        name = match.group(1)
        return values[name] if name in PLACEHOLDERS and name in values else token

    return _TOKEN.sub(one, text)


def first_name(person: str) -> str:
    """A requester's first name: "Lotte Berg" -> Lotte; "Berg, Lotte" -> Lotte; an address -> its name part."""
    person = person.strip()
    if "," in person:
        person = person.split(",", 1)[1].strip() or person
    if "@" in person and " " not in person:
        person = person.split("@", 1)[0].split(".", 1)[0].capitalize()
    return person.split()[0] if person.split() else person


def ticket_values(*, requester: str | None = None, code: str | None = None, subject: str | None = None,
                  agent: str | None = None, team: str | None = None) -> dict[str, str]:
    """The placeholders' values, for the ones known where the snippet is inserted."""
    values = {"code": code, "subject": subject, "agent": agent, "team": team, "requester": requester,
              "requester_first_name": first_name(requester) if requester else None}
    return {name: value for name, value in values.items() if value}


def snippets_for(language: str, own: Mapping[str, Mapping[str, str]]) -> list[Snippet]:
    """The snippets in `language` (built-in and the desk's, the desk's winning), then the English ones it has
    not, by name: a desk that words a few in Danish still finds the rest."""
    chosen: dict[str, str] = {}
    for code in dict.fromkeys((language, "en")):
        for name, text in (BUILT_IN.get(code, {}) | dict(own.get(code, {}))).items():
            chosen.setdefault(name, text)
    return [Snippet(name, text) for name, text in sorted(chosen.items())]




def matching(snippets: list[Snippet], typed: str) -> list[Snippet]:
    """The snippets whose name or text holds `typed`, folded as the queue's search folds (app/domain/
    folding.py: case and diacritics, so "kaere" finds "Kære"); names that start with it first."""
    wanted = folded(typed)
    hits = [s for s in snippets if wanted in folded(s.name) or wanted in folded(s.text)]
    return sorted(hits, key=lambda s: not folded(s.name).startswith(wanted))
