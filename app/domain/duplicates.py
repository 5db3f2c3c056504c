"""Likely duplicates shown before a new ticket is saved (R-TICKET-6), and (issue 19) the same subject from
another requester and a resolved twin."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher
from enum import StrEnum

from app.domain.enums import OPEN_STATUSES, Status
from app.domain.models import TicketRow
from app.domain.status import AUTO_CLOSE_AFTER
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


class Likeness(StrEnum):
    """Why a ticket is shown as a likely duplicate of a new one (issue 19, beyond R-TICKET-6's first case)."""

    SAME_REQUESTER = "same requester"  # R-TICKET-6: open, same requester, similar subject
    RESOLVED_TWIN = "resolved twin"  # same requester, similar subject, Resolved and still reopenable (R-STATUS-6)
    OTHER_REQUESTER = "another requester"  # open, similar subject, someone else reported it (an outage, say)


@dataclass(frozen=True)
class Duplicate:
    row: TicketRow
    likeness: Likeness


def subject_words(subject: str, most: int = 3) -> list[str]:
    """The longest words of a subject: what the look-up for other requesters' tickets searches by."""
    words = sorted({word for word in normalised(subject).split() if len(word) >= 4}, key=lambda w: (-len(w), w))
    return words[:most]


def duplicates(subject: str, requester: str, rows: Iterable[TicketRow], now: datetime,
               threshold: float = SIMILARITY_THRESHOLD) -> list[Duplicate]:
    """The tickets among `rows` a new one (`subject`, `requester`) likely duplicates: the same requester's open
    ones first, then a resolved twin, then other requesters' open ones; most similar first within each."""
    who = requester.strip().casefold()
    order = list(Likeness)
    scored: dict[str, tuple[int, float, Duplicate]] = {}
    for row in rows:
        score = subject_similarity(subject, row.subject)
        if score < threshold or row.code in scored:
            continue
        mine = who in (row.requester.casefold(), (row.requested_for or "").casefold())
        if row.status in OPEN_STATUSES:
            likeness = Likeness.SAME_REQUESTER if mine else Likeness.OTHER_REQUESTER
        elif (mine and row.status is Status.RESOLVED and row.resolved_at is not None
              and now < row.resolved_at + AUTO_CLOSE_AFTER):
            likeness = Likeness.RESOLVED_TWIN
        else:
            continue
        scored[row.code] = (order.index(likeness), -score, Duplicate(row, likeness))
    return [found for _, _, found in sorted(scored.values(), key=lambda item: (item[0], item[1]))]
