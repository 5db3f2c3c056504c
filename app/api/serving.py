"""How `helpline serve` meets its sockets: uvicorn's h11 protocol with two limits of its own per connection.

uvicorn answers 503 once MAX_CONCURRENT_REQUESTS connections are open, counting idle ones too, so without more a
caller holding that many sockets, sending nothing or a byte now and then, would shut every agent out for as
long as it liked (uvicorn times out only a connection that was idle after a response, and any byte restarts
that). Hence, before any request is read:

- a connection must send each whole request head within HEAD_TIMEOUT_S of opening or of its last response, or
  it is closed;
- one client address holds at most MAX_CONNECTIONS_PER_CLIENT connections at once (half the server), so that
  another address always finds room; one more is answered 503 and closed at once.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from app.domain.limits import MAX_CONCURRENT_REQUESTS

HEAD_TIMEOUT_S = 10.0
MAX_CONNECTIONS_PER_CLIENT = max(1, MAX_CONCURRENT_REQUESTS // 2)


def _busy_response(limit: int) -> bytes:
    body = json.dumps({"type": "unavailable", "title": "Busy", "status": 503,
                       "detail": f"this address has {limit} connections open already; close one or try again "
                       "in a moment"}).encode()
    head = (f"HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/problem+json\r\n"
            f"content-length: {len(body)}\r\nretry-after: 1\r\nconnection: close\r\n\r\n").encode()
    return head + body


def guarded_protocol(head_timeout: float = HEAD_TIMEOUT_S,
                     per_client: int = MAX_CONNECTIONS_PER_CLIENT) -> type[asyncio.Protocol]:
    """A protocol class for uvicorn's `http=` with these limits; each class counts its own connections (one
    class per server)."""
    open_by_client: Counter[str] = Counter()
    refusal = _busy_response(per_client)

    class GuardedH11Protocol(H11Protocol):
        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._helpline_address = self.client[0] if self.client else "?"
            self._helpline_timer: asyncio.TimerHandle | None = None
            open_by_client[self._helpline_address] += 1
            if open_by_client[self._helpline_address] > per_client:
                # Not counted by uvicorn's limit either: a flood of refused connections leaves the room it keeps
                # for other addresses.
                self.connections.discard(self)
                transport.write(refusal)
                transport.close()
                return
            self._wait_for_head()

        def _wait_for_head(self) -> None:
            self._stop_waiting()
            self._helpline_timer = self.loop.call_later(head_timeout, self._head_too_slow)

        def _stop_waiting(self) -> None:
            if self._helpline_timer is not None:
                self._helpline_timer.cancel()
                self._helpline_timer = None

        def _head_too_slow(self) -> None:
            self._helpline_timer = None
            if (self.cycle is None or self.cycle.response_complete) and not self.transport.is_closing():
                self.transport.close()

        def handle_events(self) -> None:
            before = self.cycle
            super().handle_events()
            if self.cycle is not before:  # a whole request head came: the app has it now
                self._stop_waiting()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing() and self.cycle is not None and self.cycle.response_complete:
                self._wait_for_head()

        def connection_lost(self, exc: Exception | None) -> None:
            self._stop_waiting()
            open_by_client[self._helpline_address] -= 1
            if open_by_client[self._helpline_address] <= 0:
                del open_by_client[self._helpline_address]
            super().connection_lost(exc)

    return GuardedH11Protocol


def serve_options(**extra: Any) -> dict[str, Any]:
    """uvicorn.run's keyword arguments for a served adapter (besides the app, host, port and TLS files)."""
    return {
        "http": guarded_protocol(),
        # Beyond this many connections or requests at once uvicorn answers 503 at once, instead of letting every
        # caller wait behind a flood.
        "limit_concurrency": MAX_CONCURRENT_REQUESTS,
        # The client address is the socket's: an X-Forwarded-For header would let one caller pose as many
        # addresses and escape the slowing of its failed logins and the limit of its connections.
        "proxy_headers": False,
        "server_header": False,
        "log_level": "warning",
        **extra,
    }
