"""What the columns of a data row mean: prompt, label, expected action, time.

Flow position: sources -> **columns** (labels, timestamps) -> rows -> metrics.
:class:`Columns` is the one configuration object a batch run passes to its
worker processes; everything about how a row is *read* (not evaluated) is
here.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from firewall_proxy.findings import Action

__all__ = ["ACTIONS", "DEFAULT_NEGATIVES", "NEGATIVE", "Columns", "parse_time"]

NEGATIVE = "benign"
# Label values that mean "nothing wrong here", all counted as the benign class.
DEFAULT_NEGATIVES: frozenset[str] = frozenset(
    {"benign", "pass", "none", "normal", "clean", "ok", "safe", "reference", "negative", "0"}
)
_TIME_COLUMNS = ("timestamp", "time", "ts", "created_at", "date", "datetime")
ACTIONS = frozenset(a.value for a in Action)


@dataclass(frozen=True, slots=True)
class Columns:
    """Which row fields hold what, and how labels map onto categories.

    ``time`` ``None`` means: the first of timestamp/time/ts/created_at/date
    present. ``label_map`` renames raw label values (``safe`` -> ``benign``,
    ``prompt_injection`` -> ``injection``) before ``negatives`` are applied.
    ``detect`` is the set of actions that count as "detected".
    """

    text: str = "text"
    context: str = "context"
    label: str = "label"
    expected_action: str = "expected_action"
    category: str = "category"
    time: str | None = None
    image: str = "image_path"
    label_map: tuple[tuple[str, str], ...] = ()
    negatives: frozenset[str] = DEFAULT_NEGATIVES
    detect: frozenset[str] = frozenset({"flag", "impute", "block"})
    worst: int = 10
    seed: int = 0
    image_properties: bool = True
    verdicts: bool = False

    def truth(self, row: dict[str, Any]) -> tuple[str | None, str | None]:
        """(expected class — ``benign``, a category, or ``*`` for "some attack" —,
        expected action) of a row; ``None`` where the row does not say."""
        raw = _label_value(row.get(self.label))
        if raw is None:
            raw = _label_value(row.get(self.category))
        expected = _label_value(row.get(self.expected_action))
        if expected is not None and expected not in ACTIONS:
            expected = None
        if raw is not None:
            raw = dict(self.label_map).get(raw, raw)
            return (NEGATIVE if raw in self.negatives else raw), expected
        if expected is not None:
            return (NEGATIVE if expected not in self.detect else "*"), expected
        return None, None

    def timestamp(self, row: dict[str, Any]) -> float | None:
        if self.time is not None:
            return parse_time(row.get(self.time))
        for name in _TIME_COLUMNS:
            if name in row:
                return parse_time(row[name])
        return None


def _label_value(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    text = str(value).strip().lower()
    return text or None


def parse_time(value: Any) -> float | None:
    """Unix seconds from epoch seconds/milliseconds or an ISO 8601 string (UTC if naive)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        v = float(value)
    else:
        text = str(value).strip()
        if not text:
            return None
        try:
            v = float(text)
        except ValueError:
            try:
                when = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                return None
            if when.tzinfo is None:
                when = when.replace(tzinfo=dt.UTC)
            return when.timestamp()
    if not math.isfinite(v):
        return None
    return v / 1000.0 if v > 1e11 else v  # milliseconds since 1973 look like this
