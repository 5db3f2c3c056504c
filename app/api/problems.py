"""Problem documents (RFC 9457): how the adapter API answers every error, from the guard or an operation."""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import Response

from app.errors import HelplineError

PROBLEM = "application/problem+json"


def problem(status: int, type_: str, title: str, detail: str, headers: dict[str, str] | None = None,
            **extra: Any) -> Response:
    body = {"type": type_, "title": title, "status": status, "detail": detail}
    body.update({key: value for key, value in extra.items() if value is not None})
    return Response(json.dumps(body, ensure_ascii=False), status_code=status, media_type=PROBLEM, headers=headers)


class TooLarge(HelplineError):
    """A request body over the limit, refused before it is read whole."""

    problem_type = "too-large"
    status = 413
