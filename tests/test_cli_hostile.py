"""The `helpline` command against a hostile user and hostile data: outside text is shown, never obeyed, and
every failure is one line on stderr with a non-zero exit, never a traceback."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from app import cli
from app.cli import main
from app.config import LOG_FILE

ROOT = Path(__file__).resolve().parents[1]
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes, FIFOs and /dev/zero")

# What a hostile sender, team admin or adapter puts into text that the command line prints.
CLIPBOARD = "\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\x07"  # writes the user's clipboard
TITLE = "\x1b]0;owned\x07"  # retitles the terminal
REVERSED = "\u202e"  # shows what follows backwards


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """main() in-process; argparse's own exit (a usage error) counts as a return."""
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def run_process(*argv: str | bytes, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    """`python -m app.cli` in a process of its own: for argv bytes that are not UTF-8 and for what Python
    itself prints (its last-resort log handler, its traceback) when the CLI fails to."""
    return subprocess.run([sys.executable, "-m", "app.cli", *argv], capture_output=True, timeout=timeout, cwd=ROOT,
                          env=os.environ.copy())


def one_line(err: str) -> bool:
    return err.count("\n") == 1 and err.endswith("\n") and "Traceback" not in err


def shown_not_obeyed(text: str) -> bool:
    return "\x1b" not in text and "\x07" not in text and REVERSED not in text


@pytest.fixture
def demo_store(store_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, _, _ = run(capsys, "--store", str(store_dir), "demo")
    assert code == 0
    return store_dir


@pytest.fixture
def hostile_store(demo_store: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """HL-1 as a hostile adapter or a tampered store file would give it: every field printed carries a terminal
    sequence or a bidi override."""
    path = demo_store / "tickets" / "000" / "HL-1.json"
    ticket = json.loads(path.read_text(encoding="utf-8"))
    ticket.update(team=f"infra{CLIPBOARD}", owner=f"bo{TITLE}", requester=f"Eve {REVERSED}exe.txt",
                  requested_for=f"Mallory{TITLE}", subject=f"Wifi down{CLIPBOARD}{REVERSED}")
    ticket["journal"][0].update(author=f"{TITLE}Mallory{REVERSED}", body=f"line one{TITLE}\nline two{CLIPBOARD}")
    # The registration event is written from its data (app/domain/events.py): its fields are outside text too.
    ticket["journal"][0]["event_data"] = {"event": "registered", "actor": f"lars{TITLE}", "team": f"Desk{CLIPBOARD}"}
    ticket["journal"].insert(1, {**ticket["journal"][0], "id": 999, "event_data": None})  # an entry of old: its body
    path.write_text(json.dumps(ticket), encoding="utf-8")
    code, _, err = run(capsys, "--store", str(demo_store), "reindex")  # the queue shows the file's fields
    assert code == 0, err
    return demo_store


# ----- outside text is shown, never obeyed -----------------------------------------------------------


def test_hostile_fields_in_list_are_shown_not_obeyed(hostile_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Finding 4 (trust boundaries): `helpline list` printed team and owner as they came, so a team named with
    ESC ] 52 wrote the user's clipboard and ESC ] 0 retitled the terminal."""
    code, out, err = run(capsys, "--store", str(hostile_store), "list", "--limit", "1000")
    line = next(line for line in out.splitlines() if line.startswith("HL-1 "))
    assert code == 0 and shown_not_obeyed(out + err)
    assert "infra␛]52;c;" in line and "bo␛]0;owned" in line and "Wifi down␛" in line, "shown, not dropped"


def test_hostile_fields_in_show_are_shown_not_obeyed(hostile_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Finding 4 (trust boundaries): `helpline show` printed team and owner as they came; subject, requester,
    requested-for, the journal's author and body are outside text too."""
    code, out, err = run(capsys, "--store", str(hostile_store), "show", "HL-1")
    assert code == 0 and shown_not_obeyed(out + err)
    assert "Team: infra␛]52;c;" in out, out
    assert "Owner: bo␛]0;owned" in out
    assert "line one␛]0;owned" in out and "Registered by lars␛]0;owned" in out and "Desk␛]52;c;" in out, out
    assert "Eve " in out and "exe.txt" in out and "Mallory" in out


def test_json_output_escapes_what_a_terminal_obeys(hostile_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Finding 4 (trust boundaries): `--json` left C1 controls and bidi overrides as they are (only C0 is
    escaped by JSON), so `helpline show --json` in a terminal showed the requester reversed. Now they are
    \\u escapes: the same document for a script."""
    code, out, _ = run(capsys, "--store", str(hostile_store), "show", "HL-1", "--json")
    assert code == 0 and shown_not_obeyed(out) and "\\u202e" in out
    ticket = json.loads(out)
    assert ticket["requester"] == f"Eve {REVERSED}exe.txt" and ticket["team"] == f"infra{CLIPBOARD}"
    code, out, _ = run(capsys, "--store", str(hostile_store), "list", "--json", "--limit", "1000")
    assert code == 0 and shown_not_obeyed(out)
    assert any(row["subject"] == f"Wifi down{CLIPBOARD}{REVERSED}" for row in json.loads(out))


class _HostileAdapter(BaseHTTPRequestHandler):
    """An adapter at a URL that refuses everything with escape sequences in its problem document."""

    def do_GET(self) -> None:
        body = json.dumps({"type": "rule", "title": "Refused", "status": 422, "rule": f"R-X{TITLE}",
                           "detail": f"no{CLIPBOARD} way{REVERSED}\nsecond line"}).encode()
        self.send_response(422)
        self.send_header("Content-Type", "application/problem+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def hostile_adapter() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _HostileAdapter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_an_adapters_problem_detail_is_shown_not_obeyed(hostile_adapter: str,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Finding 4 (trust boundaries): the CLI printed an adapter's problem detail and rule as they came."""
    code, _, err = run(capsys, "--backend", "http", "--url", hostile_adapter, "list")
    assert code == 1 and one_line(err) and shown_not_obeyed(err)
    assert "no␛]52;c;" in err and "second line" in err and "R-X␛]0;owned" in err


def test_a_store_path_in_an_error_is_shown_not_obeyed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Finding 4 (trust boundaries): a damaged store file's path and reason were printed as they came; a folder
    name with ESC in it retitled the terminal."""
    store = tmp_path / f"desk{TITLE}" / "store"
    code, _, _ = run(capsys, "--store", str(store), "demo")
    assert code == 0
    (store / "tickets" / "000" / "HL-1.json").write_text('{"id": 1, "subject": "' + CLIPBOARD + '"}')
    code, _, err = run(capsys, "--store", str(store), "show", "HL-1")
    assert code == 1 and one_line(err) and shown_not_obeyed(err)
    assert "desk␛]0;owned" in err and "HL-1.json" in err


def test_an_argument_argparse_names_is_shown_not_obeyed(demo_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Finding 4 (trust boundaries): argparse names a stray argument in its message as it was typed (a mail hook
    passes a mail's text), and the message went to stderr with the escape sequence in it."""
    code, _, err = run(capsys, "--store", str(demo_store), "list", f"pending{TITLE}")
    assert code == 2 and one_line(err) and shown_not_obeyed(err) and "unrecognized arguments: pending␛]0;owned" in err


# ----- one line, never a traceback -----------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [[b"show", b"\xff\xfe"], [b"--as", b"\xff", b"list"], [b"new", b"--subject", b"caf\xe9 \x1b]0;x\x07",
                                                            b"--requester", b"Karin Dahl"]],
    ids=["show", "as", "latin-1 subject"],
)
@pytest.mark.skipif(os.name != "posix", reason="argv is bytes on POSIX only")
def test_arguments_that_are_not_utf8_are_refused_in_one_line(demo_store: Path, argv: list[bytes]) -> None:
    """Finding 11 (trust boundaries): `helpline show $'\\xff\\xfe'` and `helpline --as $'\\xff' list` ended
    in a UnicodeEncodeError traceback. Now one line names the argument, its bytes made visible, exit 2."""
    result = run_process(b"--store", os.fsencode(demo_store), *argv)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and one_line(err) and shown_not_obeyed(err), err
    assert "not UTF-8" in err and ("\\xff" in err or "\\xe9" in err), err
    assert result.stdout == b""


@posix_only
@pytest.mark.parametrize("special", ["/dev/zero", "fifo", "folder"])
def test_a_config_path_that_is_not_a_regular_file_is_refused_at_once(tmp_path: Path, special: str) -> None:
    """Finding 11 (trust boundaries): `helpline --config /dev/zero` read until it had eaten 23 GB and the kernel
    killed it; a FIFO would wait for a writer forever. Now: one line, at once."""
    if special == "fifo":
        path = tmp_path / "config.toml"
        os.mkfifo(path)
    elif special == "folder":
        path = tmp_path
    else:
        path = Path(special)
    result = run_process("--config", str(path), "config", timeout=10)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 1 and one_line(err) and "not a regular file" in err and str(path) in err


def test_a_huge_config_file_is_refused_before_it_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Finding 11 (trust boundaries): a config file of any size was read into memory whole."""
    path = tmp_path / "config.toml"
    with path.open("wb") as file:
        file.truncate(64 * 1024 * 1024)  # sparse: big to look at, nothing on the disk
    code, _, err = run(capsys, "--config", str(path), "config")
    assert code == 1 and one_line(err) and "larger than 1 MB" in err and str(path) in err


def test_a_deeply_nested_config_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Finding 11 (trust boundaries): tomllib parses nesting recursively, and a config of 100 000 brackets
    ended in a RecursionError traceback."""
    path = tmp_path / "config.toml"
    path.write_text("language = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    code, _, err = run(capsys, "--config", str(path), "config")
    assert code == 1 and one_line(err) and "nested too deeply" in err and str(path) in err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["demo", "--tickets", "99999999999"], "from 0 to 100000"),
        (["demo", "--tickets", "-1"], "from 0 to 100000"),
        (["demo", "--tickets", "1e9"], "from 0 to 100000"),
        (["demo", "--tickets", "9" * 5000], "from 0 to 100000"),
        (["list", "--limit", "0"], "from 1 to 1000"),
        (["list", "--limit", "1001"], "from 1 to 1000"),
        (["list", "--limit", "١٢"], "from 1 to 1000"),
    ],
    ids=["huge", "negative", "float", "endless", "zero", "above", "other-digits"],
)
def test_numbers_on_the_command_line_are_checked_first(
    store_dir: Path, capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    """Finding 11 (trust boundaries): `helpline demo --tickets 99999999999` built tickets until it had eaten
    23 GB and the kernel killed it; `--limit` took any number. Now each is checked before any work."""
    code, _, err = run(capsys, "--store", str(store_dir), *argv)
    assert code == 2 and one_line(err) and expected in err and len(err) < 300
    assert not store_dir.exists(), "nothing was done"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--as", "anné", "list"], "not a user name"),
        (["--as", f"anna{TITLE}", "list"], "not a user name"),
        (["--backend", "http", "--url", "http://127.0.0.1:9/\x1b]0;x\x07", "list"], "no spaces or control"),
        (["--backend", "http", "--url", "http://127.0.0.1:99999", "list"], "not a URL"),
    ],
    ids=["non-ascii-agent", "escape-agent", "escape-url", "port"],
)
def test_an_agent_or_url_that_cannot_be_sent_is_refused_first(
    demo_store: Path, capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    """Finding 11 (trust boundaries): `--as anné` ended in a UnicodeEncodeError traceback (an HTTP header carries
    ASCII only) and a URL with a control character in httpx's InvalidURL traceback."""
    code, _, err = run(capsys, "--store", str(demo_store), *argv)
    assert code == 2 and one_line(err) and shown_not_obeyed(err) and expected in err


@posix_only
def test_the_embedded_adapter_failing_is_one_line_and_the_traceback_goes_to_a_private_log(
    demo_store: Path, tmp_path: Path
) -> None:
    """Finding 11 (trust boundaries): the embedded adapter's `log.exception("adapter failed")` went to Python's
    last-resort handler, which printed the traceback on the CLI's stderr. Now the traceback is in helpline.log
    (0600) in the data folder, and the one line names that file."""
    script = (
        "import sys\n"
        "from app.backends.local import LocalBackend\n"
        "async def broken(self, *args, **kwargs):\n"
        "    raise RuntimeError('search broke \\x1b]0;owned\\x07')\n"
        "LocalBackend.search = broken\n"
        "from app.cli import main\n"
        f"sys.exit(main(['--store', {str(demo_store)!r}, 'list']))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60, cwd=ROOT,
                            env=os.environ.copy())
    err = result.stderr.decode("utf-8")
    log_file = Path(os.environ["HELPLINE_DATA_DIR"]) / LOG_FILE
    assert result.returncode == 1 and one_line(err), err
    assert "RuntimeError" in err and str(log_file) in err and shown_not_obeyed(err)
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback" in logged and "search broke ␛]0;owned" in logged and "\x1b" not in logged
    assert stat.S_IMODE(log_file.stat().st_mode) == 0o600


