"""The mail of the local store against the plain standard library doing the same work, in the same run (issue 18):

    python -m bench.mail [--letters 1000] [--runs 11]

- `helpline mail-in` of one message as a process (median of --runs), against a Python process that parses the
  same message with `email` and writes it to a file;
- the outbox draining --letters letters into a real SMTP server on loopback (aiosmtpd, no TLS), against
  `smtplib` sending the same number of `email` messages over one connection;
- `mail-fetch` of as many messages from a real Dovecot, against `imaplib` + `email` doing the fetching,
  parsing and marking alone.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path

STDLIB_MAIL_IN = (
    "import sys, email, email.policy, pathlib; m = email.message_from_bytes(sys.stdin.buffer.read(), "
    "policy=email.policy.default); pathlib.Path(sys.argv[1]).write_text(str(m.get_body(('plain',)).get_content()))"
)


def _median_process(argv: list[str], raw: bytes, runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(argv, input=raw, capture_output=True, check=True, env=env)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def mail_in(root: Path, runs: int) -> dict[str, float]:
    from app.seed import seed_demo
    from tests.mail import corpus

    store = root / "store"
    seed_demo(store)
    config = root / "config"
    config.mkdir()
    (config / "config.toml").write_text('[mail]\nfrom_address = "servicedesk@example.org"\nsmtp_host = "127.0.0.1"\n')
    env = {**os.environ, "HELPLINE_CONFIG_DIR": str(config), "HELPLINE_DATA_DIR": str(root / "data")}
    messages = iter(range(10**6))

    helpline = []
    for _ in range(runs):  # a new Message-ID each time, or the second one is "already stored"
        raw = corpus.PLAIN_NEW.replace(b"plain-new-1@", f"bench-{next(messages)}@".encode())
        helpline.append(_median_process([sys.executable, "-m", "app.cli", "--store", str(store), "mail-in"], raw,
                                        1, env))
    stdlib = _median_process([sys.executable, "-c", STDLIB_MAIL_IN, str(root / "out.txt")], corpus.PLAIN_NEW, runs,
                             env)
    return {"helpline_s": statistics.median(helpline), "stdlib_s": stdlib}


def outbox(root: Path, letters: int) -> dict[str, float]:
    import smtplib

    from aiosmtpd.controller import Controller

    from app.backends.local_store import LocalStore
    from app.domain.clock import utcnow
    from app.domain.enums import EntryKind
    from app.domain.journal import append_entry
    from app.domain.letters import queue_letters
    from app.domain.models import Ticket
    from app.mail.outbox import deliver_due
    from app.mail.settings import MailSettings
    from app.seed import seed_demo
    from tests.mail_server import HOST, Keeper, free_port

    store_dir = root / "outbox-store"
    seed_demo(store_dir)
    store = LocalStore(store_dir)
    codes = [row["code"] for row in store.rows(status="new")]
    now = utcnow()

    def letter(ticket: Ticket) -> None:
        ticket.requester = "Karin Dahl <karin.dahl@example.org>"
        entry = append_entry(ticket, EntryKind.MESSAGE_TO_USER, "anna", "We replaced the drum.", now)
        queue_letters(ticket, entry.id - 1, now, "example.org")

    for n in range(letters):
        store.update(codes[n % len(codes)], letter)
    keeper, port = Keeper(), free_port()
    controller = Controller(keeper, hostname=HOST, port=port)
    controller.start()
    try:
        settings = MailSettings(from_address="servicedesk@example.org", smtp_host=HOST, smtp_port=port,
                                smtp_security="none")
        began = time.perf_counter()
        report = deliver_due(store, settings, utcnow)
        while report.waiting and report.sent:  # rounds of outbox.ROUND tickets until nothing is due
            report = deliver_due(store, settings, utcnow)
        helpline = time.perf_counter() - began
        assert len(keeper.received) == letters, len(keeper.received)
        began = time.perf_counter()
        with smtplib.SMTP(HOST, port) as server:
            for n in range(letters):
                message = EmailMessage()
                message["From"], message["To"] = "servicedesk@example.org", "karin.dahl@example.org"
                message["Subject"] = f"[HL-{n}] Printer on floor 2 jams"
                message.set_content("We replaced the drum.")
                server.send_message(message)
        stdlib = time.perf_counter() - began
    finally:
        controller.stop()
        store.close()
    return {"helpline_s": helpline, "stdlib_s": stdlib, "letters": letters}


def mail_fetch(root: Path, messages: int) -> dict[str, float] | None:
    """`mail-fetch` of `messages` unseen messages from a real Dovecot, against imaplib fetching, parsing with
    `email` and marking the same number seen; None without Dovecot (tests/imap_server.py)."""
    import imaplib
    from email import message_from_bytes
    from email.policy import default

    from app.backends.local_store import LocalStore
    from app.domain.clock import utcnow
    from app.mail.imap_fetch import fetch_unseen
    from app.mail.settings import MailSettings
    from app.seed import seed_demo
    from tests.imap_server import PASSWORD, USER, ImapServer, installed
    from tests.mail import corpus
    from tests.mail_server import HOST, make_certificate

    if not installed():
        return None
    cert, key = make_certificate(root)
    server = ImapServer(cert, key)
    server.start()
    try:
        def fill() -> None:
            client = server.client()
            for n in range(messages):
                raw = corpus.PLAIN_NEW.replace(b"plain-new-1@", f"fetch-{n}-{time.monotonic_ns()}@".encode())
                client.append("INBOX", "", imaplib.Time2Internaldate(time.time()), raw)
            client.logout()

        store_dir = root / "fetch-store"
        seed_demo(store_dir)
        store = LocalStore(store_dir)
        settings = MailSettings(from_address="servicedesk@example.org", smtp_host=HOST, imap_host=HOST,
                                imap_port=server.port, imap_security="none", imap_username=USER,
                                imap_password=PASSWORD)
        fill()
        began = time.perf_counter()
        while fetch_unseen(store, settings, utcnow).stored:
            pass
        helpline = time.perf_counter() - began
        store.close()
        fill()
        began = time.perf_counter()
        client = server.client()
        client.select("INBOX")
        for uid in client.uid("SEARCH", "UNSEEN")[1][0].split():
            raw = client.uid("FETCH", uid, "(BODY.PEEK[])")[1][0][1]
            body = message_from_bytes(raw, policy=default).get_body(("plain",))
            assert body is not None and body.get_content()
            client.uid("STORE", uid, "+FLAGS", "(\\Seen)")
        client.logout()
        stdlib = time.perf_counter() - began
    finally:
        server.stop()
    return {"helpline_s": helpline, "stdlib_s": stdlib, "messages": messages}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.mail")
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        received = mail_in(root, args.runs)
        sent = outbox(root, args.letters)
        fetched = mail_fetch(root, args.letters)
    print("| measure | Helpline | plain stdlib | ratio |\n|---|---|---|---|")
    print(f"| mail-in of one message as a process, median (s) | {received['helpline_s']:.3f} | "
          f"{received['stdlib_s']:.3f} | {received['helpline_s'] / received['stdlib_s']:.2f} x |")
    print(f"| outbox draining {sent['letters']:,} letters (s) | {sent['helpline_s']:.2f} | {sent['stdlib_s']:.2f} | "
          f"{sent['helpline_s'] / sent['stdlib_s']:.2f} x |")
    if fetched is None:
        print("| mail-fetch | - | - | Dovecot not installed |")
    else:
        print(f"| mail-fetch of {fetched['messages']:,} messages (s) | {fetched['helpline_s']:.2f} | "
              f"{fetched['stdlib_s']:.2f} | {fetched['helpline_s'] / fetched['stdlib_s']:.2f} x |")


if __name__ == "__main__":
    main()
