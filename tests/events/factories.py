"""Generated events for the events tests."""

from __future__ import annotations

import secrets
import time

from firewall_proxy.events.model import Event

CATEGORIES = ("prompt_injection", "pii", "toxicity")
ACTIONS = ("flag", "block", "impute")


def make_event(
    i: int,
    when: float | None = None,
    *,
    project: str | None = None,
    action: str | None = None,
    categories: dict[str, float] | None = None,
) -> Event:
    """Event number ``i``: projects, actions and categories cycle deterministically."""
    cats = categories if categories is not None else {CATEGORIES[i % 3]: 0.5 + (i % 5) / 10}
    if categories is None and i % 4 == 0:
        cats["pii"] = 0.66
    return Event(
        id=f"ev{i:06d}{secrets.token_hex(3)}",
        time=time.time() - i if when is None else when,
        project=project or ("shop" if i % 2 else "bank"),
        route="/v1/chat/completions",
        action=action or ACTIONS[i % 3],
        mode="enforce",
        categories=cats,
        explanation=f"event {i}: {', '.join(cats)} over threshold",
        findings=[
            {
                "category": c,
                "score": s,
                "explanation": f"{c} seen",
                "evaluator": "test",
                "part": 0,
                "span": [0, 4],
            }
            for c, s in cats.items()
        ],
        undecided=[],
        evaluator_ms={"test": 0.25},
        latency_ms=0.5,
        request_id=f"req-{i}",
        excerpt=f"[{next(iter(cats)).upper()}] rest of prompt {i}",
    )
