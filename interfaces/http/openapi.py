"""The OpenAPI 3.1 document, generated from the route table and its pydantic models, so
it describes exactly what the server validates and answers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic.json_schema import GenerateJsonSchema
from starlette.responses import JSONResponse

from interfaces.http.bodies import body_model, body_type
from interfaces.http.endpoints import Call, Endpoint, adapter_of
from interfaces.http.errors import PROBLEM_JSON, SLUG_OF_STATUS, TITLES
from interfaces.http.inputs import IDEMPOTENCY_KEY_PATTERN, IF_MATCH_PATTERN
from interfaces.http.positions import (
    AFTER_PARAMETER,
    POSITION,
    POSITION_HEADER,
    STALE,
    STALE_HEADER,
)
from interfaces.http.responses import ProblemOut

REF = "#/components/schemas/{model}"
_PATH_SCHEMAS: dict[str | None, dict[str, Any]] = {
    None: {"type": "string", "minLength": 1},
    "uuid": {"type": "string", "format": "uuid"},
}
_COMMAND_HEADERS = [
    {
        "name": "Idempotency-Key",
        "in": "header",
        "required": False,
        "description": "Send a command again with the same key: the first answer comes back "
        "and nothing is applied twice. The same key with another request is a 422.",
        "schema": {"type": "string", "pattern": IDEMPOTENCY_KEY_PATTERN},
    },
    {
        "name": "If-Match",
        "in": "header",
        "required": False,
        "description": 'The version the command was decided on, as "3" (or 3): a stale one '
        "answers 412 and changes nothing.",
        "schema": {"type": "string", "pattern": IF_MATCH_PATTERN},
    },
]


async def serve(call: Call) -> JSONResponse:
    return JSONResponse(call.services.openapi)


ENDPOINT = Endpoint(
    "GET",
    "/openapi.json",
    "openapi",
    "This document",
    serve,
    auth=False,
    tag="operations",
)


def document(endpoints: Sequence[Endpoint], version: str = "1") -> dict[str, Any]:
    schemas, components = _schemas(endpoints)
    paths: dict[str, dict[str, Any]] = {}
    for endpoint in endpoints:
        paths.setdefault(endpoint.template, {})[endpoint.method.lower()] = _operation(
            endpoint, schemas, components
        )
    for endpoint in endpoints:
        if endpoint.query is not None:
            components.pop(endpoint.query.__name__, None)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Motcua", "version": version},
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
            },
        },
    }


def _schemas(
    endpoints: Sequence[Endpoint],
) -> tuple[dict[tuple[Any, str], Any], dict[str, Any]]:
    inputs: list[tuple[Any, Any, Any]] = [(ProblemOut, "serialization", _core(ProblemOut))]
    for endpoint in endpoints:
        if endpoint.body is not None:
            inputs.append((endpoint.body, "validation", _core(body_type(endpoint.body))))
        if endpoint.query is not None:
            inputs.append((endpoint.query, "validation", _core(endpoint.query)))
        if endpoint.response is not None:
            inputs.append((endpoint.response, "serialization", _core(endpoint.response)))
    by_key, definitions = GenerateJsonSchema(ref_template=REF).generate_definitions(inputs)
    return dict(by_key), {str(name): schema for name, schema in definitions.items()}


def _core(kind: Any) -> Any:
    return adapter_of(kind).core_schema


def _operation(
    endpoint: Endpoint, schemas: dict[tuple[Any, str], Any], components: dict[str, Any]
) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": endpoint.name,
        "summary": endpoint.summary,
        "tags": [endpoint.tag],
        "parameters": _parameters(endpoint, schemas, components),
        "responses": _responses(endpoint, schemas),
    }
    if endpoint.auth:
        operation["security"] = [{"bearer": []}]
    if endpoint.body is not None:
        operation["requestBody"] = {
            "required": any(
                field.is_required() for field in body_model(endpoint.body).model_fields.values()
            ),
            "content": {"application/json": {"schema": schemas[(endpoint.body, "validation")]}},
        }
    return operation


def _parameters(
    endpoint: Endpoint, schemas: dict[tuple[Any, str], Any], components: dict[str, Any]
) -> list[dict[str, Any]]:
    parameters = [
        {"name": name, "in": "path", "required": True, "schema": _PATH_SCHEMAS[convertor]}
        for name, convertor in endpoint.path_parameters
    ]
    if endpoint.query is not None:
        reference = schemas[(endpoint.query, "validation")]["$ref"]
        model = components[reference.rsplit("/", 1)[-1]]
        required = set(model.get("required", ()))
        parameters += [
            {"name": name, "in": "query", "required": name in required, "schema": schema}
            for name, schema in model["properties"].items()
        ]
    parameters += endpoint.headers
    if endpoint.reads is not None:
        parameters.append(AFTER_PARAMETER)
    if endpoint.command:
        parameters += _COMMAND_HEADERS
    return parameters


def _responses(endpoint: Endpoint, schemas: dict[tuple[Any, str], Any]) -> dict[str, Any]:
    if endpoint.response is None:
        content = {endpoint.media_type: {"schema": {"type": "object"}}}
        if endpoint.media_type.startswith("text/"):
            content = {endpoint.media_type: {"schema": {"type": "string"}}}
        elif not endpoint.media_type.endswith("json"):
            content = {endpoint.media_type: {"schema": {"type": "string", "format": "binary"}}}
    else:
        content = {"application/json": {"schema": schemas[(endpoint.response, "serialization")]}}
    success: dict[str, Any] = {"description": endpoint.summary, "content": content}
    headers: dict[str, Any] = {}
    if endpoint.etag:
        headers["ETag"] = {"description": "The dossier's version", "schema": {"type": "string"}}
    if endpoint.command:
        headers[POSITION] = POSITION_HEADER
    if endpoint.reads is not None:
        headers[STALE] = STALE_HEADER
    if headers:
        success["headers"] = headers
    answers = {str(endpoint.status): success}
    problem = {PROBLEM_JSON: {"schema": schemas[(ProblemOut, "serialization")]}}
    for status in endpoint.problem_statuses:
        answers[str(status)] = {"description": TITLES[SLUG_OF_STATUS[status]], "content": problem}
    return answers
