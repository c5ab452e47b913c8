"""Batch evaluation: run a policy over a data file, row by row, without a server.

Flow position: the same extract -> evaluate -> decide path as live traffic, fed
from files. Rows are read lazily (a 100k-row file is never held in memory).
A row is one of:

- ``{"text": ..., "context"?: ...}`` — one prompt (``--text-field`` renames ``text``);
- ``{"messages": [...]}`` — an OpenAI-style conversation;
- ``{"prompt": ..., "agent_prompt"?: ...}`` — the ai+me shape;
- ``{"image" | "image_path": ..., "probabilities"?: [...]}`` — an image datapoint.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from firewall_proxy._exceptions import MalformedPayload
from firewall_proxy.engine import Engine
from firewall_proxy.extract.chat import extract_aiandme, extract_openai_chat
from firewall_proxy.extract.images import extract_datapoint
from firewall_proxy.extract.payload import Payload
from firewall_proxy.findings import Verdict

__all__ = ["BatchSummary", "iter_jsonl", "row_payload", "run_row"]


def iter_jsonl(path: str | Path) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """Yield (line number, row or None, error or None) for each non-empty line."""
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield n, None, f"line {n}: not valid JSON ({exc.msg})"
                continue
            if not isinstance(row, dict):
                yield n, None, f"line {n}: a row must be a JSON object"
                continue
            yield n, row, None


def row_payload(row: dict[str, Any], text_field: str = "text") -> Payload:
    """The payload for one data row (raises :class:`MalformedPayload`)."""
    if isinstance(row.get(text_field), str):
        ctx = row.get("context")
        return Payload.from_text(row[text_field], context=ctx if isinstance(ctx, str) else None)
    if "messages" in row:
        return extract_openai_chat(row, {})
    if "prompt" in row:
        return extract_aiandme(row, {})
    if "image" in row or "image_path" in row or "probabilities" in row:
        return extract_datapoint(row, {})
    raise MalformedPayload(
        f"no '{text_field}', 'messages', 'prompt' or image field in the row", field=text_field
    )


async def run_row(engine: Engine, row: dict[str, Any], text_field: str = "text") -> Verdict:
    payload = row_payload(row, text_field)
    verdict, _ = await engine.evaluate(payload, route="batch", record=False)
    return verdict


@dataclass
class BatchSummary:
    """Counts for the end-of-run table."""

    rows: int = 0
    errors: int = 0
    actions: Counter[str] = field(default_factory=Counter)
    categories: Counter[str] = field(default_factory=Counter)
    by_label: dict[str, Counter[str]] = field(default_factory=dict)
    latency_ms: list[float] = field(default_factory=list)

    def add(self, verdict: Verdict, label: str | None) -> None:
        self.rows += 1
        self.actions[verdict.action.value] += 1
        for category in verdict.categories:
            self.categories[category] += 1
        if label is not None:
            self.by_label.setdefault(label, Counter())[verdict.action.value] += 1
        self.latency_ms.append(verdict.latency_ms)

    def table(self) -> str:
        lines = [f"rows: {self.rows}   errors: {self.errors}"]
        if self.rows:
            lat = sorted(self.latency_ms)
            p50 = lat[len(lat) // 2]
            p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
            lines.append(f"evaluation latency: p50 {p50:.3f} ms, p99 {p99:.3f} ms")
        lines.append("")
        lines.append(f"{'action':<12}{'count':>8}{'share':>9}")
        for action in ("pass", "flag", "impute", "block"):
            n = self.actions.get(action, 0)
            share = n / self.rows if self.rows else 0.0
            lines.append(f"{action:<12}{n:>8}{share:>9.1%}")
        if self.categories:
            lines.append("")
            lines.append(f"{'category':<22}{'rows':>8}")
            for category, n in self.categories.most_common():
                lines.append(f"{category:<22}{n:>8}")
        if self.by_label:
            lines.append("")
            lines.append(f"{'label':<14}{'rows':>7}{'pass':>8}{'flag':>8}{'impute':>8}{'block':>8}")
            for label, counts in sorted(self.by_label.items()):
                total = sum(counts.values())
                lines.append(
                    f"{label:<14}{total:>7}"
                    + "".join(
                        f"{counts.get(a, 0) / total:>8.1%}"
                        for a in ("pass", "flag", "impute", "block")
                    )
                )
        return "\n".join(lines)
