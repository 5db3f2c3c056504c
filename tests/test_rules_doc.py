"""docs/rules.md lists every rule id the repository cites, each exactly once.

A citation is `R-FAMILY-N` in code, comments and docs, or `R_FAMILY_N` / `r_family_n` in test names. Shorthands
are read as the ids they name: `R-PRIO-1/2` cites R-PRIO-1 and R-PRIO-2, `R-STATUS-1..7` cites R-STATUS-1 to
R-STATUS-7. Placeholders without a number (`R-?`, a bare family such as `R-ADVICE`) cite nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RULES_DOC = ROOT / "docs" / "rules.md"
SCANNED_DIRS = ("app", "screens", "widgets", "tests", "bench")
SCANNED_FILES = ("README.md",)

# Not preceded by a letter or digit (an underscore is fine: `test_x_R_ESC_1`), so an upper-case constant that merely
# contains such text, like a pending-reason name ending in a number, is no citation.
_CITATION = re.compile(
    r"(?<![A-Za-z0-9])"
    r"(?:R[-_](?P<family>[A-Z]+)[-_](?P<number>[0-9]+)(?P<more>(?:/[0-9]+)+|\.\.[0-9]+)?"
    r"|r_(?P<lower_family>[a-z]+)_(?P<lower_number>[0-9]+))"
    r"(?![0-9])"
)
_WELL_FORMED = re.compile(r"R-[A-Z]+-[1-9][0-9]*")
# An entry of docs/rules.md: a table row whose first cell is the id in backticks.
_ENTRY = re.compile(r"^\|\s*`(?P<id>R[^`]*)`\s*\|")
_FAMILY_HEADING = re.compile(r"^## (?P<family>[A-Z]+)\b")


def _numbers(first: str, more: str | None) -> list[int]:
    start = int(first)
    if not more:
        return [start]
    if more.startswith(".."):
        end = int(more[2:])
        return list(range(start, end + 1)) if end > start else [start, end]
    return [start, *(int(n) for n in more.split("/")[1:])]


def cited_ids(text: str) -> Iterator[tuple[str, int]]:
    """Every rule id cited in `text`, normalised to `R-FAMILY-N`, with the line it is cited on."""
    for match in _CITATION.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if match["family"]:
            for number in _numbers(match["number"], match["more"]):
                yield f"R-{match['family']}-{number}", line
        else:
            yield f"R-{match['lower_family'].upper()}-{int(match['lower_number'])}", line


def scanned_files(root: Path) -> list[Path]:
    files = [path for name in SCANNED_DIRS for path in sorted((root / name).rglob("*.py"))]
    return files + [root / name for name in SCANNED_FILES if (root / name).is_file()]


def citations(root: Path) -> dict[str, str]:
    """Cited id -> where it is first cited (`path:line`)."""
    found: dict[str, str] = {}
    for path in scanned_files(root):
        for rule_id, line in cited_ids(path.read_text(encoding="utf-8")):
            found.setdefault(rule_id, f"{path.relative_to(root)}:{line}")
    return found


def documented_entries(doc: str) -> list[str]:
    """The ids docs/rules.md gives an entry to, in order, repeats included."""
    return [match["id"] for line in doc.splitlines() if (match := _ENTRY.match(line))]


def _sort_key(rule_id: str) -> tuple[str, int]:
    family, _, number = rule_id[2:].rpartition("-")
    return family, int(number) if number.isdigit() else -1


def test_every_cited_rule_id_is_in_docs_rules_md() -> None:
    cited = citations(ROOT)
    assert cited, "no rule ids found at all: is the scan looking in the right place?"
    documented = set(documented_entries(RULES_DOC.read_text(encoding="utf-8")))
    missing = sorted(set(cited) - documented, key=_sort_key)
    assert not missing, "rule ids cited but missing from docs/rules.md: " + ", ".join(
        f"{rule_id} ({cited[rule_id]})" for rule_id in missing
    )


def test_docs_rules_md_lists_each_id_once_and_well_formed() -> None:
    doc = RULES_DOC.read_text(encoding="utf-8")
    entries = documented_entries(doc)
    assert entries, "docs/rules.md has no entries"
    malformed = [rule_id for rule_id in entries if not _WELL_FORMED.fullmatch(rule_id)]
    assert not malformed, f"malformed ids in docs/rules.md: {malformed}"
    repeated = sorted({rule_id for rule_id in entries if entries.count(rule_id) > 1}, key=_sort_key)
    assert not repeated, f"ids listed more than once in docs/rules.md: {repeated}"
    family = None
    misplaced: list[str] = []
    for line in doc.splitlines():
        if line.startswith("## "):
            heading = _FAMILY_HEADING.match(line)
            family = heading["family"] if heading else None
        elif (entry := _ENTRY.match(line)) and family and not entry["id"].startswith(f"R-{family}-"):
            misplaced.append(f"{entry['id']} under ## {family}")
    assert not misplaced, f"ids under another family's heading in docs/rules.md: {misplaced}"
