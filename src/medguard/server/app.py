"""The FastAPI app: ``create_app(settings)`` builds it."""

# No ``from __future__ import annotations`` here: FastAPI reads the endpoint annotations at run
# time, and the check endpoint's body type is built inside create_app from the settings.

import asyncio
import logging
import signal
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Body, FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..models import Decision, Document, Report
from ..readers.base import InputError
from ..readers.cms_json import document_from_json
from .auth import PUBLIC_PATHS, AuthMiddleware
from .limits import BodyLimitMiddleware
from .metrics import MetricsMiddleware
from .reload import ReloadError, ServiceState
from .schemas import (
    Health, PolicyInfo, Problem, Readiness, ReloadFailure, ReloadResult, RuleInfo, ValidationFailure,
    WordPressPost, check_request_type, public_loc,
)
from .settings import ServerSettings

logger = logging.getLogger("medguard.server")

DESCRIPTION = """\
Pre-publish checks for health content: send an article, get back a decision (`pass`, `warn`,
`block`) and findings with positions to highlight.

**Positions.** For every finding, `source_start`/`source_end` (and `line`/`column`) index the
`body` exactly as you sent it — for HTML that includes the markup, so highlight with these.
`start`/`end` index the text medguard extracted (tags removed, entities decoded), which is what
`excerpt` quotes; for Markdown and plain text the two usually agree. All offsets and `column`
count Unicode code points, not UTF-16 units: in JavaScript, convert before slicing when the text
has characters outside the BMP (emoji). `\r\n` counts as two characters. A span may cross
element boundaries (`miracle <em>cure</em>`), and one in an image's alt text lies inside the
`<img>` tag. The title is checked too: a finding in it has `field: "title"`, its
`source_start`/`source_end` index the title as sent, and it has no line; its `start`/`end`
index the text as read, where the title follows the body after a blank line.

**Errors and retries.** 413 and 422 are about the request itself: sending it again cannot
help. There is no 429: a service too busy to finish a check within `--timeout` (per request; a
list shares it) answers 200 with a `timeout` diagnostic and the policy's `on_error` decision —
an error diagnostic, not a finding, means "try again later".

**Auth.** When the service has API tokens, every endpoint except `/healthz` and `/readyz`
needs `Authorization: Bearer <token>`.

**Policy version.** Every report names the policy (name and version) that decided it; also in
the `X-Medguard-Policy` response header, with the worst decision in `X-Medguard-Decision`.
"""

_DECISION_RANK = {Decision.pass_: 0, Decision.warn: 1, Decision.block: 2}


