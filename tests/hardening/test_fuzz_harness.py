"""``bench/fuzz.py`` itself, in ``--quick`` mode: every family starts, fuzzes, finds
nothing, and reports a table row; the ``canary`` family (which fails on every input)
proves that a failure is caught, saved, printed and turned into exit status 1.
The long run (``--seconds 60``) is a benchmark, not a test."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_quick_fuzz_run_reports_every_family_and_catches_a_failure(tmp_path: Path) -> None:
    families = "extract,policy,image,normalize,canary"
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "fuzz.py"), "--quick", "--families", families,
         "--workdir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    rows = {
        m.group(1): (int(m.group(2).replace(",", "")), int(m.group(3)))
        for m in re.finditer(r"^(\w+)\s*\|\s*([\d,]+)\s*\|\s*(\d+)\s*\|", done.stdout, re.M)
    }
    assert set(rows) == set(families.split(",")), done.stdout
    for family in ("extract", "policy", "image", "normalize"):
        inputs, failures = rows[family]
        assert inputs > 0, f"{family} tried no input"
        assert failures == 0, done.stdout
    assert rows["canary"][1] == 1
    saved = sorted((tmp_path / "canary" / "failures").glob("*.bin"))
    assert len(saved) == 1
    assert str(saved[0]) in done.stdout
    assert "ValueError" in saved[0].with_suffix(".txt").read_text()
