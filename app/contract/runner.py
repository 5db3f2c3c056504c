"""`helpline adapter-check URL`: the contract checks, one after the other, against a served adapter."""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from app.contract.checks import CHECKS, TOKEN_CHECKS, Check, ContractClient, name_of_check
from app.contract.escalation_checks import ESCALATION_CHECKS
from app.contract.flag_checks import FLAG_CHECKS
from app.contract.handover_checks import HANDOVER_CHECKS
from app.contract.pending_checks import PENDING_CHECKS
from app.contract.precondition_checks import PRECONDITION_CHECKS
from app.contract.progress_checks import PROGRESS_CHECKS
from app.contract.search_checks import SEARCH_CHECKS


def contract_checks() -> list[Check]:
    """The checks every adapter must pass: those of checks.py, of If-Match, of R-TICKET-4 at a hand-over, of the
    progress clock (R-ESC-4), of the Update flag (R-FLAG-1), of the search over journal text, of escalations
    followed up to their end (R-ESC-5) and of a dated Pending (R-STATUS-3), each once (whether CHECKS holds the
    others already or not)."""
    others = (*PRECONDITION_CHECKS, *HANDOVER_CHECKS, *PROGRESS_CHECKS, *FLAG_CHECKS, *SEARCH_CHECKS,
              *ESCALATION_CHECKS, *PENDING_CHECKS)
    return CHECKS + [check for check in others if check not in CHECKS]


@dataclass(frozen=True)
class Outcome:
    name: str
    seconds: float
    failure: str | None  # None: passed


def _reason(error: BaseException) -> str:
    """What went wrong, in one line: the assertion's message, or the last frame of the check."""
    if isinstance(error, AssertionError) and str(error):
        return str(error).splitlines()[0]
    frames = traceback.extract_tb(error.__traceback__)
    where = next((f"line {f.lineno}: {f.line}" for f in reversed(frames) if f.filename.endswith("checks.py")), "")
    return f"{type(error).__name__} {error}".strip() + (f" ({where})" if where else "")


async def run_checks(
    url: str, actor: str, report: Callable[[Outcome], None], timeout: float = 30,
    transport: httpx.AsyncBaseTransport | None = None, token: str | None = None,
    agent_tokens: dict[str, str] | None = None,
) -> list[Outcome]:
    """Every check, each reported as it ends. An adapter that cannot be reached is one error, not 22 failures.

    `token`: the acting agent's, sent with every request; the checks of tokens then run too. `agent_tokens`: the
    tokens of the other agents some rule checks act as."""
    outcomes = []
    async with ContractClient(base_url=url, actor=actor, token=token, agent_tokens=agent_tokens, timeout=timeout,
                              transport=transport) as api:
        await api.get("/v1/meta")  # raises httpx.TransportError when nothing answers there
        for check in contract_checks() + (TOKEN_CHECKS if token else []):
            start = time.perf_counter()
            try:
                await check(api)
                failure = None
            except Exception as error:  # every failure of a check is reported; none stops the run
                failure = _reason(error)
            outcome = Outcome(name_of_check(check), time.perf_counter() - start, failure)
            report(outcome)
            outcomes.append(outcome)
    return outcomes