def create_app(settings: ServerSettings | None = None, *, state: ServiceState | None = None) -> FastAPI:
    """Build the app; loads plugins and the policy now unless ``state`` is given (raises
    PolicyError or SettingsError when they are bad)."""
    settings = settings or (state.settings if state else ServerSettings())
    state = state or ServiceState(settings)
    CheckRequest = check_request_type(settings.max_documents)
    reload_tasks: set[asyncio.Task] = set()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        loop = asyncio.get_running_loop()
        sighup = False
        if settings.handle_sighup and hasattr(signal, "SIGHUP"):
            def on_sighup() -> None:
                task = loop.create_task(_reload_and_log(state))
                reload_tasks.add(task)
                task.add_done_callback(reload_tasks.discard)
            try:
                loop.add_signal_handler(signal.SIGHUP, on_sighup)
                sighup = True
            except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, or no signals here
                logger.warning("cannot reload on SIGHUP here; use POST /v1/reload")
        state.ready = True
        try:
            yield
        finally:
            state.ready = False
            if sighup:
                loop.remove_signal_handler(signal.SIGHUP)
            state.shutdown()

    app = FastAPI(
        title="medguard", version=__version__, description=DESCRIPTION, lifespan=lifespan,
        responses={400: {"model": Problem, "content": {"text/plain": {"schema": {"type": "string"}}},
                         "description": "Malformed HTTP request, e.g. an invalid Content-Length header (uvicorn "
                                        "answers in plain text before the service sees the request)."},
                   500: {"model": Problem, "description": "Internal error; the service log has the details."}},
        openapi_tags=[
            {"name": "check", "description": "Check documents against the active policy."},
            {"name": "policy", "description": "The active policy pack, and reloading it."},
            {"name": "operations", "description": "Health, readiness and metrics."},
        ],
    )
    app.state.medguard = state

    protected = {401: {"model": Problem, "description": "Missing or invalid API token."}}

    @app.post(
        "/v1/check", tags=["check"], response_model=Report,
        summary="Check one document, a list of documents, or a WordPress REST post",
        responses={**protected, 413: {"model": Problem, "description": "Request body over the size limit."},
                   422: {"model": ValidationFailure, "description": "The request is not a document or a list of them."}},
    )
    async def check(payload: Annotated[CheckRequest, Body(openapi_examples={
        "document": {"summary": "medguard's Document", "value": {
            "id": "post-42", "title": "Calm, naturally", "format": "html",
            "body": "<p>This supplement is a miracle cure for anxiety.</p>"}},
        "wordpress": {"summary": "A WordPress REST post, unchanged", "value": {
            "id": 48213, "title": {"rendered": "Calm, naturally"},
            "content": {"rendered": "<p>This supplement is a miracle cure for anxiety.</p>"}}},
        "list": {"summary": "Several documents", "value": [
            {"body": "Guaranteed results in 7 days.", "format": "text"},
            {"body": "# Sleep\n\nTalk to your doctor first.", "format": "markdown"}]},
    })], request: Request) -> Response:
        active = state.active  # one engine for the whole request, whatever reloads happen meanwhile
        engine = active.engine
        many = isinstance(payload, list)
        items = payload if many else [payload]
        documents: list[tuple[Document, str]] = []
        errors = []
        for index, item in enumerate(items):
            loc: tuple = ("body", index) if many else ("body",)
            try:
                document = _to_document(item)
            except InputError as error:
                errors.append({"loc": loc, "msg": str(error), "type": "value_error"})
                continue
            if document.format not in engine.host.parsers:
                known = ", ".join(sorted(engine.host.parsers))
                errors.append({"loc": (*loc, "format"), "type": "value_error",
                               "msg": f"unknown document format (known: {known})"})
                continue
            documents.append((document, f"request[{index}]" if many else "request"))
        if errors:
            raise RequestValidationError(errors)
        active, reports = await state.runner.check(active, documents, arrived=request.state.arrived)
        report = Report(medguard_version=__version__, policy=active.ref, documents=reports)
        worst = max((r.decision for r in reports), key=_DECISION_RANK.__getitem__, default=Decision.pass_)
        return Response(report.model_dump_json(), media_type="application/json", headers={
            "X-Medguard-Policy": f"{active.ref.name}@{active.ref.version}", "X-Medguard-Decision": worst.value,
        })

    @app.get("/v1/policy", tags=["policy"], response_model=PolicyInfo, responses=protected,
             summary="The active policy pack: name, version, decision thresholds and rules")
    async def policy_info() -> PolicyInfo:
        active = state.active
        policy = active.engine.policy
        spec = policy.spec
        return PolicyInfo(
            name=policy.name, version=policy.version, description=spec.description.strip(), digest=policy.digest,
            on_error=spec.on_error, decision={"block": spec.decision.block, "warn": spec.decision.warn},
            loaded_at=active.loaded_at,
            rules=[RuleInfo(
                id=r.spec.id, type=r.spec.type, category=r.category, severity=r.spec.severity, message=r.spec.message,
                references=r.spec.references, scope=r.spec.scope, suggestion=r.spec.suggestion,
                enabled=r.spec.enabled, skipped=r.skipped,
            ) for r in policy.rules],
        )

    @app.post("/v1/reload", tags=["policy"], response_model=ReloadResult,
              summary="Re-read the policy file and the token file, then switch to them atomically",
              responses={**protected, 409: {"model": ReloadFailure,
                                            "description": "The new policy or tokens are bad; nothing changed."}})
    async def reload() -> Any:
        try:
            previous, current, tokens = await state.reload()
        except ReloadError as error:
            return JSONResponse(status_code=409, content=ReloadFailure(
                detail=f"{error}; still serving {state.active.ref.name} {state.active.ref.version}",
                problems=error.problems, policy=state.active.ref).model_dump())
        return ReloadResult(policy=current.ref, digest=current.engine.policy.digest, previous=previous.ref,
                            changed=current.engine.policy.digest != previous.engine.policy.digest, tokens=tokens)

    @app.get("/healthz", tags=["operations"], response_model=Health, summary="Alive (no token needed)")
    async def healthz() -> Health:
        return Health()

    @app.get("/readyz", tags=["operations"], response_model=Readiness,
             summary="Ready: policy and plugins loaded and warmed up (no token needed)",
             responses={503: {"model": Readiness, "description": (
                 "Stopping. Rarely seen: the port opens only once the policy is loaded and warmed up, and "
                 "at shutdown new connections are refused before this turns 503; treat a refused "
                 "connection as not ready.")}})
    async def readyz() -> Any:
        active = state.active
        rules = active.engine.policy.rules
        body = Readiness(status="ready" if state.ready else "stopping", policy=active.ref,
                         active_rules=sum(r.instance is not None for r in rules),
                         skipped_rules=sum(r.instance is None for r in rules))
        return body if state.ready else JSONResponse(status_code=503, content=body.model_dump())

    @app.get("/metrics", tags=["operations"], summary="Prometheus metrics", responses={
        **protected, 200: {"content": {"text/plain": {"schema": {"type": "string"}}}, "description": "Prometheus text format."}})
    async def metrics() -> Response:
        data, content_type = state.metrics.render()
        return Response(data, media_type=content_type)

    @app.exception_handler(RequestValidationError)
    async def validation_failed(request: Request, error: RequestValidationError) -> JSONResponse:
        content_type = request.headers.get("content-type", "")
        if request.method == "POST" and "json" not in content_type.lower():
            detail = [{"loc": ["body"], "type": "content_type",
                       "msg": f"the body must be JSON sent with 'Content-Type: application/json' (got {content_type[:60]!r})"}]
        else:
            detail = [_clean_error(e) for e in error.errors()]
        return JSONResponse(status_code=422, content={"detail": detail})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        if error.status_code == 400 and request.method == "POST":  # FastAPI's answer to a body json cannot parse
            return JSONResponse(status_code=422, content={"detail": [{
                "loc": ["body"], "type": "json_invalid",
                "msg": "invalid JSON: the body could not be parsed (nested too deeply, or not JSON at all)"}]})
        return await http_exception_handler(request, error)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, error: Exception) -> JSONResponse:
        logger.error("unhandled %s on %s %s", type(error).__name__, request.method, request.url.path, exc_info=error)
        return JSONResponse(status_code=500, content={"detail": "internal error (see the service log)"})

    _custom_openapi(app, sorted(state.active.engine.host.parsers))
    known_paths = frozenset(getattr(route, "path", "") for route in app.routes)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(AuthMiddleware, store=state.tokens)
    app.add_middleware(MetricsMiddleware, metrics=state.metrics, known_paths=known_paths)
    return app


