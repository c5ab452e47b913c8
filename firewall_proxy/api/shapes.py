"""What the verdict API answers: status codes and JSON bodies, in both shapes.

Flow position: evaluate -> decide -> **verdict API answer**. Every answer,
errors included, carries ``id, status, action, fail_category, explanation,
confidence, findings, latency_ms`` so a client can read any of them the same
way.

- ``default``: ``explanation`` is the human explanation.
- ``aiandme``: the ai+me 0.5.0 client reads the category token from
  ``explanation`` (``pass`` on 200, ``off_topic|violation|restriction|…`` on
  406), so there ``explanation`` holds the token and ``reason`` the human text.
"""

from __future__ import annotations

from typing import Any, Literal

from firewall_proxy.findings import Action, Mode, Verdict

__all__ = ["Compat", "error_body", "verdict_body", "verdict_status"]

Compat = Literal["default", "aiandme"]


def verdict_status(verdict: Verdict) -> int:
    """200 passed (pass, flag, or anything in shadow mode), 406 not passed, 418 undecided."""
    if verdict.mode is Mode.SHADOW:
        return 200
    if verdict.cannot_decide:
        return 418
    return 200 if verdict.action in (Action.PASS, Action.FLAG) else 406


def verdict_body(
    verdict: Verdict, status: int, *, project: str, compat: Compat, imputed: Any = None
) -> dict[str, Any]:
    passed = status == 200
    fail_category = None if passed else verdict.fail_category
    body: dict[str, Any] = {
        "id": verdict.id,
        "status": passed,
        "action": verdict.action.value,
        "fail_category": fail_category,
        "explanation": verdict.explanation,
        "confidence": round(verdict.confidence, 4),
        "findings": [f.to_dict() for f in verdict.findings],
        "latency_ms": round(verdict.latency_ms, 3),
        "project": project,
        "mode": verdict.mode.value,
        "categories": verdict.categories,
        "undecided": [u.to_dict() for u in verdict.undecided],
    }
    if imputed is not None:
        body["imputed"] = imputed
    if compat == "aiandme":
        token = "pass" if passed else (fail_category or "cannot_decide")
        body["reason"] = body["explanation"]
        body["explanation"] = token
        body["fail_category"] = token
        body["log_id"] = verdict.id
    return body


def error_body(
    request_id: str,
    status: int,
    code: str,
    message: str,
    *,
    field: str | None = None,
    compat: Compat = "default",
    latency_ms: float = 0.0,
) -> dict[str, Any]:
    """An answer that is not a verdict (401/403/404/413/422/429): same fields, plus ``error``."""
    body: dict[str, Any] = {
        "id": request_id,
        "status": False,
        "action": None,
        "fail_category": code,
        "explanation": message,
        "confidence": 0.0,
        "findings": [],
        "latency_ms": round(latency_ms, 3),
        "message": message,
        "error": {"status": status, "code": code, "message": message, "field": field},
    }
    if compat == "aiandme":
        body["reason"] = message
        body["log_id"] = request_id
    return body
