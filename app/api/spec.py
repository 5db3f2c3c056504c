"""The OpenAPI document of the adapter API, generated from the operations and the domain models."""

from __future__ import annotations

import re
from typing import Any

from pydantic import TypeAdapter

from app.api import API_VERSION, USER_HEADER
from app.api.routes import OPERATIONS
from app.api.schemas import Problem
from app.api.streams import OCTET_STREAM

REF_TEMPLATE = "#/components/schemas/{model}"
SECURITY_SCHEME = "bearer"


def _schema(annotation: Any, components: dict[str, Any]) -> dict[str, Any]:
    schema = TypeAdapter(annotation).json_schema(ref_template=REF_TEMPLATE)
    components.update(schema.pop("$defs", {}))
    title = schema.get("title")
    if schema.get("type") == "object" and isinstance(title, str) and "properties" in schema:
        components[title] = schema
        return {"$ref": REF_TEMPLATE.format(model=title)}
    return schema


def openapi_document() -> dict[str, Any]:
    components: dict[str, Any] = {}
    problem_ref = _schema(Problem, components)
    paths: dict[str, Any] = {}
    for op in OPERATIONS:
        parameters: list[dict[str, Any]] = []
        for name in re.findall(r"{(\w+)}", op.path):
            kind = "integer" if name == "entry" else "string"
            parameters.append({"name": name, "in": "path", "required": True, "schema": {"type": kind}})
        if op.name != "meta":
            parameters.append({"name": USER_HEADER, "in": "header", "required": True,
                               "description": "username of the acting agent; with a bearer token it must be the "
                               "token's agent (anyone else is 403)", "schema": {"type": "string"}})
        if op.versioned:
            parameters.append({"name": "If-Match", "in": "header", "required": op.version_required,
                               "description": "the ticket's version from its ETag; a stale one gives 409"
                               + ("; without it the write is refused with 428" if op.version_required else ""),
                               "schema": {"type": "string"}})
        if op.query is not None:
            query_schema = op.query.model_json_schema(ref_template=REF_TEMPLATE)
            components.update(query_schema.pop("$defs", {}))
            for name, prop in query_schema["properties"].items():
                parameters.append({"name": name, "in": "query", "required": False, "schema": prop,
                                   "description": prop.get("description", "")})
        operation: dict[str, Any] = {
            "operationId": op.name,
            "summary": op.summary,
            "parameters": parameters,
            "responses": {
                str(op.status): {"description": "OK", "content": (
                    {OCTET_STREAM: {"schema": {"type": "string", "format": "binary"}}} if op.streamed
                    else {"application/json": {"schema": _schema(op.response, components)}})},
                "401": {"description": "No token, or one that is unknown or revoked (`helpline serve`)",
                        "content": {"application/problem+json": {"schema": problem_ref}}},
                "403": {"description": "The token's agent may not act as the agent named",
                        "content": {"application/problem+json": {"schema": problem_ref}}},
                "default": {"description": "A problem (RFC 9457); `rule` names the R- rule that refused",
                            "content": {"application/problem+json": {"schema": problem_ref}}},
            },
        }
        if op.version_required:
            operation["responses"]["428"] = {
                "description": "No If-Match: send the ticket's version from its ETag",
                "content": {"application/problem+json": {"schema": problem_ref}}}
        if op.body is not None:
            operation["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": _schema(op.body, components)}},
            }
        paths.setdefault(op.path, {})[op.method.lower()] = operation
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Helpline adapter API",
            "version": API_VERSION,
            "description": "What a backend answers so that the Helpline workstation can work with it. "
            "Bodies are the domain models; errors are problem documents; writes take If-Match, and every "
            "change of a ticket but a new note requires it (428 without).",
        },
        "paths": paths,
        # `helpline serve` answers every operation only with a token of an agent (`helpline token create`); the
        # workstation's embedded adapter, in its own process, needs none.
        "security": [{SECURITY_SCHEME: []}],
        "components": {
            "schemas": components,
            "securitySchemes": {SECURITY_SCHEME: {
                "type": "http", "scheme": "bearer",
                "description": "a token of one agent, made with `helpline token create USER`; the token's agent "
                "is the acting agent",
            }},
        },
    }