def _to_document(item: Document | WordPressPost) -> Document:
    if isinstance(item, Document):
        return item
    data = item.model_dump(exclude_none=True)
    document = document_from_json(data, fallback_id="")
    return document if document.id else document.model_copy(update={"id": None})


def _clean_error(error: dict) -> dict:
    """An error without the input value or context (they may hold secrets), union tags dropped."""
    loc = public_loc(tuple(error.get("loc", ())))
    message = error.get("msg", "invalid value")
    if error.get("type") == "json_invalid":
        message = f"invalid JSON: {(error.get('ctx') or {}).get('error', 'cannot parse the body')}"
    return {"loc": loc, "msg": message, "type": error.get("type", "value_error")}


def _custom_openapi(app: FastAPI, formats: list[str]) -> None:
    """The generated schema, plus bearer auth (the health probes need none) and the formats this
    service reads."""

    def openapi() -> dict:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, description=app.description,
                                 routes=app.routes, tags=app.openapi_tags)
            _declare_bearer_auth(schema)
            _publish_formats(schema, formats)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi


def _declare_bearer_auth(schema: dict) -> None:
    schema.setdefault("components", {})["securitySchemes"] = {"bearerAuth": {
        "type": "http", "scheme": "bearer",
        "description": "One of the service's API tokens (MEDGUARD_API_TOKENS or --token-file).",
    }}
    schema["security"] = [{"bearerAuth": []}]
    for path in PUBLIC_PATHS:
        for operation in schema["paths"].get(path, {}).values():
            operation["security"] = []


def _publish_formats(schema: dict, formats: list[str]) -> None:
    """``Document.format`` as the enum of the parsers loaded (plugins load once, at start-up); any
    other format is still answered with a 422 that lists them."""
    field = schema["components"]["schemas"]["Document"]["properties"]["format"]
    field["enum"] = formats
    field["description"] = (f"The body's format: one of the parsers this service has loaded ({', '.join(formats)}), "
                            "case-insensitive.")


async def _reload_and_log(state: ServiceState) -> None:
    try:
        await state.reload()
    except ReloadError as error:
        logger.error("SIGHUP reload failed, still serving %s %s: %s %s", state.active.ref.name,
                     state.active.ref.version, error, "; ".join(error.problems))
    except Exception:
        logger.exception("SIGHUP reload failed")
