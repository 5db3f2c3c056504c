"""The `helpline` command for scripts and mail hooks: one clear line on error, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_store(store_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, out, _ = run(capsys, "--store", str(store_dir), "demo")
    assert code == 0 and str(store_dir) in out
    return store_dir


def test_demo_refuses_an_existing_store(demo_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--store", str(demo_store), "demo")
    assert code == 1 and err.count("\n") == 1 and "exists" in err


def test_list_json_for_scripts(demo_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--store", str(demo_store), "list", "--team", "infrastructure", "--json")
    rows = json.loads(out)
    assert code == 0 and rows and {row["team"] for row in rows} == {"infrastructure"}
    code, out, err = run(capsys, "--store", str(demo_store), "list", "--status", "pending")
    assert code == 0 and "Pending" in out and "tickets" in err


def test_show_json_carries_what_scripts_need(demo_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--store", str(demo_store), "show", "hl-1", "--json")
    ticket = json.loads(out)
    for key in ("code", "kind", "subject", "status", "pending_reason", "team", "owner", "requester", "impact",
                "urgency", "priority", "journal"):
        assert key in ticket
    assert code == 0 and ticket["code"] == "HL-1"
    code, out, _ = run(capsys, "--store", str(demo_store), "show", "HL-1")
    assert code == 0 and out.startswith("HL-1")


def test_new_ticket_from_a_mail_hook(demo_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--store", str(demo_store), "new", "--subject", "Beamer in room 1.12 shows no picture",
            "--requester", "Karin Dahl", "--kind", "incident", "--description", "Since the morning lecture."]
    code, out, _ = run(capsys, *args)
    assert code == 0 and out.strip().startswith("HL-")
    created = out.strip()
    code, out, err = run(capsys, *args)
    assert code == 1 and "R-TICKET-6" in err and created in err, "a likely duplicate is named"
    code, out, _ = run(capsys, *args, "--allow-duplicate")
    assert code == 0 and out.strip() != created


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["new", "--subject", "Help!", "--requester", "Karin Dahl"], "R-TICKET-5"),
        (["new", "--subject", "Needs a new keyboard", "--requester", "Anna Berg"], "R-TICKET-3"),
        (["show", "HL-424242"], "does not exist"),
        (["show", "banana"], "not a ticket code"),
        (["list", "--status", "sleeping"], "invalid choice"),
        (["--frobnicate"], "unrecognized arguments"),
    ],
)
def test_errors_are_one_line(
    demo_store: Path, capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    with_store = ["--store", str(demo_store), *argv]
    try:
        code, _, err = run(capsys, *with_store)
    except SystemExit as exit_:  # argparse's own exit, with our one-line message
        code, err = int(exit_.code or 0), capsys.readouterr().err
    assert code != 0 and expected in err and err.count("\n") == 1 and "Traceback" not in err


def test_missing_store_says_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--store", str(tmp_path / "nowhere"), "list")
    assert code == 1 and "helpline demo" in err and err.count("\n") == 1


def test_bad_config_names_the_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[backend]\nkind = "ftp"\n')
    code, _, err = run(capsys, "--config", str(config), "config")
    assert code == 1 and "backend.kind" in err and str(config) in err and err.count("\n") == 1


def test_config_shows_path_and_redacts_secrets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[backend]\nkind = "http"\nurl = "http://127.0.0.1:9"\ntoken = "s3cr3t-token"\n')
    config.chmod(0o600)
    code, out, _ = run(capsys, "--config", str(config), "config")
    assert code == 0 and str(config) in out and "s3cr3t-token" not in out and "http://127.0.0.1:9" in out


def test_api_spec_prints_openapi(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "api-spec")
    spec = json.loads(out)
    assert code == 0 and "/v1/tickets/{code}/dispatch" in spec["paths"]


def test_unreachable_http_backend_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--backend", "http", "--url", "http://127.0.0.1:9", "list")
    assert code == 1 and "127.0.0.1:9" in err and err.count("\n") == 1


def test_console_script_is_installed() -> None:
    exe = Path(sys.executable).with_name("helpline")
    result = subprocess.run([str(exe), "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "api-spec" in result.stdout


def test_show_prints_backend_text_literally(demo_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hostile = "[bold]x[/] \x1b]8;;file:///etc/passwd\x07click\x1b]8;;\x07 æøå"
    code, out, _ = run(capsys, "--store", str(demo_store), "new", "--subject", "Beamer in room 2.01 flickers",
                       "--requester", "Karin Dahl", "--description", hostile)
    assert code == 0
    code, out, _ = run(capsys, "--store", str(demo_store), "show", out.strip())
    assert code == 0 and "[bold]x[/]" in out and "æøå" in out and "\x1b" not in out and "\x07" not in out


def test_a_damaged_index_names_the_way_forward_and_reindex_rebuilds_it(capsys: pytest.CaptureFixture[str],
                                                                       store_dir: Path) -> None:
    """A damaged store: refuse with the file and the problem, never overwrite, and offer a way forward."""
    from app.seed import seed_demo

    total = seed_demo(store_dir)
    snapshot = store_dir / "index" / "queue.sqlite3"
    snapshot.write_text('{"schema": 1, "rows": [')
    damaged_ticket = store_dir / "tickets" / "000" / "HL-7.json"
    damaged_ticket.write_text('{"id": 7, "code": "HL-7"')
    code, _, err = run(capsys, "--store", str(store_dir), "list")
    assert code != 0 and "queue.sqlite3" in err and "helpline reindex" in err and len(err.strip().splitlines()) == 1
    code, out, err = run(capsys, "--store", str(store_dir), "reindex")
    assert code == 1, "a damaged ticket file is reported"
    assert f"indexed {total - 1} tickets" in out and "HL-7.json" in err
    kept = next((store_dir / "index").glob("replaced-*"))
    assert (kept / "queue.sqlite3").read_text() == '{"schema": 1, "rows": [', "the damaged index is kept aside"
    assert damaged_ticket.read_text() == '{"id": 7, "code": "HL-7"', "a damaged ticket file is never overwritten"
    code, out, _ = run(capsys, "--store", str(store_dir), "list", "--json")
    assert code == 0 and "HL-8" in out


def test_a_password_written_into_the_url_is_never_shown(capsys: pytest.CaptureFixture[str]) -> None:
    """A password is never shown: not in error lines, not in `helpline config`, not in adapter-check's output."""
    url = "http://anna:s3cret-pw@127.0.0.1:9"
    for argv in (["--backend", "http", "--url", url, "list"], ["--backend", "http", "--url", url, "config"],
                 ["adapter-check", url]):
        _code, out, err = run(capsys, *argv)
        assert "s3cret-pw" not in out + err, argv
        assert "anna:***@127.0.0.1" in out + err, argv


def test_rt_setup_tells_the_admin_about_rts_csrf_protection_and_writes_its_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """RT's security update refuses cookie writes from another origin: the admin's part is listed, never
    'turn $RestrictReferrer off'; the site config carries the status maps and the P1..P5 names."""
    assert main(["rt-setup", "--out", str(tmp_path)]) == 0
    said = capsys.readouterr().out
    assert "backend.rt_base_url" in said and "@ReferrerWhitelist" in said and "Keep RT's CSRF protection on" in said
    config = (tmp_path / "RT_SiteConfig-helpline.pm").read_text(encoding="utf-8")
    assert "'default -> servicedesk'" in config and "'reminder_on_open'" in config
    assert "%PriorityAsString" in config and "'P1', 90" in config
    assert "Update flag" in (tmp_path / "helpline-initialdata").read_text(encoding="utf-8")
