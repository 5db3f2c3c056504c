"""A real IMAP server on loopback for the mail tests: Debian's Dovecot (installed by .ci/run), started in the
foreground with a config of its own in a temporary folder, as tests/rt_server.py starts RT. One user, whose
Maildir the tests fill by IMAP APPEND; STARTTLS on the certificate tests/mail_server.py makes."""

from __future__ import annotations

import contextlib
import imaplib
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from tests.mail_server import HOST, free_port

DOVECOT = "/usr/sbin/dovecot"
USER, PASSWORD = "desk", "imap-test-password"
MAIL_USER, MAIL_GROUP = "nobody", "nogroup"


def installed() -> bool:
    return os.path.exists(DOVECOT) and os.geteuid() == 0  # it drops to its own users, which needs root


class ImapServer:
    def __init__(self, cert: Path, key: Path) -> None:
        # Its own folder, which the mail user (nobody: Dovecot never serves mail as root) can reach; a test's
        # tmp_path sits in a folder only root may enter.
        self.folder = Path(tempfile.mkdtemp(prefix="helpline-dovecot-"))
        self.folder.chmod(0o755)
        self.port = free_port()
        self.cert, self.key = cert, key
        self._process: subprocess.Popen[bytes] | None = None

    def _config(self) -> Path:
        for name in ("run", "state", "home"):
            (self.folder / name).mkdir(parents=True, exist_ok=True)
        shutil.chown(self.folder / "home", MAIL_USER, MAIL_GROUP)
        config = self.folder / "dovecot.conf"
        config.write_text(f"""\
protocols = imap
listen = {HOST}
base_dir = {self.folder}/run
state_dir = {self.folder}/state
log_path = {self.folder}/dovecot.log
ssl = yes
ssl_cert = <{self.cert}
ssl_key = <{self.key}
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{self.folder}/home/%u/Maildir
passdb {{
  driver = static
  args = password={PASSWORD}
}}
userdb {{
  driver = static
  args = uid={MAIL_USER} gid={MAIL_GROUP} home={self.folder}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = {HOST}
    port = {self.port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
""")
        return config

    def start(self) -> None:
        config = self._config()
        self._process = subprocess.Popen([DOVECOT, "-F", "-c", str(config)], stdout=subprocess.DEVNULL,
                                         stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError, imaplib.IMAP4.error), imaplib.IMAP4(HOST, self.port, timeout=2) as probe:
                probe.noop()
                return
            if self._process.poll() is not None:
                break
            time.sleep(0.05)  # a server starting: polled, as tests/rt_server.py polls RT's port
        log = (self.folder / "dovecot.log").read_text() if (self.folder / "dovecot.log").exists() else ""
        self.stop()
        raise RuntimeError(f"Dovecot did not start on {HOST}:{self.port}: {log[-2000:]}")

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=10)
            if self._process.poll() is None:
                self._process.kill()
            self._process = None
        shutil.rmtree(self.folder, ignore_errors=True)

    def client(self) -> imaplib.IMAP4:
        client = imaplib.IMAP4(HOST, self.port, timeout=10)
        client.login(USER, PASSWORD)
        return client

    def append(self, raw: bytes, folder: str = "INBOX") -> None:
        client = self.client()
        try:
            client.append(folder, "", imaplib.Time2Internaldate(time.time()), raw)
        finally:
            client.logout()

    def unseen(self, folder: str = "INBOX") -> int:
        client = self.client()
        try:
            client.select(folder)
            return len(client.search(None, "UNSEEN")[1][0].split())
        finally:
            client.logout()
