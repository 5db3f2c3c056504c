"""Is a subject telling, is a note more than "done"? (R-TICKET-5, R-JOURNAL-3, R-STATUS-4)

Returns reasons as English text through `t`, so the screen can show them at the field.
"""

from __future__ import annotations

import re
import unicodedata

from app.i18n import t

# Subjects that say nothing (000 b, 004), in the desk's languages, compared without
# punctuation and case: "Help!!!" and "hjælp" are the same non-subject.
EMPTY_SUBJECTS = frozenset(
    {
        "help", "help me", "please help", "panic", "urgent", "asap", "call me", "problem",
        "problems", "issue", "error", "question", "it", "computer", "broken", "does not work",
        "doesnt work", "not working", "fix", "hi", "hello", "test",
        "hjälp", "panik", "ring mig", "akut", "fel", "fråga", "funkar inte",
        "hjælp", "ring til mig", "haster", "fejl", "spørgsmål", "virker ikke",
        "hulp", "bel me", "dringend", "storing", "vraag", "werkt niet",
    }
)
# Notes that state no problem and no attempt (001 1e: "done" alone is not a solution).
EMPTY_NOTES = frozenset(
    {
        "done", "fixed", "ok", "okay", "solved", "resolved", "see above", "as discussed", "n/a",
        "klar", "fixat", "löst", "løst", "fikset", "ordnet", "opgelost", "gedaan", "klaar",
    }
)

MIN_SUBJECT_CHARS = 8
MAX_SUBJECT_CHARS = 120
MIN_NOTE_CHARS = 15


def normalised(text: str) -> str:
    """Lower case, letters, digits and single spaces only."""
    kept = "".join(ch if unicodedata.category(ch)[0] in "LN" else " " for ch in text.casefold())
    return " ".join(kept.split())


def subject_problems(subject: str) -> list[str]:
    """Why a subject is not short and telling (R-TICKET-5); empty when it is fine."""
    stripped = subject.strip()
    if not stripped:
        return [t("A subject is required.")]
    problems: list[str] = []
    if len(stripped) > MAX_SUBJECT_CHARS:
        problems.append(
            t("Keep the subject short: at most {n} characters; put details in the description.",
              n=MAX_SUBJECT_CHARS)
        )
    words = normalised(stripped)
    if words in EMPTY_SUBJECTS or not words:
        problems.append(
            t('"{subject}" says nothing about the problem. Say what is wrong or wanted, '
              'e.g. "Needs a new keyboard" or "My computer hums".', subject=stripped)
        )
    elif len(stripped) < MIN_SUBJECT_CHARS or len(words.split()) < 2:
        problems.append(t("Too short to tell what it is about: use a few words, e.g. \"Printer jams on floor 2\"."))
    if stripped.count("!") >= 2 or re.search(r"[!?]{2,}", stripped):
        problems.append(t("Leave out the exclamation marks: the priority says how urgent it is."))
    letters = [ch for ch in stripped if ch.isalpha()]
    if len(letters) >= 6 and all(ch.isupper() for ch in letters):
        problems.append(t("Do not write the subject in capitals."))
    return problems


def note_problems(note: str, *, min_chars: int = MIN_NOTE_CHARS) -> list[str]:
    """Why a summary or solution note is too thin (R-JOURNAL-3, R-STATUS-4); empty when fine."""
    words = normalised(note)
    if not words:
        return [t("The note is empty: state the problem and what was tried or done.")]
    if words in EMPTY_NOTES:
        return [t('"{note}" alone is not a note: state the problem and what was tried or done.',
                  note=note.strip())]
    if len(note.strip()) < min_chars:
        return [t("The note is too short: state the problem and what was tried or done.")]
    return []
