"""Likely duplicates shown before a new ticket is saved (R-TICKET-6)."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import SequenceMatcher

from app.domain.enums import OPEN_STATUSES
from app.domain.models import TicketRow
from app.domain.text_quality import normalised

SIMILARITY_THRESHOLD = 0.6


def subject_similarity(a: str, b: str) -> float:
    """0..1: the better of word overlap and character similarity, ignoring case and punctuation."""
    na, nb = normalised(a), normalised(b)
    if not na or not nb:
        return 0.0
    wa, wb = set(na.split()), set(nb.split())
    jaccard = len(wa & wb) / len(wa | wb)
    return max(jaccard, SequenceMatcher(None, na, nb).ratio())


def likely_duplicates(
    subject: str, requester: str, rows: Iterable[TicketRow], threshold: float = SIMILARITY_THRESHOLD
) -> list[TicketRow]:
    """Open tickets of the same requester (or on their behalf) with a similar subject, most similar first."""
    who = requester.strip().casefold()
    scored = []
    for row in rows:
        if row.status not in OPEN_STATUSES:
            continue
        if who not in (row.requester.casefold(), (row.requested_for or "").casefold()):
            continue
        score = subject_similarity(subject, row.subject)
        if score >= threshold:
            scored.append((score, row))
    scored.sort(key=lambda pair: -pair[0])
    return [row for _, row in scored]
