"""Filters the text of an upstream answer: leak detection, masking, restoration.

Flow position: **enforce**, on the way back (used by
:mod:`firewall_proxy.enforce.outbound`). :class:`TextFilter` works on a
stream of text pieces: it emits everything except the last
``holdback`` characters (the most a value can span), so a value split across
two chunks is still seen whole; a match that is still growing at the end of
the buffer is held back entirely, up to ``max_holdback`` characters. It scans
and emits once at least ``stride`` new characters are waiting (a scan costs
about the same for one new character as for thirty).
:class:`SseRewriter` applies one :class:`TextFilter` per output channel to the
text deltas of OpenAI / Anthropic / OpenAI-Responses server-sent events (and
to the raw ``data:`` of other event streams), so a placeholder or an e-mail
split over several events is handled as one string. :func:`rewrite_json`
does the same for a whole JSON answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from firewall_proxy.evaluate.pii.scanner import Scanner

__all__ = ["Leak", "LeakPolicy", "SseRewriter", "TextFilter", "rewrite_json"]


@dataclass(frozen=True, slots=True)
class Leak:
    """Something the answer should not contain: an entity of ``category``."""

    category: str  # "pii", "secret" or "injection" (the canary: a prompt leak)
    entity: str
    score: float


@dataclass(slots=True)
class LeakPolicy:
    """What one request's answer is checked for, and what happens on a leak.

    ``mask``: replace the value by ``[ENTITY]`` and go on; otherwise the
    first leak stops the filter (``leaks`` is set and nothing more is
    emitted) when ``stop`` is true, or is only recorded.
    """

    scanner: Scanner | None
    canary: str | None
    restore: dict[str, str]
    mask: bool
    stop: bool
    holdback: int = 96
    stride: int = 32
    max_holdback: int = 8192
    leaks: list[Leak] = field(default_factory=list)
    _restore_re: re.Pattern[str] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.restore:
            keys = sorted(self.restore, key=len, reverse=True)
            self._restore_re = re.compile("|".join(re.escape(k) for k in keys))

    @property
    def stopped(self) -> bool:
        return self.stop and bool(self.leaks)

    def spans(self, text: str) -> list[tuple[int, int, str | None]]:
        """(start, end, replacement) of every value to act on; None = restore placeholder."""
        out: list[tuple[int, int, str | None]] = []
        if self.canary is not None:
            i = text.find(self.canary)
            while i >= 0:
                out.append((i, i + len(self.canary), "[CANARY]"))
                i = text.find(self.canary, i + 1)
        if self.scanner is not None:
            for m in self.scanner.scan(text):
                out.append((m.start, m.end, f"[{m.entity}]"))
        if self._restore_re is not None:
            out.extend((m.start(), m.end(), None) for m in self._restore_re.finditer(text))
        out.sort()
        return out

    def record(self, text: str, replacement: str) -> None:
        entity = replacement.strip("[]")
        if entity == "CANARY":
            self.leaks.append(Leak("injection", "CANARY", 1.0))
            return
        from firewall_proxy.evaluate.pii.matches import SECRET_ENTITIES

        category = "secret" if entity in SECRET_ENTITIES else "pii"
        self.leaks.append(Leak(category, entity, 0.9))


class TextFilter:
    """One output channel's text, filtered piece by piece with a small holdback."""

    def __init__(self, policy: LeakPolicy) -> None:
        self.policy = policy
        self.pending = ""

    def feed(self, text: str, *, final: bool = False) -> str:
        policy = self.policy
        if policy.stopped:
            return ""
        buf = self.pending + text
        if not final and len(buf) < policy.holdback + policy.stride:
            # Scanning costs the same for 1 new character as for 32: wait for a few.
            self.pending = buf
            return ""
        if not buf:
            return ""
        spans = policy.spans(buf)
        cut = len(buf) if final else max(0, len(buf) - policy.holdback)
        if not final:
            for start, end, _ in spans:
                # A value reaching into the held-back tail may still grow: hold all of it.
                if start < cut < end:
                    cut = start
                    break
            if cut == 0 and len(buf) > policy.max_holdback:
                cut = len(buf) - policy.holdback  # a runaway match: stop waiting for its end
        out: list[str] = []
        pos = 0
        for start, end, replacement in spans:
            if start < pos:
                continue
            if start >= cut:
                break
            end = min(end, cut)
            if replacement is None:
                out.append(buf[pos:start])
                out.append(policy.restore.get(buf[start:end], buf[start:end]))
            else:
                policy.record(buf[start:end], replacement)
                if policy.stopped:
                    self.pending = ""
                    return ""
                out.append(buf[pos:start])
                out.append(replacement if policy.mask else buf[start:end])
            pos = end
        out.append(buf[pos:cut])
        self.pending = buf[cut:]
        return "".join(out)

    def flush(self) -> str:
        return self.feed("", final=True)


