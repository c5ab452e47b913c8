"""The verdict API: ``POST /firewall/{project_id}`` for applications that decide themselves.

Flow position::

    request ──► authenticate (key) ──► project check ──► rate limit ──► read body (cap)
            ──► extract (payloads) ──► Engine.evaluate ──► verdict answer (shapes)

:class:`VerdictApi` is a pure ASGI app (no framework on the hot path: the
verdict API must cost little more than the evaluation itself).
``firewall-proxy serve`` mounts it under ``/firewall``; any Starlette/FastAPI
app can add :meth:`VerdictApi.routes` instead. Each project has its own
:class:`Engine` (its own policy) and its own keys. Nothing needs the ASGI
lifespan: engines load on first use when no lifespan runs (mounted apps), or
up front when it does.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import anyio.to_thread
import orjson
from starlette.routing import BaseRoute, Route

from firewall_proxy._exceptions import MalformedPayload
from firewall_proxy.api.keys import ApiKey, KeyStore
from firewall_proxy.api.openapi import openapi_document
from firewall_proxy.api.payloads import image_payload, prompt_payload
from firewall_proxy.api.projects import PROJECT_ID_PATTERN
from firewall_proxy.api.ratelimit import MemoryRateLimiter, Rate, RateLimiter, parse_rate
from firewall_proxy.api.shapes import Compat, error_body, verdict_body, verdict_status
from firewall_proxy.enforce.asgi import Receive, Scope, Send
from firewall_proxy.enforce.impute import apply_fixes
from firewall_proxy.engine import Engine, new_id
from firewall_proxy.events.model import EventSink
from firewall_proxy.extract.payload import Payload
from firewall_proxy.findings import Action, Mode, Verdict
from firewall_proxy.policy.models import Policy
from firewall_proxy.reload import EngineSlot

__all__ = ["ProjectSource", "VerdictApi", "api_app_for_serve", "build_api_app"]

ProjectSource = EngineSlot | Engine | Policy | str | os.PathLike[str]
_PROJECT_ID = re.compile(PROJECT_ID_PATTERN)
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_WANTED = frozenset(
    {b"authorization", b"x-api-key", b"content-type", b"content-length", b"x-request-id"}
)
_CHALLENGE = {"www-authenticate": 'Bearer realm="firewall-proxy"'}


class _Refused(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        field: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.field, self.headers = field, headers or {}


async def _send_json(
    send: Send, status: int, body: Any, headers: dict[str, str] | None = None
) -> None:
    data = orjson.dumps(body)
    raw = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(data)).encode()),
        (b"cache-control", b"no-store"),
    ]
    raw += [(k.encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": data})


def _headers(scope: Scope) -> dict[bytes, str]:
    return {k: v.decode("latin-1") for k, v in scope["headers"] if k in _WANTED}


def _presented_key(headers: dict[bytes, str]) -> str:
    scheme, _, token = headers.get(b"authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return headers.get(b"x-api-key", "").strip()


class _Endpoint:
    """One API operation as an ASGI app, for Starlette ``Route`` (reads ``path_params``)."""

    def __init__(self, api: VerdictApi, images: bool) -> None:
        self.api, self.images = api, images

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        project_id = scope.get("path_params", {}).get("project_id", "")
        await self.api.handle(scope, receive, send, project_id, images=self.images)


class _OpenApi:
    """The OpenAPI document as an ASGI app (a class, so Starlette's ``Route`` passes ASGI)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await _send_json(send, 200, openapi_document(self.prefix))


class VerdictApi:
    """The verdict API over a set of projects, a key store and a rate limiter (pure ASGI)."""

    def __init__(
        self,
        projects: Mapping[str, ProjectSource],
        keystore: KeyStore,
        rate_limiter: RateLimiter | None = None,
        events: EventSink | None = None,
        *,
        prefix: str = "/firewall",
    ) -> None:
        if not projects:
            raise ValueError("the verdict API needs at least one project")
        # One slot per project: the engine in force, which a policy reload may replace.
        self.slots: dict[str, EngineSlot] = {}
        for project_id, source in projects.items():
            if not _PROJECT_ID.match(project_id):
                raise ValueError(f"invalid project id {project_id!r}")
            if isinstance(source, EngineSlot):
                self.slots[project_id] = source
            elif isinstance(source, Engine):
                self.slots[project_id] = EngineSlot(source)
            elif isinstance(source, Policy):
                self.slots[project_id] = EngineSlot(
                    Engine(source, events=events, project=project_id)
                )
            else:
                self.slots[project_id] = EngineSlot.from_file(
                    Path(source), events=events, project=project_id, scope="api"
                )
        self.keystore = keystore
        self.rate_limiter: RateLimiter = rate_limiter or MemoryRateLimiter()
        self.prefix = prefix.rstrip("/")
        self._parsed_rates: dict[str, Rate] = {}
        for slot in self.slots.values():  # a bad rate in a policy fails here, not per request
            self._rate(slot.engine.policy.api.rate_limit)

    @property
    def engines(self) -> dict[str, Engine]:
        """Each project's engine in force now."""
        return {project_id: slot.engine for project_id, slot in self.slots.items()}

    # -- lifecycle ----------------------------------------------------------------

    async def startup(self) -> None:
        """Load and warm every project's evaluators (heavy models, compiled patterns)
        before the first request."""
        for engine in self.engines.values():
            await anyio.to_thread.run_sync(engine.warm)

    async def aclose(self) -> None:
        for slot in dict.fromkeys(self.slots.values()):
            await slot.aclose()
        await self.rate_limiter.aclose()

    # -- ASGI -------------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        path: str = scope["path"]
        rest = path[len(self.prefix) + 1 :] if path.startswith(self.prefix + "/") else None
        method = scope["method"]
        if rest == "openapi.json":
            if method != "GET":
                await _send_json(send, 405, {"message": "use GET"}, {"allow": "GET"})
                return
            await _send_json(send, 200, openapi_document(self.prefix))
            return
        project_id, _, tail = (rest or "").partition("/")
        if rest is None or not project_id or tail not in ("", "images"):
            await _send_json(send, 404, {"message": f"not found: {path}"})
            return
        if method != "POST":
            await _send_json(send, 405, {"message": "use POST"}, {"allow": "POST"})
            return
        await self.handle(scope, receive, send, project_id, images=tail == "images")

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                try:
                    await self.startup()
                except Exception as exc:
                    await send({"type": "lifespan.startup.failed", "message": str(exc)})
                    return
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.aclose()
                await send({"type": "lifespan.shutdown.complete"})
                return

    def routes(self, prefix: str | None = None) -> list[BaseRoute]:
        """Starlette routes to add to any Starlette/FastAPI app (the OpenAPI document first)."""
        prefix = (self.prefix if prefix is None else prefix).rstrip("/")

        return [
            Route(f"{prefix}/openapi.json", _OpenApi(prefix), methods=["GET"]),
            Route(prefix + "/{project_id}", _Endpoint(self, False), methods=["POST"]),
            Route(prefix + "/{project_id}/images", _Endpoint(self, True), methods=["POST"]),
        ]

    # -- the request flow -----------------------------------------------------------

    async def handle(
        self, scope: Scope, receive: Receive, send: Send, project_id: str, *, images: bool
    ) -> None:
        start = time.perf_counter()
        slot = self.slots.get(project_id)
        if slot is None:
            await self._answer(scope, receive, send, project_id, images, None, start)
            return
        # The engine in force when the request starts decides it, whatever a reload does.
        with slot.lease() as engine:
            await self._answer(scope, receive, send, project_id, images, engine, start)

    async def _answer(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        project_id: str,
        images: bool,
        engine: Engine | None,
        start: float,
    ) -> None:
        headers = _headers(scope)
        header_id = headers.get(b"x-request-id", "")
        request_id = header_id if _REQUEST_ID.match(header_id) else new_id()
        compat: Compat = engine.policy.api.compat if engine is not None else "default"
        try:
            key, engine = await self._authenticate(headers, project_id, engine)
            await self._limit(key, engine)
            body = await self._read_body(receive, headers, engine.policy.limits.max_body_bytes)
            content_type = headers.get(b"content-type", "")
            try:
                payload = (image_payload if images else prompt_payload)(body, content_type)
            except MalformedPayload as exc:
                raise _Refused(422, "malformed", exc.message, field=exc.field) from exc
        except _Refused as exc:
            latency = (time.perf_counter() - start) * 1000.0
            answer = error_body(
                request_id,
                exc.status,
                exc.code,
                exc.message,
                field=exc.field,
                compat=compat,
                latency_ms=latency,
            )
            await _send_json(send, exc.status, answer, {"x-request-id": request_id, **exc.headers})
            return
        # ?record=false: evaluate only (a client checking before it decides to upload);
        # otherwise non-passing verdicts are recorded, as on the proxy.
        record = _query_flag(scope, b"record", default=True)
        verdict, _ = await engine.evaluate(
            payload, route=scope["path"], request_id=request_id, record=record
        )
        status = verdict_status(verdict)
        out = verdict_body(
            verdict,
            status,
            project=project_id,
            compat=compat,
            imputed=self._imputed(payload, verdict),
        )
        out["latency_ms"] = round((time.perf_counter() - start) * 1000.0, 3)
        await _send_json(
            send,
            status,
            out,
            {"x-request-id": request_id, "x-firewall-action": verdict.action.value},
        )

    async def _authenticate(
        self, headers: dict[bytes, str], project_id: str, engine: Engine | None
    ) -> tuple[ApiKey, Engine]:
        presented = _presented_key(headers)
        if not presented:
            raise _Refused(
                401,
                "unauthorised",
                "an API key is required: send 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'",
                field="authorization",
                headers=_CHALLENGE,
            )
        key = await self.keystore.verify(presented)
        if key is None:
            raise _Refused(
                401,
                "unauthorised",
                "the API key is not valid (unknown or revoked)",
                field="authorization",
                headers=_CHALLENGE,
            )
        # A key of another project gets 403 whether or not ``project_id`` exists: the
        # answer must not tell one tenant which other projects this server has.
        if key.project != project_id:
            raise _Refused(
                403,
                "forbidden",
                f"this API key is not valid for project {project_id!r}",
                field="authorization",
            )
        if engine is None:
            raise _Refused(
                404,
                "unknown_project",
                f"this key's project {project_id!r} is not served on this server",
                field="project_id",
            )
        return key, engine

    def _rate(self, spec: str | None) -> Rate | None:
        """The parsed rate for a limit spec (parsed once, kept by its text)."""
        if not spec:
            return None
        rate = self._parsed_rates.get(spec)
        if rate is None:
            rate = self._parsed_rates.setdefault(spec, parse_rate(spec))
        return rate

    async def _limit(self, key: ApiKey, engine: Engine) -> None:
        # A key's own limit wins over its project's (read from the policy in force).
        rate = self._rate(key.rate_limit or engine.policy.api.rate_limit)
        if rate is None:
            return
        decision = await self.rate_limiter.hit(f"key:{key.key_id}", rate)
        if not decision.allowed:
            raise _Refused(
                429,
                "rate_limited",
                f"rate limit of {rate} for this API key "
                f"exceeded; retry after {decision.retry_after_header} s",
                headers={"retry-after": decision.retry_after_header},
            )

    @staticmethod
    async def _read_body(receive: Receive, headers: dict[bytes, str], cap: int) -> bytes:
        too_large = _Refused(
            413, "oversize", f"the request body is larger than {cap} bytes", field="body"
        )
        declared = headers.get(b"content-length", "")
        # ASCII digits only ("²".isdigit() is true), and no int() of thousands of digits
        # (a ValueError past 4300): more digits than the cap has is over the cap.
        if (
            declared.isascii()
            and declared.isdigit()
            and (len(declared.lstrip("0")) > len(str(cap)) or int(declared) > cap)
        ):
            raise too_large
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _Refused(
                    422,
                    "malformed",
                    "the client disconnected before sending the whole body",
                    field="body",
                )
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > cap:
                raise too_large
            chunks.append(chunk)
            if not message.get("more_body", False):
                return chunks[0] if len(chunks) == 1 else b"".join(chunks)

    @staticmethod
    def _imputed(payload: Payload, verdict: Verdict) -> Any:
        """For an enforced ``impute`` verdict on a JSON body: the corrected body, ready to use."""
        if verdict.action is not Action.IMPUTE or verdict.mode is not Mode.ENFORCE:
            return None
        if not isinstance(payload.document, dict) or payload.content_type.startswith("multipart/"):
            return None
        return orjson.loads(apply_fixes(payload, Engine.fixes(verdict)))


def build_api_app(
    projects: Mapping[str, ProjectSource],
    keystore: KeyStore,
    rate_limiter: RateLimiter | None = None,
    events: EventSink | None = None,
) -> VerdictApi:
    """The verdict API as an ASGI app (routes under ``/firewall``).

    ``projects`` maps project id -> an :class:`Engine`, a :class:`Policy`, or a
    policy file path (see :func:`firewall_proxy.api.projects.load_projects`).
    ``events`` is handed to the engines this builds; its owner starts and closes it.
    """
    return VerdictApi(projects, keystore, rate_limiter, events)


def api_app_for_serve(
    *,
    policy: ProjectSource,
    projects_file: str | os.PathLike[str] | None = None,
    keys_file: str | os.PathLike[str] = "firewall-keys.db",
    rate_limit_store: str | None = None,
    events: EventSink | None = None,
) -> VerdictApi:
    """The verdict API as ``firewall-proxy serve`` mounts it.

    With ``projects_file`` every project listed there is served; without it the
    server's own ``policy`` (a path, :class:`Policy` or its :class:`Engine`) is
    project ``default``. ``rate_limit_store`` is ``None``/``"memory"`` or a
    ``redis://`` URL shared by replicas.
    """
    from firewall_proxy.api.projects import load_projects
    from firewall_proxy.api.ratelimit import open_rate_limiter

    projects: dict[str, ProjectSource]
    if projects_file is not None:
        projects = dict(load_projects(Path(projects_file)))
    else:
        projects = {"default": policy}
    return build_api_app(
        projects, KeyStore(Path(keys_file)), open_rate_limiter(rate_limit_store), events
    )


def _query_flag(scope: Scope, name: bytes, *, default: bool) -> bool:
    """A boolean query parameter (``false``/``0``/``no`` are false)."""
    for pair in scope.get("query_string", b"").split(b"&"):
        key, _, value = pair.partition(b"=")
        if key == name:
            return value.lower() not in (b"false", b"0", b"no")
    return default
