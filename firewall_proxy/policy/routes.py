"""Route matching: (method, path) -> the policy route that inspects it.

Paths are normalised before matching — duplicate slashes folded, ``.`` and
``..`` resolved, a trailing slash dropped, case folded — so that
``/v1//Chat/completions/`` is inspected like ``/v1/chat/completions``. Folding
only ever makes *more* requests match, never fewer: a variant an upstream
might route to the same handler cannot slip past.
"""

from __future__ import annotations

import re

from firewall_proxy.policy.models import Route

__all__ = ["RouteTable", "normalize_path"]


def normalize_path(path: str) -> str:
    if "//" not in path and "/." not in path and path.islower() and not path.endswith("/"):
        return path or "/"  # already canonical: the common case costs one scan
    parts: list[str] = []
    for seg in path.split("/"):
        seg = seg.rstrip(".") if seg not in (".", "..") else seg
        if seg in ("", "."):
            continue
        if seg == "..":
            if parts:
                parts.pop()
            continue
        parts.append(seg)
    return ("/" + "/".join(parts)).lower()


def _compile(pattern: str) -> re.Pattern[str]:
    norm = normalize_path(pattern.rstrip("*")) if pattern.endswith("*") else normalize_path(pattern)
    out = ""
    for seg in norm.split("/")[1:]:
        if seg.startswith("{") and seg.endswith("}"):
            out += "/[^/]+"
        elif seg:
            out += "/" + re.escape(seg)
    if pattern.endswith("*"):
        return re.compile(out + "(?:/.*)?$" if out else "/.*$")
    return re.compile((out or "/") + "$")


class RouteTable:
    """First route (in policy order) whose method and path pattern match."""

    def __init__(self, routes: list[Route]) -> None:
        self._routes = [(r, _compile(r.path), frozenset(r.methods)) for r in routes]
        self._literal: dict[str, list[tuple[Route, frozenset[str]]]] = {}
        for r, _, methods in self._routes:
            if "{" not in r.path and "*" not in r.path:
                self._literal.setdefault(normalize_path(r.path), []).append((r, methods))
        self._patterned = any("{" in r.path or "*" in r.path for r in routes)

    def match(self, method: str, path: str) -> Route | None:
        norm = normalize_path(path)
        for route, methods in self._literal.get(norm, ()):
            if method in methods:
                return route
        if self._patterned:
            for route, regex, methods in self._routes:
                if method in methods and regex.match(norm):
                    return route
        return None

    def __bool__(self) -> bool:
        return bool(self._routes)
