"""Loading the labelled prompt data sets for training and for ``bench/detection.py``.

Every row of ``../shared/datasets/prompts/*.jsonl`` is used except those a
source marks ``loosely_harmful`` (restricted-advice questions, not harmful
requests). The two scope sets (CLINC150, banking77) are benign; a fixed,
seeded sample of them is used so they do not swamp the attack data.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "ATTACK_LABELS",
    "CONTRAST_SOURCE",
    "PROJECT_SOURCE",
    "Row",
    "contrast_rows",
    "datasets_dir",
    "load_rows",
    "project_rows",
    "role_of",
]

ATTACK_LABELS = frozenset({"injection", "jailbreak"})
SCOPE_SAMPLE = 2000
# Safe prompts that hold risk words ("kill a Python process"), written by this project
# for the semantic heads (training/contrast/README.md); a separate, independently
# written set under bench/data/ only measures them.
CONTRAST_SOURCE = "contrast_safe_train"
CONTRAST_DIR = Path(__file__).resolve().parent / "contrast"
# The project's own attack and hard-negative rows (batches 1-5, training/contrast/README.md).
PROJECT_SOURCE = "project_train"


@dataclass(frozen=True, slots=True)
class Row:
    text: str
    label: str  # injection | jailbreak | harmful | benign
    source: str  # the data file's stem: the unit of leave-one-source-out


def role_of(source: str) -> str:
    """The part of a request a source's rows stand for: BIPIA's rows are documents
    (e-mails, tables, code) with or without a planted instruction, which a firewall
    reads as ``document`` parts (indirect injection); every other row is a user prompt."""
    return "document" if source.startswith("bipia") else "user"


def datasets_dir() -> Path:
    env = os.environ.get("FIREWALL_PROXY_DATASETS")
    path = Path(env) if env else Path(__file__).resolve().parents[1] / ".." / "shared" / "datasets"
    if not (path / "prompts").is_dir():
        raise SystemExit(
            f"data sets not found at {path.resolve()} (expected prompts/*.jsonl); "
            "set FIREWALL_PROXY_DATASETS"
        )
    return path


def _read(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_rows(root: Path | None = None, scope_sample: int = SCOPE_SAMPLE) -> list[Row]:
    """All usable rows, in a deterministic order."""
    root = root or datasets_dir()
    rows: list[Row] = []
    for path in sorted((root / "prompts").glob("*.jsonl")):
        for r in _read(path):
            if r.get("loosely_harmful"):
                continue
            rows.append(Row(str(r["text"]), str(r["label"]), path.stem))
    for path in sorted((root / "scope").glob("*.jsonl")):
        data = _read(path)
        picked = random.Random(f"scope:{path.stem}").sample(data, min(scope_sample, len(data)))
        rows.extend(Row(str(r["text"]), "benign", path.stem) for r in picked)
    return rows


def project_rows(directory: Path = CONTRAST_DIR) -> list[Row]:
    """The project's attack and hard-negative rows (``attacks_train.jsonl``), as one source."""
    return [
        Row(str(r["text"]), str(r["label"]), PROJECT_SOURCE)
        for r in _read(directory / "attacks_train.jsonl")
    ]


def contrast_rows(directory: Path = CONTRAST_DIR) -> list[Row]:
    """The project's own safe prompts with risk words, as benign rows of one source."""
    return [
        Row(str(r["text"]), "benign", CONTRAST_SOURCE)
        for path in sorted(directory.glob("safe_risk_words_*.jsonl"))
        for r in _read(path)
    ]
