"""Shared pieces of the batch tests: a pattern policy whose verdicts are known
from the text alone, and a runner for ``firewall-proxy test``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from firewall_proxy.cli.main import cli

# "drop the firewall" -> injection 0.95 (block); "you are dan" -> jailbreak 0.6 (flag);
# "launch codes" -> harmful 0.7 (flag). Nothing else matches.
POLICY = """
evaluators:
  - name: banned_patterns
    options:
      patterns:
        - {name: drop, literal: "drop the firewall", category: injection, score: 0.95}
        - {name: dan, literal: "you are dan", category: jailbreak, score: 0.6}
        - {name: codes, literal: "launch codes", category: harmful, score: 0.7}
rules:
  - {category: injection, min_score: 0.9, action: block}
  - {category: jailbreak, min_score: 0.5, action: flag}
  - {category: harmful, min_score: 0.5, action: flag}
events:
  excerpt: redacted
"""
TRIGGERS = {"drop the firewall": "injection", "you are dan": "jailbreak", "launch codes": "harmful"}
SCORES = {"injection": 0.95, "jailbreak": 0.6, "harmful": 0.7}
ACTIONS = {"injection": "block", "jailbreak": "flag", "harmful": "flag"}


def write_policy(tmp_path: Path) -> str:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY)
    return str(path)


def predicted(text: str) -> list[str]:
    """The categories the pattern policy finds in ``text``, computed without the engine."""
    low = text.lower()
    return [cat for trigger, cat in TRIGGERS.items() if trigger in low]


def expected_action(text: str) -> str:
    cats = predicted(text)
    if "injection" in cats:
        return "block"
    return "flag" if cats else "pass"


def write_jsonl(path: Path, rows: list[Any]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return str(path)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["test", *args], catch_exceptions=False)


def load(path: Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(path.read_text())
    return doc
