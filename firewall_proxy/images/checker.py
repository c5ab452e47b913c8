"""One image (and one prediction vector) against a rule set: the shared core of
the ``image_quality`` / ``prediction`` evaluators and the in-process client.

Flow position: payload image part -> **checker** (read under root, decode,
measure, check rules, impute) -> per-rule results -> findings. Results are
returned for *every* rule checked, passing or not, so a client can show the
full table; evaluators turn only the failing ones into findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from firewall_proxy.images.rules import RuleResult, RuleSet, check_properties
from firewall_proxy.images.trailing import trailing_bytes

if TYPE_CHECKING:
    from collections.abc import Sequence

    from firewall_proxy.extract.payload import ImagePart

__all__ = ["ImageChecker", "ImageReport"]


@dataclass(slots=True)
class ImageReport:
    """What the checker found for one image."""

    results: list[RuleResult] = field(default_factory=list)
    fixed: bytes | None = None
    fix_notes: list[str] = field(default_factory=list)
    media_type: str | None = None
    properties: dict[str, Any] | None = None

    @property
    def failed(self) -> list[RuleResult]:
        return [r for r in self.results if not r.passed and r.action != "pass"]


class ImageChecker:
    """Holds a loaded :class:`RuleSet` and an optional root for ``image_path``."""

    def __init__(self, rules: RuleSet, root: str | Path | None = None) -> None:
        from firewall_proxy.images.decode import DecodeLimits

        self.rules = rules
        self.root = Path(root).resolve() if root is not None else None
        lim = rules.limits
        self.limits = DecodeLimits(
            lim.max_bytes, lim.max_pixels, frozenset(lim.formats), lim.allow_animated
        )
        self._actions = {r.rule: r for r in rules.rules}

    def _problem(
        self,
        rule: str,
        category: str,
        message: str,
        value: float | str | None = None,
        expected: list[Any] | None = None,
    ) -> RuleResult:
        configured = self._actions.get(rule)
        action = configured.action if configured is not None else "block"
        return RuleResult(
            rule=rule,
            category=category,
            value=value,
            expected=expected,
            action=action,
            severity="high",
            passed=False,
            score=1.0,
            message=message,
        )

    def read(self, part: ImagePart) -> bytes | RuleResult:
        """The part's bytes, reading ``part.path`` under the root (never outside it)."""
        if part.data is not None:
            return part.data
        if part.path is None:
            return self._problem("empty", "malformed", "the image part has no data")
        if self.root is None:
            return self._problem(
                "path", "malformed", "image_path is not accepted: no image root is configured"
            )
        candidate = (self.root / part.path).resolve()
        if not candidate.is_relative_to(self.root):
            return self._problem(
                "path", "malformed", "image_path points outside the configured image root"
            )
        try:
            size = candidate.stat().st_size
            if not candidate.is_file():
                return self._problem("path", "malformed", "image_path is not a file")
            if size > self.limits.max_bytes:
                return self._problem(
                    "bytes",
                    "oversize",
                    f"the image is {size} bytes; the limit is {self.limits.max_bytes}",
                    size,
                    [0, self.limits.max_bytes],
                )
            return candidate.read_bytes()
        except FileNotFoundError:
            return self._problem("path", "malformed", "image_path does not exist under the root")
        except OSError as exc:
            return self._problem("path", "malformed", f"image_path cannot be read ({exc.strerror})")

    def check_bytes(self, data: bytes, *, impute: bool = True) -> ImageReport:
        from firewall_proxy.images.decode import DecodeProblem, decode_image
        from firewall_proxy.images.impute import impute_image
        from firewall_proxy.images.properties import measure

        decoded = decode_image(data, self.limits)
        if isinstance(decoded, DecodeProblem):
            return ImageReport(
                [
                    self._problem(
                        decoded.rule,
                        decoded.category,
                        decoded.message,
                        decoded.value,
                        decoded.expected,
                    )
                ]
            )
        props = measure(decoded)
        results = check_properties(self.rules, props)
        converted = [
            n for n in decoded.notes if "converted" in n or "scaled" in n or "composited" in n
        ]
        mode_rule = self._actions.get("mode")
        if mode_rule is not None:
            results.append(
                RuleResult(
                    rule="mode",
                    category="channels",
                    value=decoded.mode,
                    expected=["RGB", "L"],
                    action=mode_rule.action,
                    severity=mode_rule.severity,
                    passed=not converted,
                    score=0.6 if converted else 0.0,
                    message=("; ".join(converted) + f" ({decoded.mode} input)")
                    if converted
                    else "",
                )
            )
        trailing = trailing_bytes(data, decoded.format)
        if trailing:
            results.append(self._trailing(trailing, decoded.format))
        report = ImageReport(results, media_type=decoded.media_type, properties=props)
        to_fix = {r.rule for r in report.failed if r.action == "impute"}
        if impute and to_fix:
            fixed = impute_image(decoded, props, to_fix, self.rules.impute)
            if fixed is not None:
                report.fixed, report.fix_notes = fixed
            elif "trailing" in to_fix:  # re-encoded pixels (above) have no trailer either
                report.fixed = data[: len(data) - trailing]
                report.fix_notes = [f"{trailing} bytes after the end of the image removed"]
        return report

    def _trailing(self, size: int, fmt: str) -> RuleResult:
        """Bytes after the image's end (a PNG+ZIP or JPEG+HTML polyglot): they decode to
        the same pixels, so every other rule passes while the rest goes unread. By
        default the image is imputed cut at its end; a rules file can say otherwise."""
        configured = self._actions.get("trailing")
        return RuleResult(
            rule="trailing",
            category="corrupt",
            value=size,
            expected=[0, 0],
            action=configured.action if configured is not None else "impute",
            severity=configured.severity if configured is not None else "high",
            passed=False,
            score=0.9,
            message=f"{size} bytes follow the end of the {fmt} image (a polyglot file?)",
        )

    def check_part(self, part: ImagePart, *, impute: bool = True) -> ImageReport:
        data = self.read(part)
        if isinstance(data, RuleResult):
            return ImageReport([data])
        return self.check_bytes(data, impute=impute)

    def check_predictions(self, probs: Sequence[float]) -> list[RuleResult]:
        from firewall_proxy.images.predictions import confidence_entropy, invalid_reason

        rule = self._actions.get("prediction")
        classes = rule.classes if rule is not None else None
        reason = invalid_reason(probs, classes)
        if reason is not None:
            result = self._problem(
                "prediction",
                "invalid_prediction",
                reason,
                len(probs),
                [classes, classes] if classes else None,
            )
            if rule is None:
                result.action = "flag"
            return [result]
        confidence, entropy = confidence_entropy(probs)
        props = {"confidence": confidence, "entropy": entropy}
        out: list[RuleResult] = []
        for name in ("confidence", "entropy"):
            r = self._actions.get(name)
            if r is None or r.bounds is None:
                continue
            lo, hi = r.bounds
            value = props[name]
            failed = (lo is not None and value < lo) or (hi is not None and value > hi)
            out.append(
                RuleResult(
                    rule=name,
                    category=r.category,
                    value=round(value, 6),
                    expected=[lo, hi],
                    action=r.action,
                    severity=r.severity,
                    passed=not failed,
                    score=0.7 if failed else 0.0,
                    message=f"{name} {value:.3g} outside the reference range" if failed else "",
                )
            )
        return out
