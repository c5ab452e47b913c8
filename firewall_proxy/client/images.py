"""``ImageFirewall``: validate image datapoints from Python, in-process or remotely.

Flow position: the application's side of the image firewall. *Local* mode
runs the checks in this process from a rules file (``firewall-proxy fit
images``); *remote* mode posts each datapoint to a running firewall's
``POST /firewall/{project}/images``. Both return the same
:class:`ImageValidation`::

    from firewall_proxy.client import ImageFirewall

    fw = ImageFirewall.local("rules.json")
    result = fw.validate_single({"image": jpeg_bytes}, pred=[0.1, 0.9])
    if result.summary.action != "pass":
        for r in result.failed:
            print(r.rule, r.value, r.expected, r.action)

The ``..._and_upload`` variants also record the decision, passing or not
(for monitoring a data stream): locally as an event on the
:class:`~firewall_proxy.events.model.EventSink` you give, remotely in the
firewall's own event store. The plain variants send ``?record=false``.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from firewall_proxy.client._errors import (
    FirewallBadResponse,
    FirewallConnectionError,
    FirewallNotAuthorised,
    FirewallProjectNotFound,
    FirewallRequestRejected,
    FirewallServerError,
    FirewallTimeout,
)
from firewall_proxy.findings import ACTION_RANK, Action

if TYPE_CHECKING:
    from firewall_proxy.events.model import EventSink
    from firewall_proxy.images.checker import ImageChecker
    from firewall_proxy.images.rules import RuleResult, RuleSet

__all__ = ["ImageFirewall", "ImageSummary", "ImageValidation", "RuleOutcome"]

Datapoint = dict[str, Any] | bytes | str | Path


@dataclass(frozen=True, slots=True)
class RuleOutcome:
    """One rule's result: what was observed, what was expected, what it asks for."""

    rule: str
    category: str
    value: float | str | None
    expected: list[Any] | None
    action: str
    passed: bool
    message: str = ""
    severity: str = "medium"


@dataclass(frozen=True, slots=True)
class ImageSummary:
    action: str
    fail_category: str | None
    explanation: str
    failed: int


@dataclass(slots=True)
class ImageValidation:
    """The verdict for one datapoint. ``rules`` holds every rule checked in local
    mode, and the failing ones in remote mode (the server reports findings only)."""

    id: str
    summary: ImageSummary
    rules: list[RuleOutcome]
    latency_ms: float
    imputed: bytes | None = None
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def action(self) -> str:
        return self.summary.action

    @property
    def passed(self) -> bool:
        return self.summary.action == "pass"

    @property
    def failed(self) -> list[RuleOutcome]:
        return [r for r in self.rules if not r.passed]


def _outcome(r: RuleResult) -> RuleOutcome:
    return RuleOutcome(
        r.rule,
        r.category,
        r.value,
        list(r.expected) if r.expected else None,
        r.action,
        r.passed,
        r.message,
        r.severity,
    )


def _summary(rules: list[RuleOutcome]) -> ImageSummary:
    failing = [r for r in rules if not r.passed and r.action != "pass"]
    action = Action.PASS
    for r in failing:
        if ACTION_RANK[Action(r.action)] > ACTION_RANK[action]:
            action = Action(r.action)
    deciding = [r for r in failing if r.action == action.value]
    explanation = "; ".join(dict.fromkeys(r.message for r in deciding)) or "no finding"
    return ImageSummary(
        action.value, deciding[0].category if deciding else None, explanation, len(failing)
    )


def _as_datapoint(datapoint: Datapoint) -> dict[str, Any]:
    if isinstance(datapoint, bytes):
        return {"image": datapoint}
    if isinstance(datapoint, str | Path):
        return {"image": Path(datapoint).read_bytes()}
    if not isinstance(datapoint, dict):
        raise TypeError("a datapoint is a dict, image bytes or an image file path")
    return dict(datapoint)


