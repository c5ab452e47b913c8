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


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate mapping keys (YAML allows them; we don't)."""


def _compose(text: str, filename: str) -> tuple[Any, dict[_Loc, int]]:
    """Parse YAML, returning the data and a map from field path to 1-based line."""
    lines: dict[_Loc, int] = {}
    issues: list[PolicyIssue] = []
    try:
        node = yaml.compose(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise PolicyError(
            f"{filename}: not valid YAML",
            [PolicyIssue(filename, line, "", str(problem))],
        ) from exc

    ctor = _UniqueKeyLoader("")  # only its scalar constructors are used

    def walk(n: yaml.Node | None, loc: _Loc) -> Any:
        if n is None:
            return None
        lines.setdefault(loc, n.start_mark.line + 1)
        if isinstance(n, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in n.value:
                key = ctor.construct_object(key_node, deep=True)
                if key in out:
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
        if isinstance(n, yaml.SequenceNode):
            return [walk(item, (*loc, i)) for i, item in enumerate(n.value)]
        return ctor.construct_object(n, deep=True)

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
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise PolicyError(f"{p}: cannot read policy file: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise PolicyError(f"{p}: policy file is not UTF-8 text") from exc
    return load_policy_text(text, str(p))
