"""One batch row: its payload, its expected label and time, and its compact result.

Flow position: sources -> **rows** -> evaluation (engine) -> metrics. A row
is turned into the same :class:`Payload` a live request would produce, run
through :meth:`Engine.evaluate` without recording an event, and reduced to a
:class:`RowResult` — a few small fields that travel back from a worker process
and feed the streaming aggregates. Only rows that end up as a miss or a false
alarm keep an excerpt, and that excerpt is redacted.

Row shapes (field names set by :class:`Columns`):

- ``{"text": ..., "context"?: ...}`` — one prompt;
- ``{"messages": [...]}`` — an OpenAI-style conversation;
- ``{"prompt": ..., "agent_prompt"?: ...}`` — the ai+me shape;
- ``{"image" | "image_path": ..., "probabilities"?: [...]}`` — an image datapoint;
- an exported event (``firewall-proxy events export``) — already decided.
"""

from __future__ import annotations

import heapq
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from firewall_proxy._exceptions import MalformedPayload
from firewall_proxy.batch.columns import ACTIONS, NEGATIVE, Columns, parse_time
from firewall_proxy.engine import Engine
from firewall_proxy.events.excerpt import make_excerpt, redact
from firewall_proxy.extract.chat import extract_aiandme, extract_openai_chat
from firewall_proxy.extract.images import extract_datapoint
from firewall_proxy.extract.payload import ImagePart, Payload
from firewall_proxy.findings import ACTION_RANK, Action, Verdict
from firewall_proxy.policy.models import Policy

__all__ = [
    "ExcerptGate",
    "RowResult",
    "evaluate_row",
    "event_result",
    "row_payload",
    "rule_keys",
    "run_row",
    "tiebreak",
    "worst_key",
    "worst_kind",
]

EXCERPT_CHARS = 200
# Well above the image evaluator's own limit, which then reports the image as oversize.
MAX_IMAGE_BYTES = 256 * 1024 * 1024


def row_payload(
    row: dict[str, Any],
    text_field: str = "text",
    columns: Columns | None = None,
    source: str | None = None,
) -> Payload:
    """The payload for one data row (raises :class:`MalformedPayload`).

    An ``image_path`` is read here, relative to the folder of ``source`` (the
    data file) when it is not found as given: in a batch run the data is the
    user's own, unlike a served datapoint, whose paths the image evaluator
    only resolves under its configured root.
    """
    cols = columns or Columns(text=text_field)
    if isinstance(row.get(cols.text), str):
        ctx = row.get(cols.context)
        return Payload.from_text(row[cols.text], context=ctx if isinstance(ctx, str) else None)
    if "messages" in row:
        return extract_openai_chat(row, {})
    if "prompt" in row:
        return extract_aiandme(row, {})
    if cols.image != "image_path" and cols.image in row:
        row = {**row, "image_path": row[cols.image]}
    if isinstance(row.get("probabilities"), str):
        # CSV cells hold the class probabilities as a JSON list.
        try:
            row = {**row, "probabilities": orjson.loads(row["probabilities"])}
        except orjson.JSONDecodeError as exc:
            raise MalformedPayload(
                "'probabilities' must be a JSON list of numbers", field="probabilities"
            ) from exc
    if "image" in row or "image_path" in row or "probabilities" in row:
        payload = extract_datapoint(row, {})
        if payload.images and payload.images[0].path is not None:
            payload.images[0] = ImagePart(
                data=_read_image(payload.images[0].path, source), target="/image_path"
            )
        return payload
    raise MalformedPayload(
        f"no '{cols.text}', 'messages', 'prompt' or image field in the row", field=cols.text
    )


def _data_dir(source: str) -> Path:
    """The folder relative image paths of a data source are resolved in."""
    src = Path(source)
    return src if src.is_dir() else src.parent


def _read_image(path: str, source: str | None) -> bytes:
    p = Path(path).expanduser()
    candidates = [p] if p.is_absolute() or source is None else [_data_dir(source) / p, p]
    for c in candidates:
        try:
            size = c.stat().st_size
            if size > MAX_IMAGE_BYTES:
                raise MalformedPayload(
                    f"image {path!r} is larger than {MAX_IMAGE_BYTES} bytes", field="image_path"
                )
            return c.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as exc:
            raise MalformedPayload(
                f"cannot read image {path!r}: {exc.strerror}", field="image_path"
            ) from exc
    raise MalformedPayload(f"image {path!r} not found", field="image_path")


async def run_row(engine: Engine, row: dict[str, Any], text_field: str = "text") -> Verdict:
    """The verdict for one row, as live traffic would get it (no event recorded)."""
    verdict, _ = await engine.evaluate(row_payload(row, text_field), route="batch", record=False)
    return verdict


