"""Image folders and image datapoints, with the image evaluator and a rules file:
labels come from sub-folder names, and the report's counts, rule pass rates
and measured values equal the ones computed here with Pillow."""

from __future__ import annotations

import json
import random
from pathlib import Path

from PIL import Image, ImageStat

from tests.batch.helpers import load, run

RULES = {
    "format": "firewall-proxy/image-rules",
    "version": 1,
    "rules": [
        {"rule": "decode", "category": "corrupt", "action": "block", "severity": "high"},
        {
            "rule": "brightness",
            "category": "brightness",
            "property": "brightness",
            "bounds": [60.0, 200.0],
            "action": "flag",
            "severity": "medium",
        },
    ],
}
POLICY = """
evaluators:
  - name: image_quality
    options: {{rules: "{rules}", impute: false}}
rules:
  - {{category: brightness, action: flag}}
  - {{category: corrupt, action: block}}
  - {{category: malformed, action: block}}
"""


def _image(path: Path, level: int, rng: random.Random) -> None:
    im = Image.new("RGB", (48, 40))
    im.putdata(
        [
            tuple(max(0, min(255, level + rng.randint(-20, 20))) for _ in range(3))  # type: ignore[misc]
            for _ in range(48 * 40)
        ]
    )
    im.save(path, format="PNG")


def _setup(tmp_path: Path) -> tuple[str, Path, dict[str, list[Path]]]:
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps(RULES))
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY.format(rules=rules))
    rng = random.Random(4)
    root = tmp_path / "images"
    files: dict[str, list[Path]] = {"clean": [], "dark": [], "corrupt": []}
    for name, levels in (("clean", [110, 130, 150, 125, 140]), ("dark", [20, 35, 28])):
        (root / name).mkdir(parents=True)
        for i, level in enumerate(levels):
            path = root / name / f"{i}.png"
            _image(path, level, rng)
            files[name].append(path)
    (root / "corrupt").mkdir()
    broken = root / "corrupt" / "0.png"
    broken.write_bytes(files["clean"][0].read_bytes()[:60])
    files["corrupt"].append(broken)
    return str(policy), root, files


def _brightness(path: Path) -> float:
    return float(ImageStat.Stat(Image.open(path).convert("L")).mean[0])


def test_image_folder_labels_from_subfolders(tmp_path: Path) -> None:
    policy, root, files = _setup(tmp_path)
    out, verdicts = tmp_path / "r.json", tmp_path / "v.jsonl"
    result = run(
        "--policy",
        policy,
        "--data",
        str(root),
        "--json",
        str(out),
        "--verdicts",
        str(verdicts),
        "--label-map",
        "dark=brightness",
    )
    assert result.exit_code == 0, result.output
    report = load(out)
    assert report["data"][0]["kind"] == "images"
    s = report["summary"]
    # Independent expectations: brightness below 60 is flagged, undecodable is blocked.
    dark = [
        p for ps in files.values() for p in ps if p.parent.name != "corrupt" and _brightness(p) < 60
    ]
    assert len(dark) == 3
    assert s["rows"] == 9
    assert s["actions"] == {"pass": 5, "flag": 3, "impute": 0, "block": 1}
    assert s["categories"] == {"brightness": 3, "corrupt": 1}
    assert s["rule_pass_rates"]["image:brightness"] == 6 / 9
    assert s["rule_pass_rates"]["image:decode"] == 8 / 9
    measured = s["properties"]["brightness"]
    want = sum(_brightness(p) for p in dark) / len(dark)
    assert measured["n"] == 3 and abs(measured["mean"] - want) < 3.0
    labels = report["labels"]
    assert set(labels["detection"]) == {"brightness", "corrupt", "benign"}
    assert labels["detection"]["corrupt"]["rate"] == 1.0
    per = labels["per_category"]["brightness"]
    assert (per["tp"], per["fp"], per["fn"], per["tn"]) == (3, 0, 0, 6)
    lines = [json.loads(x) for x in verdicts.read_text().splitlines()]
    assert len(lines) == 9 and [v["line"] for v in lines] == list(range(1, 10))


