"""The engine: one policy, loaded, ready to inspect requests.

This is the whole flow in one place, shared by every deployment shape
(middleware, proxy, verdict API, CLI)::

    body ──► extract ──► evaluate (chain) ──► decide ──► Inspection ──► enforce
                                                 └──► event (non-pass only)

The engine never touches the network itself (an LLM-judge evaluator may), holds
no per-request state, and is safe to share between concurrent requests.
"""

from __future__ import annotations

import logging
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from firewall_proxy._exceptions import MalformedPayload, PayloadTooLarge, RequestError
from firewall_proxy.decide import Decider
from firewall_proxy.enforce.impute import apply_fixes
from firewall_proxy.evaluate.base import EvalContext
from firewall_proxy.evaluate.chain import Chain, ChainEntry
from firewall_proxy.evaluate.registry import resolve_evaluator
from firewall_proxy.events.excerpt import make_excerpt
from firewall_proxy.events.model import Event, EventSink, NullSink
from firewall_proxy.extract.dispatch import extract
from firewall_proxy.extract.payload import Payload
from firewall_proxy.findings import Action, Category, Finding, Fix, Mode, Undecided, Verdict
from firewall_proxy.policy.loader import load_policy
from firewall_proxy.policy.models import Policy, Route
from firewall_proxy.policy.routes import RouteTable

__all__ = ["Engine", "Inspection", "new_id"]

logger = logging.getLogger("firewall_proxy.engine")


def new_id() -> str:
    """A time-ordered, unguessable id for verdicts and events (hex)."""
    return f"{time.time_ns() // 1_000_000:011x}{secrets.token_hex(5)}"


@dataclass(slots=True)
class Inspection:
    """The outcome of inspecting one request body.

    ``body`` is what to forward (imputed when the verdict says so, else the
    original); ``error`` is set when the request is refused for being
    malformed or too large, and the verdict then is a ``block``.
    """

    verdict: Verdict
    body: bytes
    payload: Payload | None = None
    ctx: EvalContext = field(default_factory=EvalContext)
    error: RequestError | None = None


