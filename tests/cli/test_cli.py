from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from firewall_proxy.cli.main import cli

POLICY = """
evaluators:
  - name: banned_patterns
    options:
      patterns: [{name: evil, literal: "drop the firewall", category: injection, score: 0.95}]
rules:
  - {category: injection, min_score: 0.9, action: block}
"""


def _policy(tmp_path: Path) -> str:
    path = tmp_path / "p.yaml"
    path.write_text(POLICY)
    return str(path)


def test_scan_prints_the_verdict(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["scan", "--policy", _policy(tmp_path), "please drop the firewall"]
    )
    assert result.exit_code == 0, result.output
    verdict = json.loads(result.output)
    assert verdict["action"] == "block"
    assert verdict["fail_category"] == "injection"
    assert verdict["findings"][0]["score"] == 0.95
    assert verdict["latency_ms"] >= 0


def test_scan_reads_files_and_sets_exit_code(tmp_path: Path) -> None:
    prompt = tmp_path / "prompt.txt"
    prompt.write_text("hello, what are your opening hours?")
    ok = CliRunner().invoke(
        cli, ["scan", "--policy", _policy(tmp_path), "--file", str(prompt), "--exit-code"]
    )
    assert ok.exit_code == 0 and json.loads(ok.output)["action"] == "pass"
    bad = CliRunner().invoke(
        cli, ["scan", "--policy", _policy(tmp_path), "--exit-code", "drop the firewall"]
    )
    assert bad.exit_code == 1


def test_scan_without_prompt_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["scan", "--policy", _policy(tmp_path)])
    assert result.exit_code == 2
    assert "give the prompt" in result.output


def test_test_writes_one_verdict_per_row_in_order(tmp_path: Path) -> None:
    data = tmp_path / "rows.jsonl"
    rows = [
        {"text": "hello", "label": "benign"},
        {"text": "drop the firewall", "label": "injection"},
        "not an object",
        {"messages": [{"role": "user", "content": "drop the firewall"}], "label": "injection"},
        {"nothing": 1},
    ]
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n")
    out = tmp_path / "verdicts.jsonl"
    result = CliRunner().invoke(
        cli, ["test", "--policy", _policy(tmp_path), "--data", str(data), "--verdicts", str(out)]
    )
    assert result.exit_code == 0, result.output
    verdicts = [json.loads(line) for line in out.read_text().splitlines()]
    assert [v["line"] for v in verdicts] == [1, 2, 3, 4, 5]
    assert [v.get("action") for v in verdicts] == ["pass", "block", None, "block", None]
    assert "error" in verdicts[2] and "error" in verdicts[4]
    assert "rows: 3   errors: 2" in result.output
    assert "block" in result.output and "injection" in result.output


def test_serve_requires_an_upstream(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--policy", _policy(tmp_path)])
    assert result.exit_code == 2
    assert "--upstream" in result.output


def test_serve_reports_a_broken_policy(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("mode: sideways\n")
    result = CliRunner().invoke(
        cli, ["serve", "--upstream", "http://127.0.0.1:1", "--policy", str(bad)]
    )
    assert result.exit_code == 2
    assert "mode" in result.output


def test_every_command_explains_itself() -> None:
    for args in (
        ["--help"],
        ["serve", "--help"],
        ["policy", "check", "--help"],
        ["scan", "--help"],
        ["test", "--help"],
    ):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, args
        assert "Usage:" in result.output