@dataclass(slots=True)
class RowResult:
    """What the aggregates need of one row; picklable and small.

    ``scores`` is the highest finding score per category (every finding, also
    those below a rule's threshold); ``categories`` the deciding categories of
    a non-pass verdict; ``rules`` the keys of the rules that fired (see
    :func:`rule_keys`); ``props`` numeric properties (``chars``, image
    property values reported by findings) for drift.
    """

    source: str
    line: int
    error: str | None = None
    action: str = "pass"
    categories: tuple[str, ...] = ()
    fail_category: str | None = None
    scores: dict[str, float] = field(default_factory=dict)
    rules: tuple[str, ...] = ()
    latency_ms: float = 0.0
    truth: str | None = None
    expected_action: str | None = None
    time: float | None = None
    props: dict[str, float] = field(default_factory=dict)
    excerpt: str = ""
    recorded: bool = False
    verdict_line: str | None = None

    @property
    def severity(self) -> float:
        """The strongest signal seen in the row, in [0, 1] (0: nothing found)."""
        return max(self.scores.values(), default=0.0)

    def detected(self, detect: frozenset[str]) -> bool:
        return self.action in detect


def rule_keys(policy: Policy, findings: list[dict[str, Any]]) -> tuple[str, ...]:
    """Which rules fired: the policy's category rules (``injection>=0.85:block``)
    reached by a finding, and image rules named by a finding (``image:brightness``)."""
    fired: dict[str, None] = {}
    for f in findings:
        data = f.get("data") or {}
        if isinstance(data, dict) and isinstance(data.get("rule"), str):
            fired.setdefault(f"image:{data['rule']}", None)
        for r in policy.rules:
            if r.category in ("*", str(f["category"])) and f.get("score", 0.0) >= r.min_score:
                fired.setdefault(policy_rule_key(r.category, r.min_score, r.action.value), None)
    return tuple(fired)


def policy_rule_key(category: str, min_score: float, action: str) -> str:
    return f"{category}>={min_score:g}:{action}"


def worst_kind(r: RowResult, detect: frozenset[str]) -> str | None:
    """``"miss"`` (an attack passed), ``"alarm"`` (a benign row detected) or ``None``."""
    if r.truth is None or r.error is not None:
        return None
    hit = r.action in detect
    if r.truth != NEGATIVE and not hit:
        return "miss"
    if r.truth == NEGATIVE and hit:
        return "alarm"
    return None


def worst_key(kind: str, r: RowResult) -> tuple[float, ...]:
    """Badness, larger is worse: the most confidently passed attacks; for false
    alarms blocks before flags, then the highest score."""
    if kind == "miss":
        return (1.0 - r.severity,)
    return (float(ACTION_RANK[Action(r.action)]), r.severity)


def tiebreak(seed: int, source: str, line: int) -> float:
    """A reproducible pseudo-random draw per row: among equally bad rows the kept
    ones are a uniform sample, the same whatever the number of workers."""
    return zlib.crc32(f"{seed}:{source}:{line}".encode()) / 2**32


class ExcerptGate:
    """The keys of the worst ``k`` misses and false alarms one process has seen."""

    def __init__(self, k: int) -> None:
        self.k = k
        self._heaps: dict[str, list[tuple[tuple[float, ...], float]]] = {"miss": [], "alarm": []}

    def admit(self, kind: str, key: tuple[float, ...], tb: float) -> bool:
        heap = self._heaps[kind]
        item = (key, tb)
        if len(heap) < self.k:
            heapq.heappush(heap, item)
            return True
        if self.k > 0 and heap[0] < item:
            heapq.heapreplace(heap, item)
            return True
        return False


def _props(payload: Payload | None, findings: list[dict[str, Any]]) -> dict[str, float]:
    props: dict[str, float] = {}
    if payload is not None and payload.texts:
        props["chars"] = float(payload.total_chars)
    for f in findings:
        data = f.get("data") or {}
        value = data.get("value") if isinstance(data, dict) else None
        if (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and isinstance(data, dict)
            and isinstance(data.get("rule"), str)
        ):
            props[data["rule"]] = float(value)
    return props


def _excerpt(payload: Payload, verdict: Verdict, row: dict[str, Any], cols: Columns) -> str:
    text = make_excerpt(payload, verdict.findings, "redacted", EXCERPT_CHARS)
    if text:
        return text
    name = row.get(cols.image) or row.get("image_path")
    return redact(f"image {name}") if isinstance(name, str) else ""


