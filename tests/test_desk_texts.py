"""Issue 19: a desk's canned answers and macros are files of the store; a broken one is refused with its file and
line while the others still load; placeholders are filled, an unknown one left visible."""

from __future__ import annotations

from pathlib import Path

from app.backends.desk_text_files import desk_texts
from app.backends.store_files import StoreFiles
from app.domain.enums import PendingReason, Status
from app.domain.snippets import fill, ticket_values


def _store(tmp_path: Path) -> Path:
    root = tmp_path / "store"
    root.mkdir(mode=0o700)
    return root


def _write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    for folder in reversed(path.relative_to(root).parents[:-1]):
        (root / folder).mkdir(mode=0o700, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_broken_macro_is_named_with_its_line_and_the_others_load(tmp_path: Path) -> None:
    root = _store(tmp_path)
    _write(root, "macros/wait.toml", 'title = "Wait"\n[[action]]\ndo = "status"\nstatus = "pending"\n'
                                     'pending_reason = "user_reply"\n')
    _write(root, "macros/typo.toml", 'title = "Typo"\n\n[[action]]\ndo = "note"\ntext = "x"\n[[action]]\n'
                                     'do = "sing"\n')
    _write(root, "macros/bad.toml", 'title = "Bad"\n[[action\n')
    _write(root, "macros/state.toml", '[[action]]\ndo = "status"\nstatus = "sleeping"\n')
    texts = desk_texts(StoreFiles(root), root)
    assert any("typo.toml, line 7" in p and "sing" in p for p in texts.problems), texts.problems
    assert any("bad.toml, line 2" in p for p in texts.problems), texts.problems
    assert any("state.toml, line 3" in p and "sleeping" in p for p in texts.problems), texts.problems
    wait = next(macro for macro in texts.macros if macro.name == "wait")
    assert wait.actions[0].status is Status.PENDING and wait.actions[0].pending_reason is PendingReason.USER_REPLY
    assert "typo" not in {macro.name for macro in texts.macros}


def test_desk_snippets_per_language_fall_back_to_english(tmp_path: Path) -> None:
    root = _store(tmp_path)
    _write(root, "snippets/en/vpn.txt", "Reinstall the VPN client, {requester_first_name}.")
    _write(root, "snippets/da/portal.txt", "Brug portalen, {unknown}.")
    _write(root, "snippets/da/bad.txt", "")
    (root / "snippets" / "da" / "bad.txt").write_bytes(b"\xff\xfe")
    texts = desk_texts(StoreFiles(root), root)
    danish = {snippet.name: snippet.text for snippet in texts.snippets("da")}
    assert danish["portal"] == "Brug portalen, {unknown}."  # the desk's own wins
    assert danish["vpn"].startswith("Reinstall")  # English where Danish has none
    assert any("bad.txt" in p and "UTF-8" in p for p in texts.problems)
    assert "support portal" in {s.name: s.text for s in texts.snippets("en")}["portal"]  # R-JOURNAL-5


def test_fill_leaves_unknown_placeholders_and_braces() -> None:
    values = ticket_values(requester="Berg, Lotte", code="HL-7", agent="Anna")
    assert fill("Hi {requester_first_name} {code} {nope} {team} {{x}} {", values) == "Hi Lotte HL-7 {nope} {team} {x} {"