def test_datapoint_json_resolves_paths_next_to_the_file(tmp_path: Path) -> None:
    policy, _, files = _setup(tmp_path)
    points = [
        {
            "image_path": str(p.relative_to(tmp_path)),
            "label": p.parent.name,
            "timestamp": f"2026-02-0{i % 3 + 1}T08:00:00Z",
        }
        for i, p in enumerate(files["clean"] + files["dark"])
    ]
    points.append({"image_path": "images/missing.png", "label": "clean"})
    listing = tmp_path / "points.json"
    listing.write_text(json.dumps(points))
    out = tmp_path / "r.json"
    result = run("--policy", policy, "--data", str(listing), "--json", str(out), "--bin", "day")
    assert result.exit_code == 0, result.output
    report = load(out)
    assert report["summary"]["rows"] == 8 and report["summary"]["errors"] == 1
    assert report["summary"]["actions"]["flag"] == 3
    o = report["labels"]["overall"]
    assert (o["tp"], o["fp"], o["fn"], o["tn"]) == (3, 0, 0, 5)
    assert sum(b["rows"] for b in report["time"]["bins"]) == 8


def _points(tmp_path: Path, name: str, days: list[int], levels: dict[int, int]) -> Path:
    """A JSONL of datapoints: four images a day, at the brightness level of that day."""
    rng = random.Random(len(days) + sum(levels.values()))
    folder = tmp_path / name
    folder.mkdir()
    rows = []
    for d in days:
        for i in range(4):
            path = folder / f"{d}-{i}.png"
            _image(path, levels.get(d, 130) + rng.randint(-6, 6), rng)
            rows.append(
                {
                    "image_path": f"{name}/{path.name}",
                    "timestamp": f"2026-05-{d:02d}T{9 + i:02d}:00:00Z",
                }
            )
    out = tmp_path / f"{name}.jsonl"
    out.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return out


def test_image_properties_drift_before_any_rule_fails(tmp_path: Path) -> None:
    policy, _, _ = _setup(tmp_path)
    baseline = tmp_path / "baseline.json"
    result = run(
        "--policy",
        policy,
        "--data",
        str(_points(tmp_path, "ref", [1, 2, 3, 4], {})),
        "--bin",
        "day",
        "--json",
        str(baseline),
    )
    assert result.exit_code == 0, result.output
    ref = load(baseline)["profile"]["mean:image.brightness"]
    assert ref["bins"] == 4
    # Darker on the 7th, yet still inside the brightness rule's bounds [60, 200].
    data = _points(tmp_path, "now", [5, 6, 7], {7: 95})
    out = tmp_path / "now.json"
    result = run(
        "--policy",
        policy,
        "--data",
        str(data),
        "--bin",
        "day",
        "--baseline",
        str(baseline),
        "--json",
        str(out),
    )
    assert result.exit_code == 0, result.output
    report = load(out)
    assert report["summary"]["actions"]["pass"] == 12  # no rule fired
    bins = report["time"]["bins"]
    for b in bins:
        paths = [tmp_path / "now" / f"{b['label'][-1]}-{i}.png" for i in range(4)]
        want = sum(_brightness(p) for p in paths) / 4
        assert abs(b["properties"]["image.brightness"]["mean"] - want) < 3.0
    last = {c["property"]: c for c in bins[-1]["drift"]}
    assert last["mean:image.brightness"]["level"] == "high"
    assert last["mean:image.brightness"]["direction"] == "down"
    # Normal days may wobble past the 2-sigma "low" line, never further.
    for b in bins[:-1]:
        for c in b["drift"]:
            assert c["property"] != "mean:image.brightness" or c["level"] == "low", c