# -- server-sent events -----------------------------------------------------------

Setter = Callable[[Any, str], None]
_END_TYPES = frozenset(
    {
        "content_block_stop",
        "message_delta",
        "message_stop",
        "response.output_text.done",
        "response.completed",
    }
)


def _set_path(*path: str | int) -> Setter:
    """A setter that assigns the string at ``path`` inside an event document."""

    def setter(doc: Any, value: str) -> None:
        node = doc
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return setter


def _text_fields(doc: Any) -> list[tuple[str, str, Setter]]:
    """(channel, text, setter) for the text deltas of known streaming shapes."""
    out: list[tuple[str, str, Setter]] = []
    if not isinstance(doc, dict):
        return out
    kind = doc.get("type")
    delta = doc.get("delta")
    if kind == "content_block_delta" and isinstance(delta, dict):  # Anthropic
        key = "text" if isinstance(delta.get("text"), str) else "partial_json"
        if isinstance(delta.get(key), str):
            out.append((f"a{doc.get('index', 0)}", delta[key], _set_path("delta", key)))
    elif kind == "response.output_text.delta" and isinstance(delta, str):  # OpenAI Responses
        out.append((f"r{doc.get('output_index', 0)}", delta, _set_path("delta")))
    choices = doc.get("choices")
    if isinstance(choices, list):  # OpenAI chat / completions
        for n, choice in enumerate(choices):
            if not isinstance(choice, dict):
                continue
            d = choice.get("delta")
            channel = f"c{choice.get('index', n)}"
            if isinstance(d, dict) and isinstance(d.get("content"), str):
                out.append((channel, d["content"], _set_path("choices", n, "delta", "content")))
            elif isinstance(choice.get("text"), str):
                out.append((channel, choice["text"], _set_path("choices", n, "text")))
    return out


def _is_end(doc: Any) -> bool:
    if not isinstance(doc, dict):
        return False
    kind = doc.get("type")
    if isinstance(kind, str) and kind in _END_TYPES:  # an upstream may send any JSON here
        return True
    choices = doc.get("choices")
    return isinstance(choices, list) and any(
        isinstance(c, dict) and c.get("finish_reason") for c in choices
    )


