"""``obfuscation``: text hidden from reviewers and filters.

Flow position: extract -> **evaluate** -> decide, next to ``prompt_attacks``.
It reads the normalised views computed once per part
(:mod:`firewall_proxy.evaluate.normalize`) and reports the *technique*:

- look-alike letters from other scripts inside Latin words (homoglyphs);
- readable text hidden in base64, hex, URL escapes or rot13;
- leetspeak or letters spaced apart;

Hiding by itself is suspicious but has innocent uses (a base64 blob in a
coding question), so the score is moderate; when the revealed text matches an
attack or harmful phrase family the score is high, because someone went to
the trouble of hiding exactly that. Invisible characters are reported by the
``invisible_chars`` evaluator, not here. ``prompt_attacks`` scores the revealed
text for the attack itself.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from firewall_proxy.evaluate.attacks.signals import find_signals, word_set
from firewall_proxy.evaluate.base import EvalContext, Evaluator, EvaluatorOptions
from firewall_proxy.extract.payload import Payload
from firewall_proxy.findings import Category, Finding

__all__ = ["ObfuscationEvaluator", "ObfuscationOptions"]

# Technique alone, technique revealing an attack phrase.
_SCORES = {"homoglyphs": (0.7, 0.97), "encoded": (0.4, 0.95), "leetspeak": (0.3, 0.9)}


class ObfuscationOptions(EvaluatorOptions):
    techniques: list[Literal["homoglyphs", "encoded", "leetspeak"]] = Field(
        ["homoglyphs", "encoded", "leetspeak"], description="Which techniques are reported."
    )
    min_homoglyphs: int = Field(2, ge=1, description="Look-alike letters needed to report.")
    roles: list[Literal["user", "document", "tool"]] = Field(["user", "document", "tool"])


class ObfuscationEvaluator(Evaluator):
    name = "obfuscation"
    Options = ObfuscationOptions

    async def evaluate(self, payload: Payload, ctx: EvalContext) -> list[Finding]:
        assert isinstance(self.options, ObfuscationOptions)
        techniques = self.options.techniques
        out: list[Finding] = []
        for i, part in enumerate(payload.texts):
            if part.role not in self.options.roles:
                continue
            nt = ctx.normalized(payload, i)
            if "homoglyphs" in techniques and nt.homoglyphs >= self.options.min_homoglyphs:
                out.append(
                    self._report(
                        "homoglyphs",
                        nt.text,
                        i,
                        part.role,
                        f"{nt.homoglyphs} look-alike letters from other scripts inside Latin words",
                    )
                )
            if "encoded" in techniques:
                for how, text in zip(nt.encodings, nt.decoded, strict=True):
                    out.append(
                        self._report(
                            "encoded", text, i, part.role, f"readable text hidden with {how}"
                        )
                    )
            if "leetspeak" in techniques and nt.leet is not None:
                out.append(
                    self._report(
                        "leetspeak", nt.leet, i, part.role, "leetspeak or spaced-out letters"
                    )
                )
        return _strongest_per_part(out)

    def _report(self, technique: str, revealed: str, part: int, role: str, what: str) -> Finding:
        plain, hiding_attack = _SCORES[technique]
        hits = find_signals(revealed, word_set(revealed))
        names = [h.family.name for h in hits]
        score = hiding_attack if hits else plain
        explanation = f"{what} in a {role} part"
        if hits:
            explanation += f"; the revealed text matches: {', '.join(names)}"
        return self.finding(
            Category.OBFUSCATION,
            score,
            explanation,
            part=part,
            data={"technique": technique, "signals": names},
        )


def _strongest_per_part(found: list[Finding]) -> list[Finding]:
    best: dict[tuple[int | None, str], Finding] = {}
    for f in found:
        key = (f.part, str((f.data or {}).get("technique")))
        if key not in best or f.score > best[key].score:
            best[key] = f
    return list(best.values())
