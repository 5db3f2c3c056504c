"""Creating stores: the demo store, and the first-run store of a new user."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from app.backends.local_store import LocalStore
from app.config import Settings, default_store_dir
from app.domain.clock import utcnow
from app.domain.codes import format_code
from app.errors import StoreDamaged
from app.i18n import t


def seed_demo(root: Path, extra: int = 0, now: datetime | None = None) -> int:
    """A new store at `root` holding the demo desk; `extra` more tickets cloned from it (for load).

    `now` fixes the demo's clock (snapshot tests); by default it is the present.
    """
    from app.demo import build_demo

    if LocalStore.exists(root):
        raise StoreDamaged(str(root), t("a store exists here already; demo data goes into a new folder only"))
    LocalStore.refuse_unless_empty(root)  # before the demo is built: a folder of someone's own files stays theirs
    demo = build_demo(now or utcnow())
    tickets = list(demo.tickets)
    for n in range(extra):
        source = demo.tickets[n % len(demo.tickets)]
        number = len(demo.tickets) + n + 1
        tickets.append(source.model_copy(update={"id": number, "code": format_code(number), "links": []}))
    store = LocalStore.create_store(root, demo.teams, demo.agents)
    try:
        store.import_tickets(tickets)
    finally:
        store.close()
    return len(tickets)


def ensure_first_run_store(root: Path, settings: Settings) -> None:
    """On the very first start with the default store, seed demo data so there is a desk to look at."""
    if LocalStore.exists(root):
        return
    if settings.demo_on_first_run and root == default_store_dir():
        count = seed_demo(root)
        print(t("First run: demo store with {n} tickets created at {path}", n=count, path=root), file=sys.stderr)
        return
    raise StoreDamaged(str(root), t("no Helpline store here: run `helpline --store {path} demo` for demo data",
                                    path=root))
