"""--workers: a process pool gives the same verdicts, in input order, and the same report."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from tests.batch.helpers import load, run, write_jsonl, write_policy

_VOLATILE = ("id", "latency_ms", "evaluator_ms")


def _stable(path: Path) -> list[dict[str, Any]]:
    out = []
    for line in path.read_text().splitlines():
        doc = json.loads(line)
        for key in _VOLATILE:
            doc.pop(key, None)
        out.append(doc)
    return out


def test_two_workers_match_one_worker_row_for_row(tmp_path: Path) -> None:
    rng = random.Random(9)
    texts = ["drop the firewall", "you are dan", "launch codes", "hello", "opening hours?"]
    rows: list[Any] = [
        {"text": f"{rng.choice(texts)} #{i}", "label": rng.choice(["injection", "benign"])}
        for i in range(700)
    ]
    rows[350] = "not an object"
    data = write_jsonl(tmp_path / "d.jsonl", rows)
    policy = write_policy(tmp_path)
    reports = {}
    for n in (1, 2):
        out, verdicts = tmp_path / f"r{n}.json", tmp_path / f"v{n}.jsonl"
        result = run(
            "--policy",
            policy,
            "--data",
            data,
            "--workers",
            str(n),
            "--json",
            str(out),
            "--verdicts",
            str(verdicts),
        )
        assert result.exit_code == 0, result.output
        reports[n] = load(out)
    one, two = _stable(tmp_path / "v1.jsonl"), _stable(tmp_path / "v2.jsonl")
    assert [v["line"] for v in two] == list(range(1, 701))
    assert one == two
    assert reports[2]["settings"]["workers"] == 2
    for key in ("actions", "categories", "rule_pass_rates", "rows", "errors"):
        assert reports[1]["summary"][key] == reports[2]["summary"][key]
    assert reports[1]["labels"]["overall"] == reports[2]["labels"]["overall"]
    assert reports[1]["labels"]["worst_misses"] == reports[2]["labels"]["worst_misses"]