class SseRewriter:
    """Rewrites an event stream event by event; bytes in, bytes out."""

    def __init__(self, policy: LeakPolicy) -> None:
        self.policy = policy
        self._buf = b""
        self._filters: dict[str, TextFilter] = {}
        # channel -> (event name, last JSON doc, setter) to build a flush event from
        self._templates: dict[str, tuple[str | None, str | None, Setter | None]] = {}

    def feed(self, data: bytes) -> bytes:
        self._buf += data
        out: list[bytes] = []
        while not self.policy.stopped:
            idx, sep = _event_end(self._buf)
            if idx < 0:
                break
            raw, self._buf = self._buf[:idx], self._buf[idx + sep :]
            out.append(self._event(raw))
        return b"".join(out)

    def close(self) -> bytes:
        tail = self._event(self._buf) if self._buf.strip() else b""
        self._buf = b""
        return tail + self._flush_all()

    def _filter(self, channel: str) -> TextFilter:
        f = self._filters.get(channel)
        if f is None:
            f = self._filters[channel] = TextFilter(self.policy)
        return f

    def _event(self, raw: bytes) -> bytes:
        name: str | None = None
        data_lines: list[str] = []
        other: list[str] = []
        for line in raw.decode("utf-8", "replace").splitlines():
            if line.startswith("data:"):
                data_lines.append(line[5:].removeprefix(" "))
            elif line.startswith("event:"):
                name = line[6:].strip()
                other.append(line)
            else:
                other.append(line)
        if not data_lines:
            return raw + b"\n\n"
        data = "\n".join(data_lines)
        doc: Any = None
        if data.startswith("{"):
            try:
                doc = orjson.loads(data)
            except orjson.JSONDecodeError:
                doc = None
        prefix = b""
        if doc is None:
            if data.strip() == "[DONE]":
                return self._flush_all() + raw + b"\n\n"
            self._templates["raw"] = (name, None, None)
            data = self._filter("raw").feed(data)
            return _serialise(other, data)
        fields = _text_fields(doc)
        if not fields:
            if _is_end(doc):
                prefix = self._flush_all()
            return prefix + raw + b"\n\n"
        for channel, text, setter in fields:
            self._templates[channel] = (name, data, setter)
            setter(doc, self._filter(channel).feed(text))
        if self.policy.stopped:
            return b""
        if _is_end(doc):
            prefix = self._flush_all()
        return prefix + _serialise(other, orjson.dumps(doc).decode())

    def _flush_all(self) -> bytes:
        out: list[bytes] = []
        for channel, f in self._filters.items():
            text = f.flush()
            if not text or self.policy.stopped:
                continue
            name, template, setter = self._templates[channel]
            head = [f"event: {name}"] if name else []
            if template is None or setter is None:
                out.append(_serialise(head, text))
                continue
            doc = orjson.loads(template)
            for ch, _, s in _text_fields(doc):
                s(doc, text if ch == channel else "")
            choices = doc.get("choices") if isinstance(doc, dict) else None
            if isinstance(choices, list):
                for c in choices:
                    if isinstance(c, dict) and "finish_reason" in c:
                        c["finish_reason"] = None
            out.append(_serialise(head, orjson.dumps(doc).decode()))
        return b"".join(out)


def _event_end(buf: bytes) -> tuple[int, int]:
    best, size = -1, 0
    for sep in (b"\n\n", b"\r\n\r\n", b"\r\r"):
        i = buf.find(sep)
        if i >= 0 and (best < 0 or i < best):
            best, size = i, len(sep)
    return best, size


def _serialise(other: list[str], data: str) -> bytes:
    lines = [*other, *(f"data: {line}" for line in data.split("\n"))]
    return ("\n".join(lines) + "\n\n").encode()


# -- whole JSON answers -----------------------------------------------------------

_META_KEYS = frozenset(
    {
        "id",
        "object",
        "model",
        "system_fingerprint",
        "type",
        "role",
        "finish_reason",
        "stop_reason",
        "created",
        "index",
        "tool_call_id",
        "name",
        "logprobs",
        "usage",
    }
)


def rewrite_json(doc: Any, policy: LeakPolicy) -> tuple[Any, bool]:
    """Filter every text string of a JSON answer (metadata such as ids left alone)."""
    changed = False

    def walk(node: Any) -> Any:
        nonlocal changed
        if isinstance(node, dict):
            return {k: (v if k in _META_KEYS else walk(v)) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        if isinstance(node, str) and node:
            new = TextFilter(policy).feed(node, final=True)
            if new != node:
                changed = True
            return new
        return node

    out = walk(doc)
    return out, changed
