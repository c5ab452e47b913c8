"""The projects file: which projects the verdict API serves, each with its own policy.

Flow position: read once at server start; ``POST /firewall/{project_id}``
evaluates with the project's policy. The file is YAML or JSON::

    projects:
      support:
        policy: policies/support-chat.yaml
      vision: policies/image-classifier.yaml   # shorthand: just the policy path

Relative policy paths are resolved against the projects file's directory.
Per-project API settings (``api.compat``, ``api.rate_limit``) live in each
policy file, so a project is fully described by its policy.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from firewall_proxy._exceptions import PolicyError, PolicyIssue

__all__ = ["PROJECT_ID_PATTERN", "load_projects", "parse_projects"]

PROJECT_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"
_PROJECT_ID = re.compile(PROJECT_ID_PATTERN)


def parse_projects(data: Any, *, filename: str, base: Path) -> dict[str, Path]:
    """A parsed projects document -> ``{project_id: policy path}`` (raises :class:`PolicyError`)."""
    issues: list[PolicyIssue] = []
    projects = data.get("projects") if isinstance(data, dict) else None
    if not isinstance(projects, dict) or not projects:
        raise PolicyError(
            f"{filename}: expected a non-empty 'projects:' mapping of project id -> policy path"
        )
    out: dict[str, Path] = {}
    for project_id, spec in projects.items():
        where = f"projects.{project_id}"
        if not isinstance(project_id, str) or not _PROJECT_ID.match(project_id):
            issues.append(
                PolicyIssue(
                    filename, None, where, "project ids are 1-64 letters, digits, '_', '-' or '.'"
                )
            )
            continue
        policy = spec.get("policy") if isinstance(spec, dict) else spec
        if isinstance(spec, dict) and set(spec) - {"policy"}:
            issues.append(
                PolicyIssue(filename, None, where, f"unknown keys {sorted(set(spec) - {'policy'})}")
            )
        if not isinstance(policy, str) or not policy:
            issues.append(
                PolicyIssue(filename, None, where + ".policy", "a policy file path is required")
            )
            continue
        path = Path(policy)
        if not path.is_absolute():
            path = base / path
        if not path.is_file():
            issues.append(
                PolicyIssue(filename, None, where + ".policy", f"policy file not found: {path}")
            )
            continue
        out[project_id] = path
    if issues:
        raise PolicyError(f"invalid projects file {filename}", issues)
    return out


def load_projects(path: str | Path) -> dict[str, Path]:
    """Read a projects file (YAML or JSON) -> ``{project_id: policy path}``."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise PolicyError(f"cannot read projects file {file}: {exc}") from exc
    try:
        data = yaml.safe_load(text)  # JSON is YAML, so one parser reads both
    except yaml.YAMLError as exc:
        raise PolicyError(f"projects file {file} is not valid YAML/JSON: {exc}") from exc
    return parse_projects(data, filename=str(file), base=file.resolve().parent)
