"""JSON pointers (RFC 6901): where a text or image sits in the request document.

Extractors record them; :mod:`firewall_proxy.enforce.impute` writes through them.
"""

from __future__ import annotations

from typing import Any

__all__ = ["assign", "join", "resolve", "split"]


def join(*parts: str | int) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def split(pointer: str) -> list[str]:
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"JSON pointer must start with '/': {pointer!r}")
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer[1:].split("/")]


def _step(node: Any, token: str) -> Any:
    if isinstance(node, list):
        if not token.isdigit():
            raise KeyError(token)
        return node[int(token)]
    if isinstance(node, dict):
        return node[token]
    raise KeyError(token)


def resolve(document: Any, pointer: str) -> Any:
    """The value at ``pointer``; raises ``KeyError``/``IndexError`` when absent."""
    node = document
    for token in split(pointer):
        node = _step(node, token)
    return node


def assign(document: Any, pointer: str, value: Any) -> Any:
    """Set the value at an existing ``pointer``; returns the (possibly new) document."""
    tokens = split(pointer)
    if not tokens:
        return value
    parent = document
    for token in tokens[:-1]:
        parent = _step(parent, token)
    last = tokens[-1]
    if isinstance(parent, list):
        parent[int(last)] = value
    elif isinstance(parent, dict):
        parent[last] = value
    else:
        raise KeyError(last)
    return document
