"""R-DISPATCH-5: which category a ticket's own words point to, so the category is checked against the description.

A suggestion only, never a rule: the agent confirms the category, and the desk's own keyword table (config.toml
`[categories]`) replaces the default one below. Matching is by whole words, casefolded, so it works on text in
any language; a keyword of several words ("paper jam") matches those words in a row.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

# Category -> keywords. The names are the demo desk's categories, so its tickets meet no false alarms.
DEFAULT_CATEGORY_KEYWORDS: Mapping[str, Sequence[str]] = {
    "Printing": ("printer", "printing", "print", "prints", "toner", "paper jam", "jams", "tray", "cartridge",
                 "scanner", "scan", "copier"),
    "Network": ("vpn", "wifi", "wi-fi", "wireless", "network", "eduroam", "ethernet", "switch port", "router",
                "internet", "lan", "cable"),
    "Email": ("email", "e-mail", "mail", "outlook", "inbox", "mailbox", "calendar"),
    "Access": ("password", "account", "login", "log in", "locked out", "access", "permission", "mfa",
               "two-factor"),
    "Hardware": ("laptop", "computer", "pc", "keyboard", "mouse", "monitor", "screen", "docking station", "dock",
                 "battery", "charger"),
    "Telephony": ("phone", "telephone", "headset", "voicemail", "ring", "mobile"),
    "Software": ("software", "install", "installation", "licence", "license", "update", "upgrade", "program"),
    "AV": ("projector", "speaker", "microphone", "sound", "camera", "streaming", "auditorium"),
    "Security": ("phishing", "virus", "malware", "suspicious", "spam", "ransomware"),
}

_WORD = re.compile(r"\w+(?:[-']\w+)*")


def words(text: str) -> list[str]:
    """The words of `text`, casefolded; a hyphenated word ("wi-fi", "e-mail") is one word."""
    return [word.casefold() for word in _WORD.findall(text)]


def _count(keyword: Sequence[str], text: Sequence[str]) -> int:
    """How often the words of one keyword occur in a row in `text` (a last word may take a plural s)."""
    n = len(keyword)
    if n == 0:
        return 0
    hits = 0
    for start in range(len(text) - n + 1):
        window = text[start:start + n]
        if window[:-1] == list(keyword[:-1]) and window[-1] in (keyword[-1], keyword[-1] + "s"):
            hits += 1
    return hits


def category_scores(text: str, keywords: Mapping[str, Sequence[str]]) -> dict[str, tuple[int, int]]:
    """Per category that matches at all: (how many of its keywords occur, how often they occur)."""
    said = words(text)
    scores = {}
    for category, listed in keywords.items():
        counts = [_count(words(keyword), said) for keyword in listed]
        found = sum(1 for count in counts if count)
        if found:
            scores[category] = (found, sum(counts))
    return scores


def suggest_category(text: str, keywords: Mapping[str, Sequence[str]]) -> str | None:
    """The category whose keywords match `text` best; None when none matches or two match equally well (the
    words then point nowhere in particular, and the agent's choice stands)."""
    scores = category_scores(text, keywords)
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def same_category(a: str | None, b: str | None) -> bool:
    """Two category names as a person reads them: case and surrounding blanks do not count."""
    return " ".join((a or "").split()).casefold() == " ".join((b or "").split()).casefold()


def points_elsewhere(text: str, category: str | None, keywords: Mapping[str, Sequence[str]]) -> str | None:
    """The category the description points to when it is not the one entered (none entered counts too); None when
    the description agrees with it or points nowhere."""
    suggested = suggest_category(text, keywords)
    if suggested is None or same_category(suggested, category):
        return None
    return suggested
