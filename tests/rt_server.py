"""A private Request Tracker 5 on 127.0.0.1 for the tests and the benchmark; it installs nothing.

It needs Debian's request-tracker5, rt5-db-sqlite and rt5-standalone (`.ci/run` installs them). Everything
it writes stays in its own folder: its own site config (RT_SITE_CONFIG and an empty RT_SITE_CONFIG_DIR, so
nothing under /etc is read or changed), its own SQLite file, no mail (`$MailCommand = 'testfile'`). The
database is made once from `helpline rt-setup`'s initialdata and lifecycle, then kept as a template: a reset
is a file copy and a restart (about a second).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx

from app.backends.rt_setup import initialdata, lifecycle_snippet
from app.domain.models import Agent, Team

SETUP_DATABASE = Path("/usr/sbin/rt-setup-database-5")
RT_SERVER = Path("/usr/share/request-tracker5/libexec/rt-server")
RT_LIB = Path("/usr/share/request-tracker5/lib")
ENABLE_HINT = ("install RT 5 to run them: apt-get install -y --no-install-recommends request-tracker5 "
               "rt5-db-sqlite rt5-standalone rt5-clients (as .ci/run does)")


UNMAPPED_QUEUE = "legacy"  # a queue of a lifecycle without status maps to Helpline's
ROOT = ("root", "password")  # a fresh RT database's admin: privileged staff, but no agent of the desk


def installed() -> bool:
    return SETUP_DATABASE.exists() and RT_SERVER.exists()


def password_of(username: str) -> str:
    return f"pw-{username}-helpline"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RtServer:
    def __init__(self, root: Path, teams: list[Team], agents: list[Agent]) -> None:
        self.root = root
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.database = root / "rtdb"
        self.template = root / "rtdb.template"
        self.log = root / "rt-server.log"
        self._process: subprocess.Popen[bytes] | None = None
        self._teams, self._agents = teams, agents

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "RT_SITE_CONFIG": str(self.root / "RT_SiteConfig.pm"),
                "RT_SITE_CONFIG_DIR": str(self.root / "site-config.d")}

    def _write_config(self) -> None:
        (self.root / "site-config.d").mkdir(parents=True, exist_ok=True)
        (self.root / "RT_SiteConfig.pm").write_text(
            "\n".join([
                "Set($rtname, 'helpline-test');",
                "Set($Organization, 'helpline.test');",
                "Set($DatabaseType, 'SQLite');",
                f"Set($DatabaseName, '{self.database}');",
                "Set($WebPath, '');",
                "Set($WebDomain, '127.0.0.1');",
                f"Set($WebPort, {self.port});",
                f"Set($WebBaseURL, '{self.url}');",
                "Set($MailCommand, 'testfile');",  # no mail leaves a test instance
                "Set($BcryptCost, 4);",  # a test instance logs in often; cost 12 is 200 ms a login
                "Set($LogToSTDERR, 'error');",
                "Set($LogToSyslog, undef);",
                lifecycle_snippet(self._teams),
                # A lifecycle rt-setup maps no statuses for, to see RT refuse a move inside a 200.
                "Set(%Lifecycles, 'unmapped' => { type => 'ticket', initial => ['new'], active => ['open'], "
                "inactive => ['resolved'], defaults => { on_create => 'new' }, transitions => { '' => ['new'], "
                "new => ['open', 'resolved'], open => ['resolved'], resolved => ['open'] } });",
                "1;",
            ]),
            encoding="utf-8",
        )

    def _run(self, *args: str) -> None:
        done = subprocess.run([str(SETUP_DATABASE), *args], env=self.env, capture_output=True, text=True,
                              timeout=120, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"rt-setup-database {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")

    def build(self) -> None:
        """A fresh database with the desk's queues, agents, custom fields and rights; started."""
        self.root.mkdir(parents=True, exist_ok=True)
        self._write_config()
        self.database.unlink(missing_ok=True)
        data = self.root / "initialdata"
        data.write_text(initialdata(self._teams, self._agents, {a.username: password_of(a.username)
                                                                 for a in self._agents}), encoding="utf-8")
        self._run("--action", "init", "--skip-create")
        self._run("--action", "insert", "--datafile", str(data))
        extra = self.root / "test-initialdata"
        extra.write_text(f"@Queues = ({{ Name => '{UNMAPPED_QUEUE}', Lifecycle => 'unmapped' }});\n1;\n",
                         encoding="utf-8")
        self._run("--action", "insert", "--datafile", str(extra))
        self.start()

    def perl(self, script: str, *args: str) -> str:
        """RT's own Perl API, as an admin's script would use it (what REST2 cannot do); its output."""
        done = subprocess.run(["perl", f"-I{RT_LIB}", "-MRT", "-e", "RT::LoadConfig(); RT::Init(); " + script,
                               *args], env=self.env, capture_output=True, text=True, timeout=60, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"RT's Perl API failed: {done.stderr}")
        return done.stdout

    def set_password(self, username: str, password: str) -> None:
        """What an admin does in RT's web UI; REST2 cannot, so through RT's own Perl API."""
        self.perl('my $u = RT::User->new(RT->SystemUser); $u->Load($ARGV[0]); '
                  'my ($ok, $msg) = $u->SetPassword($ARGV[1]); die "$msg\\n" unless $ok;', username, password)

    def rt(self, *args: str, user: tuple[str, str] = ROOT) -> str:
        """RT's own command-line client (REST 1.0, from rt5-clients), as an RT user would run it; its output."""
        env = {**os.environ, "RTSERVER": self.url, "RTUSER": user[0], "RTPASSWD": user[1],
               "HOME": str(self.root)}  # its session file stays here
        done = subprocess.run(["rt", *args], env=env, capture_output=True, text=True, timeout=60, check=False)
        if done.returncode != 0 or done.stdout.startswith("rt: "):
            raise RuntimeError(f"rt {' '.join(args)} failed: {done.stdout}{done.stderr}")
        return done.stdout

    def rt_create(self, queue: str, subject: str, text: str, requestor: str = "eva@example.org") -> int:
        out = self.rt("create", "-t", "ticket", "set", f"queue={queue}", f"subject={subject}",
                      f"requestor={requestor}", f"text={text}")
        match = re.search(r"Ticket (\d+) created", out)
        if match is None:
            raise RuntimeError(f"rt create said: {out}")
        return int(match.group(1))

    def mail(self, queue: str, sender: str, subject: str, body: str) -> None:
        """A user's mail arriving at RT, as the mail server hands it over (rt-mailgate, RT's own client).
        A subject without "[helpline-test #N]" opens a new ticket."""
        message = (f"From: {sender}\nTo: {queue}@helpline.test\nSubject: {subject}\n"
                   "Content-Type: text/plain; charset=utf-8\n\n" + body + "\n").encode()
        done = subprocess.run(["rt-mailgate", "--queue", queue, "--action", "correspond", "--url", self.url],
                              input=message, capture_output=True, timeout=60, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"rt-mailgate failed: {done.stderr.decode(errors='replace')}")

    def keep_as_template(self) -> None:
        """What the database holds now is what every reset comes back to."""
        self.stop()
        shutil.copyfile(self.database, self.template)
        self.start()

    def reset(self) -> None:
        self.stop()
        shutil.copyfile(self.template, self.database)
        self.start()

    def start(self) -> None:
        log = self.log.open("ab")
        # --host always: without it rt-server listens on every interface.
        self._process = subprocess.Popen(
            [str(RT_SERVER), "--host", "127.0.0.1", "--port", str(self.port)], env=self.env, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"rt-server stopped at start; see {self.log}")
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{self.url}/REST/2.0/rt", timeout=2).status_code == 401:
                    return
            time.sleep(0.1)
        raise RuntimeError(f"rt-server did not answer within 60 s; see {self.log}")

    def stop(self) -> None:
        if self._process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._process.pid, signal.SIGTERM)
        try:
            self._process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait()
        self._process = None
