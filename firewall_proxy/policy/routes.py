"""Route matching: (method, path) -> the policy route that inspects it.

Paths are normalised before matching — duplicate slashes folded, ``.`` and
``..`` resolved, a trailing slash dropped, case folded — so that
``/v1//Chat/completions/`` is inspected like ``/v1/chat/completions``. Folding
only ever makes *more* requests match, never fewer: a variant an upstream
might route to the same handler cannot slip past. Beyond what Starlette would
route, the folding also covers what other servers do with a path: backslashes
read as slashes (Windows servers, WHATWG URL parsers), ``;params`` dropped from
each segment (Tomcat, Spring: ``/v1/chat/completions;x=1``, ``..;/``), trailing
dots and spaces dropped (Windows file names), the path cut at a decoded ``?``,
``#`` or NUL (servers that decode, then split or hit a C string end), and an
absolute-form request target (``http://host/v1/...``, which h11 hands over as
the path) read as its path. A path still holding percent escapes after the
server decoded it once (``/v1/chat%2Fcompletions`` sent as ``%252F``) is also
matched decoded again, for upstreams that decode twice; the once-decoded form
is tried first, so no request matches less.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from firewall_proxy.policy.models import Route

__all__ = ["RouteTable", "normalize_path"]


_TRAILING = ". \t\n\r\x0b\x0c"


def _canonical(path: str) -> bool:
    """True when folding would not change ``path`` (the common case: a few C scans)."""
    return (
        path.startswith("/")
        and path.islower()
        and path.isprintable()
        and "//" not in path
        and "/." not in path
        and "./" not in path
        and ";" not in path
        and "\\" not in path
        and "?" not in path
        and "#" not in path
        and " " not in path
        and not path.endswith(("/", "."))
    )


def normalize_path(path: str) -> str:
    """The form routes are matched in (see the module docstring for every fold)."""
    return path if _canonical(path) else _fold(path)


def _fold(path: str) -> str:
    if not path.startswith("/"):
        _, sep, rest = path.partition("://")  # absolute-form: keep only the path
        if sep:
            path = rest[rest.find("/") :] if "/" in rest else "/"
    for stop in ("?", "#", "\x00"):
        path = path.partition(stop)[0]
    parts: list[str] = []
    for raw in path.replace("\\", "/").split("/"):
        seg = raw.partition(";")[0]
        seg = seg.rstrip(_TRAILING) if seg not in (".", "..") else seg
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
        for norm in _forms(path):
            for route, methods in self._literal.get(norm, ()):
                if method in methods:
                    return route
            if self._patterned:
                for route, regex, methods in self._routes:
                    if method in methods and regex.match(norm):
                        return route
        return None

    def routes_for(self, path: str) -> list[Route]:
        """Every route whose path pattern matches ``path``, whatever its methods."""
        forms = _forms(path)
        return [r for r, regex, _ in self._routes if any(regex.match(n) for n in forms)]

    def __bool__(self) -> bool:
        return bool(self._routes)


def _forms(path: str) -> list[str]:
    """The normalised path, then (only when escapes are left) the path decoded once and
    twice more, for upstreams that decode again."""
    forms = [normalize_path(path)]
    for _ in range(2):
        if "%" not in path:
            break
        path = unquote(path)
        forms.append(normalize_path(path))
    return forms
