"""Runs that cannot go on end with exit code 2 and say why, with one or many workers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.batch.helpers import run, write_jsonl

BROKEN = """
evaluators:
  - name: "tests.batch.evaluators:BrokenModel"
"""


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_policy_that_cannot_load_is_reported(tmp_path: Path, workers: str) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text(BROKEN)
    data = write_jsonl(tmp_path / "d.jsonl", [{"text": f"row {i}"} for i in range(300)])
    out = tmp_path / "v.jsonl"
    result = run(
        "--policy", str(policy), "--data", data, "--workers", workers, "--verdicts", str(out)
    )
    assert result.exit_code == 2
    assert "model file tests/missing.bin is truncated" in result.output


def test_an_invalid_policy_is_a_usage_error(tmp_path: Path) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text("mode: sideways\n")
    data = write_jsonl(tmp_path / "d.jsonl", [{"text": "hi"}])
    result = run("--policy", str(policy), "--data", data)
    assert result.exit_code == 2 and "mode" in result.output


def test_an_unwritable_report_path_is_reported(tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "d.jsonl", [{"text": "hi"}])
    policy = tmp_path / "p.yaml"
    policy.write_text("evaluators: [{name: limits}]\n")
    result = run(
        "--policy", str(policy), "--data", data, "--json", str(tmp_path / "missing-dir" / "r.json")
    )
    assert result.exit_code == 2
    assert "cannot write the report" in result.output
    assert "rows: 1   errors: 0" in result.output  # the summary is still printed