def test_an_unexpected_error_is_one_line_naming_the_log(monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Finding 11 (trust boundaries): an error no handler expected left main() as a traceback. Now the safety
    net says what kind of error in one line and where its traceback is."""

    def broken(settings: object, args: object) -> int:
        raise TypeError("a bug")

    monkeypatch.setitem(cli.COMMANDS, "config", broken)
    code, _, err = run(capsys, "config")
    log_file = Path(os.environ["HELPLINE_DATA_DIR"]) / LOG_FILE
    assert code == 1 and one_line(err)
    assert err == f"helpline: internal error (TypeError); details in {log_file}\n"
    assert "TypeError: a bug" in log_file.read_text(encoding="utf-8")


def test_an_unexpected_error_with_no_log_to_write_is_still_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Finding 11 (trust boundaries): a data folder that cannot hold the log must not turn the one line into
    logging's own "--- Logging error ---" traceback, nor name a file that holds nothing."""
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("HELPLINE_DATA_DIR", str(blocked))

    def broken(settings: object, args: object) -> int:
        raise TypeError(f"a bug{TITLE}")

    monkeypatch.setitem(cli.COMMANDS, "config", broken)
    code, _, err = run(capsys, "config")
    assert code == 1 and one_line(err) and shown_not_obeyed(err)
    assert err.startswith("helpline: internal error (TypeError): a bug") and LOG_FILE not in err


def test_known_errors_keep_their_own_message_and_log_nothing(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """The safety net is the last resort only: a missing store is still said as what to do, and no log file
    is made for it."""
    code, _, err = run(capsys, "--store", str(tmp_path / "nowhere"), "list")
    assert code == 1 and one_line(err) and "helpline demo" in err and "internal error" not in err
    assert not (Path(os.environ["HELPLINE_DATA_DIR"]) / LOG_FILE).exists()
