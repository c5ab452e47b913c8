from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from firewall_proxy.cli.main import cli
from firewall_proxy.images.rules import load_rules
from tests.images.conftest import encode, make_photo


def _reference(tmp_path: Path, n: int = 24) -> Path:
    ref = tmp_path / "ref"
    (ref / "sub").mkdir(parents=True)
    for i in range(n):
        folder = ref / "sub" if i % 3 == 0 else ref
        (folder / f"img{i:02d}.jpg").write_bytes(encode(make_photo(200 + i)))
    (ref / "broken.jpg").write_bytes(b"\xff\xd8\xff not really")
    (ref / "notes.txt").write_text("ignored")
    return ref


def test_fit_images_writes_loadable_deterministic_rules(tmp_path: Path) -> None:
    ref = _reference(tmp_path)
    preds = {f"img{i:02d}.jpg": [0.7, 0.2, 0.1] if i % 2 else [0.1, 0.8, 0.1] for i in range(24)}
    (tmp_path / "preds.json").write_text(json.dumps(preds))
    runner = CliRunner()
    outs = []
    for n, workers in enumerate(("1", "2")):
        out = tmp_path / f"rules{n}.json"
        result = runner.invoke(
            cli,
            [
                "fit",
                "images",
                "--reference",
                str(ref),
                "--predictions",
                str(tmp_path / "preds.json"),
                "--out",
                str(out),
                "--workers",
                workers,
            ],
        )
        assert result.exit_code == 0, result.output
        assert "skipped broken.jpg" in result.output
        outs.append(out.read_text())
    assert outs[0] == outs[1]
    rules = load_rules(tmp_path / "rules0.json")
    names = {r.rule: r for r in rules.rules}
    assert names["decode"].action == "block"
    assert names["brightness"].action == "flag" and names["brightness"].bounds is not None
    assert names["prediction"].classes == 3
    assert names["confidence"].bounds is not None
    assert rules.reference["images"] == 24 and rules.reference["skipped"] == 1


def test_fit_images_reports_user_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(
        cli, ["fit", "images", "--reference", str(empty), "--out", str(tmp_path / "r.json")]
    )
    assert result.exit_code == 2 and "no images found" in result.output
    ref = _reference(tmp_path, n=4)
    result = runner.invoke(
        cli, ["fit", "images", "--reference", str(ref), "--out", str(tmp_path / "r.json")]
    )
    assert result.exit_code == 2 and "at least 10" in result.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"file": "img00.jpg"}\n')
    result = runner.invoke(
        cli,
        [
            "fit",
            "images",
            "--reference",
            str(ref),
            "--predictions",
            str(bad),
            "--out",
            str(tmp_path / "r.json"),
        ],
    )
    assert result.exit_code == 2 and "probabilities" in result.output


def test_invalid_rules_file_names_the_field(tmp_path: Path) -> None:
    import pytest

    from firewall_proxy._exceptions import PolicyError

    path = tmp_path / "r.json"
    path.write_text(
        json.dumps(
            {
                "format": "firewall-proxy/image-rules",
                "version": 1,
                "rules": [{"rule": "x", "category": "blur", "action": "drop"}],
            }
        )
    )
    with pytest.raises(PolicyError, match=r"rules\.0\.action"):
        load_rules(path)
    path.write_text("{not json")
    with pytest.raises(PolicyError, match="invalid JSON"):
        load_rules(path)
