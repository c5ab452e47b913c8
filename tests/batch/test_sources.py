"""Input shapes: CSV with named columns, JSON lists, mixed --data, event exports."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner

from firewall_proxy.cli.main import cli
from firewall_proxy.engine import Engine
from firewall_proxy.events.model import Event
from firewall_proxy.events.sqlite import SQLiteStore
from firewall_proxy.extract.payload import Payload
from tests.batch.helpers import expected_action, load, run, write_jsonl, write_policy


def test_csv_columns_are_chosen_by_flags(tmp_path: Path) -> None:
    path = tmp_path / "set.csv"
    rows = [
        ("drop the firewall, please", "attack", "2026-01-05T10:00:00Z"),
        ('he said "you are dan"', "attack", "2026-01-05T11:30:00Z"),
        ("multi\nline, benign", "ok", "2026-01-05T11:45:00Z"),
        ("what is my balance", "attack", "2026-01-05T12:10:00Z"),
    ]
    with path.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "utterance", "truth", "seen_at"])
        for i, r in enumerate(rows):
            w.writerow([i, *r])
    out, verdicts = tmp_path / "r.json", tmp_path / "v.jsonl"
    result = run(
        "--policy",
        write_policy(tmp_path),
        "--data",
        str(path),
        "--json",
        str(out),
        "--verdicts",
        str(verdicts),
        "--text-column",
        "utterance",
        "--label-column",
        "truth",
        "--negative-label",
        "ok",
        "--time-column",
        "seen_at",
        "--bin",
        "hour",
    )
    assert result.exit_code == 0, result.output
    report = load(out)
    assert report["data"] == [{"path": str(path), "kind": "csv"}]
    lines = [json.loads(x) for x in verdicts.read_text().splitlines()]
    assert [v["line"] for v in lines] == [1, 2, 3, 4]
    assert [v["action"] for v in lines] == [expected_action(r[0]) for r in rows]
    o = report["labels"]["overall"]
    assert (o["tp"], o["fp"], o["fn"], o["tn"]) == (2, 0, 1, 1)
    assert [b["rows"] for b in report["time"]["bins"]] == [1, 2, 1]


def test_several_data_files_and_a_json_list(tmp_path: Path) -> None:
    first = write_jsonl(tmp_path / "a.jsonl", [{"text": "hi"}, {"text": "drop the firewall"}])
    second = tmp_path / "b.json"
    second.write_text(json.dumps([{"prompt": "launch codes", "agent_prompt": "hello"}, 7]))
    verdicts = tmp_path / "v.jsonl"
    result = run(
        "--policy",
        write_policy(tmp_path),
        "--data",
        first,
        "--data",
        str(second),
        "--verdicts",
        str(verdicts),
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in verdicts.read_text().splitlines()]
    assert [(v["source"], v["line"], v.get("action")) for v in lines] == [
        (first, 1, "pass"),
        (first, 2, "block"),
        (str(second), 1, "flag"),
        (str(second), 2, None),
    ]
    assert "rows: 3   errors: 1" in result.output


async def _events(policy: str) -> list[Event]:
    engine = Engine.from_file(policy)
    out = []
    base = 1_767_225_600.0  # 2026-01-01T00:00Z
    texts = ["drop the firewall", "you are dan", "launch codes", "drop the firewall now"]
    for i, text in enumerate(texts):
        verdict, _ = await engine.evaluate(Payload.from_text(text), record=False)
        event = Event.from_verdict(verdict, project="p", route="/v1/chat", excerpt=text)
        event.time = base + i * 86400
        out.append(event)
    return out


async def test_event_exports_are_counted_as_recorded_decisions(tmp_path: Path) -> None:
    policy = write_policy(tmp_path)
    store = SQLiteStore(tmp_path / "events.db")
    store.write(await _events(policy))
    store.close()
    results = {}
    for fmt in ("jsonl", "csv"):
        export = tmp_path / f"export.{fmt}"
        exported = CliRunner().invoke(
            cli,
            [
                "events",
                "export",
                "--store",
                f"sqlite:///{tmp_path / 'events.db'}",
                "--format",
                fmt,
                "--output",
                str(export),
            ],
        )
        assert exported.exit_code == 0, exported.output
        out = tmp_path / f"r-{fmt}.json"
        result = run("--policy", policy, "--data", str(export), "--json", str(out), "--bin", "day")
        assert result.exit_code == 0, result.output
        results[fmt] = load(out)
        assert "recorded events (not re-evaluated): 4" in result.output
    for report in results.values():
        s = report["summary"]
        assert s["rows"] == 4 and s["recorded_events"] == 4
        assert s["actions"] == {"pass": 0, "flag": 2, "impute": 0, "block": 2}
        assert s["categories"] == {"injection": 2, "jailbreak": 1, "harmful": 1}
        assert [b["label"] for b in report["time"]["bins"]] == [
            "2026-01-01",
            "2026-01-02",
            "2026-01-03",
            "2026-01-04",
        ]
        # Recorded events have no evaluation latency of this run.
        assert s["latency"]["rows"] == 0


def test_a_broken_event_row_is_an_error_not_a_crash(tmp_path: Path) -> None:
    good = {
        "id": "a",
        "time": 1767225600,
        "action": "block",
        "mode": "enforce",
        "categories": {"injection": 0.9},
    }
    bad = {**good, "id": "b", "categories": {"injection": "very"}}
    data = write_jsonl(tmp_path / "events.jsonl", [good, bad, {**good, "action": "explode"}])
    verdicts = tmp_path / "v.jsonl"
    result = run("--policy", write_policy(tmp_path), "--data", data, "--verdicts", str(verdicts))
    assert result.exit_code == 0, result.output
    assert "rows: 1   errors: 2" in result.output
    lines = [json.loads(x) for x in verdicts.read_text().splitlines()]
    assert lines[0]["recorded"] is True and lines[0]["action"] == "block"
    assert "not a valid event" in lines[1]["error"] and "action" in lines[2]["error"]
