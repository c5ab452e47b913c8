"""Load a policy file into a :class:`~firewall_proxy.policy.models.Policy`.

Every problem is reported at once, each with file, line and field, so
``firewall-proxy policy check`` can print them all. Evaluator options are
validated too, against the options model of the evaluator they configure
(importing only that evaluator's module).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from firewall_proxy._exceptions import PolicyError, PolicyIssue
from firewall_proxy.policy.models import Policy

__all__ = ["load_policy", "load_policy_text", "validate_evaluator_options"]

_Loc = tuple[str | int, ...]

# A policy is a few hundred values. Past these the file is an attack or an accident:
# YAML aliases let 1 KB expand to billions of values ("billion laughs"), and nesting
# deeper than the parser's recursion limit would be a RecursionError.
MAX_VALUES = 100_000
MAX_DEPTH = 64


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate mapping keys (YAML allows them; we don't)."""


def _check_depth(text: str, filename: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH from the parser's flat event stream."""
    depth = 0
    for event in yaml.parse(text, Loader=_UniqueKeyLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + 1 if event.start_mark is not None else None
                message = f"nested more than {MAX_DEPTH} levels deep"
                raise PolicyError(
                    f"{filename}: invalid policy", [PolicyIssue(filename, line, "", message)]
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _compose(text: str, filename: str) -> tuple[Any, dict[_Loc, int]]:
    """Parse YAML, returning the data and a map from field path to 1-based line."""
    lines: dict[_Loc, int] = {}
    issues: list[PolicyIssue] = []
    try:
        _check_depth(text, filename)  # before compose, which recurses once per level
        node = yaml.compose(text, Loader=_UniqueKeyLoader)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (NUL, ...)
        at = text.count("\n", 0, exc.position) + 1
        what = f"character #x{exc.character:04x}" if isinstance(exc.character, int) else "byte"
        raise PolicyError(
            f"{filename}: not valid YAML",
            [PolicyIssue(filename, at, "", f"unacceptable {what}: {exc.reason}")],
        ) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise PolicyError(
            f"{filename}: not valid YAML",
            [PolicyIssue(filename, line, "", str(problem))],
        ) from exc

    ctor = _UniqueKeyLoader("")  # only its scalar constructors are used
    values = 0
    open_maps: set[int] = set()  # the mappings being read, to refuse one inside itself

    def refuse(n: yaml.Node, loc: _Loc, message: str) -> PolicyError:
        issue = PolicyIssue(filename, n.start_mark.line + 1, _dotted(loc), message)
        return PolicyError(f"{filename}: invalid policy", [*issues, issue])

    def scalar(n: yaml.Node, loc: _Loc) -> Any:
        try:
            return ctor.construct_object(n, deep=True)
        except Exception as exc:  # PyYAML's constructors raise anything: "!!int " is an
            # IndexError, an int of 5000 digits a ValueError, a bad "!!binary" binascii's
            detail = str(exc) or type(exc).__name__
            raise refuse(n, loc, f"cannot read this value: {detail}") from exc

    def merge(n: yaml.Node, loc: _Loc, out: dict[Any, Any]) -> list[Any]:
        """``<<: *anchor`` (or a list of anchors): add the keys ``out`` lacks."""
        value = walk(n, loc)
        added = []
        for source in value if isinstance(value, list) else [value]:
            if not isinstance(source, dict):
                raise refuse(n, loc, "'<<' merges a mapping or a list of mappings")
            for key, item in source.items():
                if key not in out:
                    out[key] = item
                    added.append(key)
        return added

    def walk(n: yaml.Node | None, loc: _Loc) -> Any:
        nonlocal values
        if n is None:
            return None
        values += 1
        if values > MAX_VALUES:
            raise refuse(n, loc, f"more than {MAX_VALUES} values (a YAML alias bomb?)")
        if len(loc) > MAX_DEPTH:
            raise refuse(n, loc, f"nested more than {MAX_DEPTH} levels deep")
        lines.setdefault(loc, n.start_mark.line + 1)
        if isinstance(n, yaml.MappingNode):
            # "&r {<<: *r}" or "&a {x: *a}": YAML lets a mapping hold itself; reading it
            # would never end (a merge does not even go one level deeper)
            if id(n) in open_maps:
                raise refuse(n, loc, "this mapping contains itself (a recursive alias)")
            open_maps.add(id(n))
            try:
                return mapping(n, loc)
            finally:
                open_maps.discard(id(n))
        if isinstance(n, yaml.SequenceNode):
            return [walk(item, (*loc, i)) for i, item in enumerate(n.value)]
        return scalar(n, loc)

    def mapping(n: yaml.MappingNode, loc: _Loc) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        merged: set[Any] = set()  # keys from '<<' merges, which explicit keys override
        for key_node, value_node in n.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                merged.update(merge(value_node, loc, out))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise refuse(key_node, loc, "a key must be a plain value, not a list or map")
            key = scalar(key_node, loc)
            if key in merged:
                merged.discard(key)
            elif key in out:
                issues.append(
                    PolicyIssue(
                        filename,
                        key_node.start_mark.line + 1,
                        _dotted((*loc, key)),
                        "duplicate key",
                    )
                )
            lines[(*loc, key)] = key_node.start_mark.line + 1
            out[key] = walk(value_node, (*loc, key))
        return out

    data = walk(node, ())
    if issues:
        raise PolicyError(f"{filename}: invalid policy", issues)
    return data, lines


def _dotted(loc: _Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _line_for(loc: _Loc, lines: dict[_Loc, int]) -> int | None:
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return lines.get(())


def _issues_from(
    exc: ValidationError, filename: str, lines: dict[_Loc, int], prefix: _Loc = ()
) -> list[PolicyIssue]:
    out = []
    for err in exc.errors():
        loc: _Loc = (*prefix, *(p for p in err["loc"] if isinstance(p, str | int)))
        # pydantic appends union/tag names to loc; keep the part that exists in the file
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown key (not allowed here)"
        out.append(PolicyIssue(filename, _line_for(loc, lines), _dotted(loc), msg))
    return out


def validate_evaluator_options(
    policy_data: dict[str, Any], filename: str, lines: dict[_Loc, int]
) -> list[PolicyIssue]:
    """Check each evaluator's ``options`` against that evaluator's options model."""
    from firewall_proxy.evaluate.registry import resolve_evaluator

    issues: list[PolicyIssue] = []
    for i, entry in enumerate(policy_data.get("evaluators") or []):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            continue
        loc: _Loc = ("evaluators", i)
        try:
            cls = resolve_evaluator(entry["name"])
        except PolicyError as exc:
            issues.append(
                PolicyIssue(
                    filename, _line_for((*loc, "name"), lines), _dotted((*loc, "name")), str(exc)
                )
            )
            continue
        try:
            cls.Options.model_validate(entry.get("options") or {})
        except ValidationError as exc:
            issues.extend(_issues_from(exc, filename, lines, (*loc, "options")))
    return issues


def load_policy_text(text: str, filename: str = "<policy>") -> Policy:
    """Parse and validate policy YAML text; raises :class:`PolicyError` with every issue."""
    data, lines = _compose(text, filename)
    if not isinstance(data, dict):
        raise PolicyError(
            f"{filename}: invalid policy",
            [PolicyIssue(filename, 1, "", "the policy must be a mapping of keys to values")],
        )
    issues: list[PolicyIssue] = []
    policy: Policy | None = None
    try:
        policy = Policy.model_validate(data)
    except ValidationError as exc:
        issues.extend(_issues_from(exc, filename, lines))
    issues.extend(validate_evaluator_options(data, filename, lines))
    if issues or policy is None:
        raise PolicyError(f"{filename}: invalid policy", issues)
    return policy


def load_policy(path: str | Path) -> Policy:
    """Read and validate the policy file at ``path``."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise PolicyError(f"{p}: cannot read policy file: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        issue = PolicyIssue(str(p), line, "", f"byte {exc.start} is not UTF-8 (save as UTF-8)")
        raise PolicyError(f"{p}: policy file is not UTF-8 text", [issue]) from exc
    return load_policy_text(text, str(p))