class ImageFirewall:
    """Validates image datapoints. Build with :meth:`local` or :meth:`remote`."""

    def __init__(
        self,
        *,
        rules: str | Path | RuleSet | None = None,
        root: str | Path | None = None,
        events: EventSink | None = None,
        endpoint: str | None = None,
        api_key: str | None = None,
        project: str = "default",
        timeout: float = 10.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if (rules is None) == (endpoint is None):
            raise ValueError("give either rules (local mode) or endpoint (remote mode)")
        self.project = project
        self.events = events
        self._checker: ImageChecker | None = None
        self._client: httpx.Client | None = None
        if rules is not None:
            from firewall_proxy.images.checker import ImageChecker
            from firewall_proxy.images.rules import RuleSet, load_rules

            ruleset = rules if isinstance(rules, RuleSet) else load_rules(rules)
            self._checker = ImageChecker(ruleset, root)
        else:
            assert endpoint is not None
            headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
            self._url = f"{endpoint.rstrip('/')}/firewall/{project}/images"
            self._client = httpx.Client(
                headers=headers,
                timeout=timeout,
                transport=transport,
                trust_env=False,
                follow_redirects=False,
            )

    @classmethod
    def local(
        cls,
        rules: str | Path | RuleSet,
        *,
        root: str | Path | None = None,
        events: EventSink | None = None,
        project: str = "default",
    ) -> ImageFirewall:
        return cls(rules=rules, root=root, events=events, project=project)

    @classmethod
    def remote(
        cls,
        endpoint: str,
        project: str,
        api_key: str,
        *,
        timeout: float = 10.0,
        transport: httpx.BaseTransport | None = None,
    ) -> ImageFirewall:
        return cls(
            endpoint=endpoint,
            project=project,
            api_key=api_key,
            timeout=timeout,
            transport=transport,
        )

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def __enter__(self) -> ImageFirewall:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- public API -------------------------------------------------------------

    def validate_single(
        self, datapoint: Datapoint, pred: Sequence[float] | None = None
    ) -> ImageValidation:
        return self._one(datapoint, pred, record=False)

    def validate_single_and_upload(
        self, datapoint: Datapoint, pred: Sequence[float] | None = None
    ) -> ImageValidation:
        return self._one(datapoint, pred, record=True)

    def validate_batch(
        self, datapoints: Sequence[Datapoint], preds: Sequence[Sequence[float] | None] | None = None
    ) -> list[ImageValidation]:
        return self._many(datapoints, preds, record=False)

    def validate_batch_and_upload(
        self, datapoints: Sequence[Datapoint], preds: Sequence[Sequence[float] | None] | None = None
    ) -> list[ImageValidation]:
        return self._many(datapoints, preds, record=True)

    # -- internals --------------------------------------------------------------

    def _many(
        self,
        datapoints: Sequence[Datapoint],
        preds: Sequence[Sequence[float] | None] | None,
        record: bool,
    ) -> list[ImageValidation]:
        if preds is not None and len(preds) != len(datapoints):
            raise ValueError(f"{len(datapoints)} datapoints but {len(preds)} predictions")
        return [
            self._one(d, preds[i] if preds is not None else None, record=record)
            for i, d in enumerate(datapoints)
        ]

    def _one(
        self, datapoint: Datapoint, pred: Sequence[float] | None, record: bool
    ) -> ImageValidation:
        doc = _as_datapoint(datapoint)
        if pred is not None:
            doc["probabilities"] = [float(p) for p in pred]
        if self._checker is not None:
            return self._local(doc, record)
        return self._remote(doc, record)

    def _local(self, doc: dict[str, Any], record: bool) -> ImageValidation:
        from firewall_proxy.engine import new_id
        from firewall_proxy.extract.payload import ImagePart

        checker = self._checker
        assert checker is not None
        start = time.perf_counter()
        results: list[RuleResult] = []
        imputed = None
        image, path = doc.get("image"), doc.get("image_path")
        if isinstance(image, str):
            from firewall_proxy.extract.images import decode_base64, parse_data_url

            image = (
                parse_data_url(image, "image")[1]
                if image.startswith("data:")
                else decode_base64(image, "image")
            )
        if isinstance(image, bytes) or isinstance(path, str):
            part = ImagePart(
                data=image if isinstance(image, bytes) else None,
                path=path if isinstance(path, str) else None,
            )
            report = checker.check_part(part)
            results.extend(report.results)
            imputed = report.fixed
        probs = doc.get("probabilities")
        if probs is not None:
            results.extend(checker.check_predictions(probs))
        rules = [_outcome(r) for r in results]
        validation = ImageValidation(
            new_id(), _summary(rules), rules, (time.perf_counter() - start) * 1000.0, imputed
        )
        if record and self.events is not None:
            self._emit(validation, results)
        return validation

    def _emit(self, validation: ImageValidation, results: list[RuleResult]) -> None:
        from firewall_proxy.events.model import Event
        from firewall_proxy.findings import Finding, Verdict

        failing = [r for r in results if not r.passed and r.action != "pass"]
        findings = [
            Finding(
                r.category,
                r.score,
                r.message,
                evaluator="image_client",
                data={"rule": r.rule, "value": r.value, "expected": r.expected, "action": r.action},
            )
            for r in failing
        ]
        action = Action(validation.summary.action)
        deciding = [f for f, r in zip(findings, failing, strict=True) if r.action == action.value]
        verdict = Verdict(
            id=validation.id,
            action=action,
            findings=findings,
            deciding=deciding,
            latency_ms=validation.latency_ms,
        )
        assert self.events is not None
        self.events.emit(
            Event.from_verdict(
                verdict,
                project=self.project,
                route="client:images",
                image={"rules_checked": len(results), "rules_failed": len(findings)},
            )
        )

    def _remote(self, doc: dict[str, Any], record: bool) -> ImageValidation:
        client = self._client
        assert client is not None
        if isinstance(doc.get("image"), bytes):
            doc["image"] = base64.b64encode(doc["image"]).decode("ascii")
        start = time.perf_counter()
        try:
            response = client.post(
                self._url, json=doc, params=None if record else {"record": "false"}
            )
        except httpx.TimeoutException as exc:
            raise FirewallTimeout(f"the image firewall timed out: {exc}") from exc
        except httpx.HTTPError as exc:
            raise FirewallConnectionError(f"cannot reach the image firewall: {exc}") from exc
        return self._parse(response, (time.perf_counter() - start) * 1000.0)

    @staticmethod
    def _parse(response: httpx.Response, elapsed_ms: float) -> ImageValidation:
        code = response.status_code
        try:
            body: Any = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise FirewallBadResponse(
                f"HTTP {code} with a body that is not a JSON object",
                status_code=code,
                body=response.text[:500],
            )
        error = body.get("error")
        message = (error.get("message") if isinstance(error, dict) else None) or str(
            body.get("explanation", f"HTTP {code}")
        )
        if code in (401, 403):
            raise FirewallNotAuthorised(message, status_code=code, body=body)
        if code == 404:
            raise FirewallProjectNotFound(message, status_code=code, body=body)
        if code in (400, 413, 422) and "action" not in body:
            field_name = error.get("field") if isinstance(error, dict) else None
            raise FirewallRequestRejected(
                message,
                status_code=code,
                body=body,
                field=field_name if isinstance(field_name, str) else None,
            )
        if code >= 500:
            raise FirewallServerError(f"firewall error (HTTP {code})", status_code=code, body=body)
        try:
            action = Action(body["action"])
            rules = []
            for f in body.get("findings") or []:
                data = f.get("data") or {}
                rules.append(
                    RuleOutcome(
                        str(data.get("rule", f.get("category"))),
                        str(f["category"]),
                        data.get("value"),
                        data.get("expected"),
                        str(data.get("action", action.value)),
                        False,
                        str(f.get("explanation", "")),
                        str(data.get("severity", "medium")),
                    )
                )
            explanation = str(body.get("explanation", ""))
            summary = ImageSummary(action.value, body.get("fail_category"), explanation, len(rules))
            return ImageValidation(
                str(body["id"]), summary, rules, float(body.get("latency_ms", elapsed_ms)), raw=body
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise FirewallBadResponse(
                f"HTTP {code}: not an image verdict ({exc})", status_code=code, body=body
            ) from exc