class Engine:
    """Runs one policy's flow. Build with :meth:`from_file` or from a :class:`Policy`."""

    def __init__(
        self,
        policy: Policy,
        *,
        events: EventSink | None = None,
        project: str = "default",
    ) -> None:
        self.policy = policy
        self.project = project
        self.events: EventSink = events if events is not None else NullSink()
        self.routes = RouteTable(policy.routes)
        self.decider = Decider(policy)
        entries = []
        for cfg in policy.evaluators:
            cls = resolve_evaluator(cfg.name)
            evaluator = cls.from_config(cfg.options, policy)
            stage = cfg.stage if cfg.stage is not None else (0 if cls.cost == "cheap" else 1)
            entries.append(ChainEntry(evaluator, cfg, stage, cfg.timeout_ms / 1000.0))
        self.chain = Chain(entries)
        self._loaded = False
        self._warm = False

    @classmethod
    def from_file(cls, path: str | Path, **kwargs: Any) -> Engine:
        return cls(load_policy(path), **kwargs)

    def load(self) -> None:
        """Load every evaluator's models/profiles (once; later calls do nothing)."""
        if not self._loaded:
            self.chain.load()
            self._loaded = True

    def warm(self) -> None:
        """:meth:`load`, then the work the first requests would pay for (the prompt
        attack families compile on first use: ~0.3 s). Servers call it as they start."""
        self.load()
        if not self._warm:
            self.chain.warm()
            self._warm = True

    async def aclose(self) -> None:
        await self.chain.aclose()

    def match(self, method: str, path: str) -> Route | None:
        return self.routes.match(method, path)

    # -- evaluation ---------------------------------------------------------------

    async def evaluate(
        self,
        payload: Payload,
        *,
        route: str = "",
        request_id: str = "",
        record: bool = True,
    ) -> tuple[Verdict, EvalContext]:
        """Run the chain and the decision on ``payload``; record an event unless it passes."""
        self.load()
        start = time.perf_counter()
        ctx = EvalContext(request_id=request_id, route=route, project=self.project)
        result = await self.chain.run(payload, ctx, self.decider.blocks)
        action, deciding = self.decider.decide(result.findings, result.undecided)
        verdict = Verdict(
            id=new_id(),
            action=action,
            findings=result.findings,
            undecided=result.undecided,
            deciding=deciding,
            mode=self.policy.mode,
            latency_ms=(time.perf_counter() - start) * 1000.0,
            evaluator_ms=result.timings_ms,
        )
        # Every non-passing decision is recorded, and so is every undecided one, even
        # when a fail-open policy lets it pass.
        if record and (action is not Action.PASS or verdict.undecided):
            self.record(verdict, payload, route=route, request_id=request_id)
        return verdict, ctx

    async def scan_text(self, text: str, context: str | None = None) -> Verdict:
        """Evaluate one prompt (with the previous assistant turn as ``context``)."""
        verdict, _ = await self.evaluate(
            Payload.from_text(text, context=context), route="scan", record=False
        )
        return verdict

    async def inspect(
        self,
        route: Route,
        body: bytes,
        content_type: str = "",
        *,
        path: str = "",
        request_id: str = "",
    ) -> Inspection:
        """Extract, evaluate, decide, and compute the body to forward."""
        try:
            payload = extract(route.extractor, body, content_type, route.options)
        except MalformedPayload as exc:
            return self._refused(exc, body, path, request_id, route)
        verdict, ctx = await self.evaluate(payload, route=path or route.path, request_id=request_id)
        out = body
        if verdict.action is Action.IMPUTE and verdict.mode is Mode.ENFORCE:
            try:
                out = apply_fixes(payload, self.fixes(verdict))
            except Exception as exc:  # never forward what could not be corrected
                logger.exception("impute failed (%s); blocking instead", type(exc).__name__)
                verdict.action = Action.BLOCK
                verdict.undecided.append(Undecided("impute", "the correction could not be applied"))
        return Inspection(verdict=verdict, body=out, payload=payload, ctx=ctx)

    def refuse(self, error: RequestError, *, path: str = "", request_id: str = "") -> Inspection:
        """A request refused before extraction (too large): a recorded ``block``."""
        return self._refused(error, b"", path, request_id, None)

    def _refused(
        self, error: RequestError, body: bytes, path: str, request_id: str, route: Route | None
    ) -> Inspection:
        category = Category.OVERSIZE if isinstance(error, PayloadTooLarge) else Category.MALFORMED
        finding = Finding(
            category.value,
            1.0,
            error.message,
            evaluator="extract",
            data={"field": error.field} if error.field else None,
        )
        forward = (
            route is not None
            and route.on_parse_error == "forward"
            and not isinstance(error, PayloadTooLarge)
        )
        action = Action.FLAG if forward else Action.BLOCK
        verdict = Verdict(
            id=new_id(),
            action=action,
            findings=[finding],
            deciding=[finding],
            mode=self.policy.mode,
        )
        self.record(verdict, None, route=path, request_id=request_id)
        # Shadow mode forwards what it would refuse, but only a body that was read whole:
        # a request refused before its body was read (too large) cannot be forwarded.
        shadow = self.policy.mode is Mode.SHADOW and route is not None
        if forward or shadow:
            return Inspection(verdict=verdict, body=body)
        return Inspection(verdict=verdict, body=body, error=error)

    # -- events -------------------------------------------------------------------

    def record(
        self, verdict: Verdict, payload: Payload | None, *, route: str, request_id: str = ""
    ) -> None:
        if isinstance(self.events, NullSink):
            return  # nothing would keep the event: don't build it
        cfg = self.policy.events
        excerpt = make_excerpt(payload, verdict.findings, cfg.excerpt, cfg.excerpt_chars)
        image = _image_summary(payload, verdict) if payload is not None else None
        self.events.emit(
            Event.from_verdict(
                verdict,
                project=self.project,
                route=route,
                excerpt=excerpt,
                request_id=request_id,
                image=image,
            )
        )

    @staticmethod
    def fixes(verdict: Verdict) -> list[Fix]:
        """The corrections of the findings that decided an ``impute`` verdict."""
        return [f.fix for f in verdict.deciding if f.fix is not None]


def _image_summary(payload: Payload, verdict: Verdict) -> dict[str, Any] | None:
    """What an image event keeps of the images: type, size, and each measured property
    the image rules reported (rule -> observed value). Never the pixels."""
    if not payload.images:
        return None
    properties: dict[str, Any] = {}
    for f in verdict.findings:
        if f.data and "rule" in f.data and "value" in f.data:
            properties[str(f.data["rule"])] = f.data["value"]
    return {
        "count": len(payload.images),
        "media_types": [i.media_type for i in payload.images],
        "bytes": [len(i.data) if i.data is not None else None for i in payload.images],
        "properties": properties,
    }
