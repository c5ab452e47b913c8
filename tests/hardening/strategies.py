"""Hypothesis strategies for hostile request bodies, shared by the fuzz tests.

JSON is generated as *text*, not through a serializer, so that what a real client
can send and a serializer never writes is covered too: ``NaN`` and ``Infinity``
literals, numbers past the float range (``1e999999``) or with thousands of digits,
lone surrogate escapes (``"\\ud800"``), duplicate keys, and raw invalid UTF-8.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

__all__ = [
    "HOSTILE_BODIES",
    "TEMPLATES",
    "hostile_json",
    "json_values",
    "mutated",
    "nested",
    "shaped_for",
]

# Scalars a strict parser must refuse or survive; each is valid where a JSON value is.
_ODD_SCALARS = [
    b"NaN",
    b"-Infinity",
    b"Infinity",
    b"1e999999",
    b"-1e-999999",
    b"1" + b"0" * 5000,
    b"-0",
    b'"\\ud800"',
    b'"\\udfff\\ud800"',
    b'"\\u0000"',
    b'"\xff\xfe"',
    b'"\xed\xa0\x80"',  # a surrogate encoded in UTF-8 (invalid)
    b"tru",
    b"'single'",
    b"0x10",
    b"01",
]

# Drawn by index: the strategy's repr (printed on failure) stays short.
_odd_scalar = st.sampled_from(range(len(_ODD_SCALARS))).map(_ODD_SCALARS.__getitem__)

_text = st.text(
    st.characters(codec="utf-8") | st.sampled_from(["\u202e", "\u200b", "\U000e0041", "\x00"]),
    max_size=40,
)
_scalars: st.SearchStrategy[Any] = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | _text
)
json_values: st.SearchStrategy[Any] = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(_text, inner, max_size=5),
    max_leaves=30,
)
"""Plain JSON values (what a serializer can write)."""


def _render(value: Any, odd: st.DataObject) -> bytes:
    """Serialize ``value``, sometimes swapping a scalar for an odd literal."""
    if isinstance(value, dict):
        items = [_render(k, odd) + b":" + _render(v, odd) for k, v in value.items()]
        if items and odd.draw(st.integers(0, 9)) == 0:
            items.append(items[0])  # a duplicate key
        return b"{" + b",".join(items) + b"}"
    if isinstance(value, list):
        return b"[" + b",".join(_render(v, odd) for v in value) + b"]"
    if odd.draw(st.integers(0, 11)) == 0:
        return odd.draw(_odd_scalar)
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


@st.composite
def hostile_json(draw: st.DrawFn, base: st.SearchStrategy[Any] = json_values) -> bytes:
    """JSON text of a value from ``base`` with odd literals and duplicate keys mixed in."""
    value = draw(base)
    return _render(value, draw(st.data()))


def nested(depth: int, *, kind: str = "list") -> bytes:
    """``depth`` levels of nesting: ``[[[...]]]`` or ``{"a":{"a":...}}``."""
    if kind == "list":
        return b"[" * depth + b"]" * depth
    return b'{"a":' * depth + b"1" + b"}" * depth


_OPENAI = {
    "model": "m",
    "messages": [
        {"role": "system", "content": "be nice"},
        {"role": "user", "content": "hello"},
        {"role": "assistant", "content": "hi"},
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "look"},
                {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0K"}},
            ],
        },
    ],
    "stream": True,
}
_ANTHROPIC = {
    "model": "claude",
    "system": [{"type": "text", "text": "rules"}],
    "messages": [
        {"role": "user", "content": "hello"},
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "x"},
                {"type": "image", "source": {"type": "base64", "data": "aGVsbG8="}},
                {"type": "tool_result", "content": [{"type": "text", "text": "doc"}]},
            ],
        },
    ],
}
TEMPLATES: dict[str, list[Any]] = {
    "openai_chat": [_OPENAI],
    "anthropic_messages": [_ANTHROPIC],
    "aiandme": [{"prompt": "hello", "agent_prompt": "how can I help?"}, _OPENAI],
    "json": [{"prompt": "p", "docs": ["a", "b"], "messages": [{"content": "c"}]}],
    "datapoint": [
        {"image": "data:image/png;base64,aGVsbG8=", "probabilities": [0.5, 0.5], "label": "cat"},
        {"image_path": "a/b.jpg", "probabilities": [1, 0], "timestamp": 3},
    ],
}
"""A valid request for each JSON extractor (the starting point of mutations)."""


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out.extend(_paths(v, (*prefix, k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.extend(_paths(v, (*prefix, i)))
    return out


_DELETE = object()


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    """``value`` with the field at ``path`` set to ``new`` (or removed: ``_DELETE``)."""
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        if not rest and new is _DELETE:
            return {k: v for k, v in value.items() if k != head}
        return {k: (_replace(v, rest, new) if k == head else v) for k, v in value.items()}
    if not rest and new is _DELETE:
        return [v for i, v in enumerate(value) if i != head]
    return [(_replace(v, rest, new) if i == head else v) for i, v in enumerate(value)]


@st.composite
def mutated(draw: st.DrawFn, template: Any) -> Any:
    """``template`` with up to three fields (anywhere) removed or replaced by a value of
    any type."""
    value = template
    for _ in range(draw(st.integers(0, 3))):
        path = draw(st.sampled_from(_paths(value)))
        new = _DELETE if path and draw(st.integers(0, 3)) == 0 else draw(json_values)
        value = _replace(value, path, new)
    return value


def shaped_for(extractor: str) -> st.SearchStrategy[bytes]:
    """Requests of ``extractor``'s shape with wrong types put at any field, serialized
    plainly or with odd literals; any hostile body for the non-JSON extractors."""
    templates = TEMPLATES.get(extractor)
    if templates is None:
        return HOSTILE_BODIES
    shaped = st.sampled_from(templates).flatmap(mutated)
    plain = shaped.map(lambda v: json.dumps(v, ensure_ascii=False).encode("utf-8"))
    return st.one_of(plain, hostile_json(shaped), HOSTILE_BODIES)


HOSTILE_BODIES: st.SearchStrategy[bytes] = st.one_of(
    st.binary(max_size=300),
    hostile_json(),
    _odd_scalar,
)
"""Any body: random bytes, hostile JSON, odd literals."""