async def evaluate_row(
    engine: Engine,
    source: str,
    line: int,
    row: dict[str, Any],
    cols: Columns,
    gate: ExcerptGate | None = None,
) -> RowResult:
    """Evaluate one data row into a :class:`RowResult` (malformed rows become errors).

    A miss or false alarm gets its redacted excerpt only when ``gate`` admits
    it (it is among the worst rows this process has seen): redacting is the
    costliest step here, and only the worst ``k`` rows are ever shown.
    """
    truth, expected = cols.truth(row)
    when = cols.timestamp(row)
    try:
        payload = row_payload(row, columns=cols, source=source)
    except MalformedPayload as exc:
        return _error(source, line, f"line {line}: {exc.message}", exc.field, cols, when)
    verdict, _ = await engine.evaluate(payload, route="batch", record=False)
    findings = [f.to_dict() for f in verdict.findings]
    out = RowResult(
        source=source,
        line=line,
        action=verdict.action.value,
        # Evaluators may use Category members; plain str keeps results JSON- and pickle-simple.
        categories=tuple(map(str, verdict.categories)) if verdict.action is not Action.PASS else (),
        fail_category=None if verdict.fail_category is None else str(verdict.fail_category),
        scores=_scores(findings),
        rules=rule_keys(engine.policy, findings),
        latency_ms=verdict.latency_ms,
        truth=truth,
        expected_action=expected,
        time=when,
        props=_props(payload, findings),
    )
    if cols.image_properties and payload.images:
        from firewall_proxy.batch.imageprops import image_properties

        out.props.update(image_properties(payload))
    kind = worst_kind(out, cols.detect)
    if kind is not None and (
        gate is None or gate.admit(kind, worst_key(kind, out), tiebreak(cols.seed, source, line))
    ):
        out.excerpt = _excerpt(payload, verdict, row, cols)
    if cols.verdicts:
        line_doc: dict[str, Any] = {"source": source, "line": line, **verdict.to_dict()}
        if when is not None:
            line_doc["time"] = when
        out.verdict_line = orjson.dumps(line_doc).decode()
    return out


def _scores(findings: list[dict[str, Any]]) -> dict[str, float]:
    scores: dict[str, float] = {}
    for f in findings:
        cat = str(f["category"])
        scores[cat] = max(scores.get(cat, 0.0), float(f["score"]))
    return scores


def _error(
    source: str, line: int, message: str, fld: str | None, cols: Columns, when: float | None
) -> RowResult:
    out = RowResult(source=source, line=line, error=message, time=when)
    if cols.verdicts:
        doc: dict[str, Any] = {"source": source, "line": line, "error": message}
        if fld:
            doc["field"] = fld
        out.verdict_line = orjson.dumps(doc).decode()
    return out


def read_error(source: str, line: int, message: str, cols: Columns) -> RowResult:
    """A row that could not be read at all (bad JSON, not an object)."""
    return _error(source, line, message, None, cols, None)


def event_result(
    policy: Policy, source: str, line: int, row: dict[str, Any], cols: Columns
) -> RowResult:
    """A recorded event as a result: the decision a running firewall already took.

    An event keeps every finding's category (not which ones decided), so all
    of them count as the event's categories.
    """
    try:
        return _event_result(policy, source, line, row, cols)
    except (TypeError, ValueError, AttributeError) as exc:
        return _error(source, line, f"line {line}: not a valid event ({exc})", None, cols, None)


def _event_result(
    policy: Policy, source: str, line: int, row: dict[str, Any], cols: Columns
) -> RowResult:
    action = str(row.get("action", ""))
    if action not in ACTIONS:
        return _error(
            source, line, f"line {line}: event has no valid 'action'", "action", cols, None
        )
    raw_cats = row.get("categories") or {}
    scores = {str(k): float(v) for k, v in raw_cats.items()} if isinstance(raw_cats, dict) else {}
    findings = [f for f in row.get("findings") or [] if isinstance(f, dict) and "category" in f]
    if not findings:
        findings = [{"category": c, "score": s} for c, s in scores.items()]
    truth, expected = (
        cols.truth(row.get("extra") or {}) if isinstance(row.get("extra"), dict) else (None, None)
    )
    deciding = [c for c in scores if c != "cannot_decide"] or list(scores)
    top = max(scores, key=lambda c: scores[c]) if scores else None
    out = RowResult(
        source=source,
        line=line,
        action=action,
        categories=tuple(deciding) if action != "pass" else (),
        fail_category=top if action != "pass" else None,
        scores={c: min(1.0, max(0.0, s)) for c, s in scores.items()},
        rules=rule_keys(policy, findings),
        latency_ms=float(row.get("latency_ms") or 0.0),
        truth=truth,
        expected_action=expected,
        time=parse_time(row.get("time")),
        props=_props(None, findings),
        excerpt=redact(str(row.get("excerpt", ""))[:EXCERPT_CHARS]) if truth is not None else "",
        recorded=True,
    )
    if cols.verdicts:
        doc = {"source": source, "line": line, "recorded": True, **row}
        out.verdict_line = orjson.dumps(doc).decode()
    return out
