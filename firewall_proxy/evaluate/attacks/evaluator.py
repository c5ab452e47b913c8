"""``prompt_attacks``: injection, jailbreak and harmful-request detection.

Flow position: extract -> **evaluate** -> decide. Reads every text part the
extractor found:

- every ``user`` turn (not only the last) for ``injection``, ``jailbreak`` and
  ``harmful``;
- ``document`` and ``tool`` parts for *indirect* ``injection`` only (a fetched
  page about explosives is not a harmful *request*);
- the ``assistant`` turn only as context: a short user reply to it with no
  attack phrase ("ignore that, use the other address") has its odds discounted;
- ``system`` parts never (they are the application's own instructions);
- the seam between two parts it reads, one after the other, for an attack split
  over turns or content parts ("Ignore all previous" | "instructions and ...").

A user part that no harmful phrase family decided but that holds a risk term
("poison", "stalk", ...) is also read by a linear harmful head on an
embedding of it (:mod:`.semantic`):

- ``detectors: [signals, word_vectors]`` (``policies/default.yaml``): the
  embedding is the mean of MiniLM word vectors (:mod:`.word_vectors`), a few
  tens of microseconds, inline;
- ``detectors: [signals, semantic]``: the MiniLM encoder itself, a few
  milliseconds, off the event loop and held to the policy's ``timeout_ms``.
  With both listed, the encoder reads and the word vectors are not used.

Each part is scored on every normalised view (plain, leetspeak, decoded
base64/hex/URL/rot13 payloads), the highest score wins, and a finding names the
phrase families that matched (with their span when it maps to the original
text), the view it came from and the calibrated model score.
"""

from __future__ import annotations

import asyncio
import math
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

from pydantic import Field, field_validator

from firewall_proxy.evaluate.attacks.semantic import reading_window, risk_terms
from firewall_proxy.evaluate.attacks.signals import (
    SignalCalibration,
    SignalHit,
    compile_patterns,
    find_signals,
    word_set,
)
from firewall_proxy.evaluate.base import EvalContext, Evaluator, EvaluatorOptions
from firewall_proxy.extract.payload import Payload
from firewall_proxy.findings import Category, Finding
from firewall_proxy.policy.regex import compile_policy_regex

if TYPE_CHECKING:
    from firewall_proxy.evaluate.attacks.model import AttackModel
    from firewall_proxy.evaluate.attacks.semantic import SemanticHarmHead
    from firewall_proxy.evaluate.attacks.word_vectors import WordVectors
    from firewall_proxy.evaluate.scope.embedder import Embedder

__all__ = ["AttackCategory", "PromptAttacksEvaluator", "PromptAttacksOptions", "original_span"]

AttackCategory = Literal["injection", "jailbreak", "harmful"]
_ALL: tuple[AttackCategory, ...] = ("injection", "jailbreak", "harmful")
# Folded characters read on each side of the seam between two parts: longer than any
# phrase family's match (their gaps are bounded at ~60 characters).
_SEAM = 128


class PromptAttacksOptions(EvaluatorOptions):
    thresholds: dict[AttackCategory, float] = Field(
        {"injection": 0.5, "jailbreak": 0.5, "harmful": 0.5},
        description="Minimum calibrated score for a finding, per category.",
    )
    categories: list[AttackCategory] = Field(
        ["injection", "jailbreak", "harmful"], description="Which categories are reported."
    )
    detectors: list[Literal["signals", "model", "word_vectors", "semantic"]] = Field(
        ["signals", "model"],
        description="'signals' = phrase families, 'model' = the trained n-gram model; "
        "second stage for harmful requests (user parts holding a risk term that no harmful "
        "phrase decided): 'word_vectors' = MiniLM word vectors (~0.1-0.2 ms each, ~27 MB), "
        "'semantic' = the MiniLM encoder (~7-9 ms each on a 2-core box, ~120 MB resident "
        "once loaded; takes over from 'word_vectors' when both are listed).",
    )
    allowlist: list[str] = Field(
        default_factory=list,
        description="Phrases never flagged: removed (case-insensitively) before scanning.",
    )
    allow_patterns: list[str] = Field(
        default_factory=list,
        description="Regexes (on lower-case text) removed before scanning; run by RE2 "
        "(linear time, no look-arounds or backreferences: see firewall_proxy.policy.regex).",
    )
    roles: list[Literal["user", "document", "tool"]] = Field(
        ["user", "document", "tool"], description="Which parts are read (system/assistant never)."
    )
    reply_discount: float = Field(
        0.25,
        ge=0.0,
        le=1.0,
        description="Odds multiplier for a short user reply to an assistant turn that "
        "matches no attack phrase (1 = no discount).",
    )
    model_path: str | None = Field(None, description="Another model.npz (default: bundled).")
    semantic_path: str | None = Field(
        None, description="Another semantic_harmful.npz (default: bundled)."
    )
    word_vectors_path: str | None = Field(
        None, description="Another word_vectors_harmful.npz (default: bundled)."
    )
    semantic_max_score: float = Field(
        1.0,
        ge=0.0,
        le=1.0,
        description="The highest harmful score the second stage (word_vectors or semantic) "
        "reports on its own: below a block rule's min_score it can flag but never block. "
        "The finding keeps the head's own score in data.semantic_score.",
    )
    semantic_cache_dir: str = Field(
        "~/.cache/firewall-proxy",
        description="Where the MiniLM encoder graph is cached (shared with 'scope').",
    )

    @field_validator("thresholds")
    @classmethod
    def _in_range(cls, v: dict[str, float]) -> dict[str, float]:
        for k, t in v.items():
            if not 0.0 <= t <= 1.0:
                raise ValueError(f"threshold for {k} must be in [0, 1], got {t}")
        return v

    @field_validator("allow_patterns")
    @classmethod
    def _compiles(cls, v: list[str]) -> list[str]:
        for p in v:
            try:
                compile_policy_regex(p)  # RE2: linear time on attacker text (no ReDoS)
            except ValueError as exc:
                raise ValueError(f"invalid allow pattern {p!r}: {exc}") from exc
        return v


@dataclass(slots=True)
class _Best:
    score: float
    view: str
    hits: list[SignalHit]
    model: float | None
    exact: bool  # the view's offsets are the folded text's (no allowlist removal)
    semantic: float | None = None  # the embedding head's score, when it decided
    terms: tuple[str, ...] = ()  # the risk terms that sent the part to it
    encoder: str = ""  # which embedding it read ("minilm" or "word_vectors")


@dataclass(slots=True)
class _Reading:
    """What the semantic stage reads of a part: a view holding risk terms."""

    how: str
    text: str
    exact: bool
    terms: list[str]


def original_span(original: str, folded_span: tuple[int, int]) -> tuple[int, int] | None:
    """Map a span of the folded text back to ``original`` (ASCII texts only)."""
    if not original.isascii():
        return None
    start, end = folded_span
    pos = 0  # index in the folded text
    out_start = -1
    in_space = True  # leading whitespace is dropped by folding
    for i, ch in enumerate(original):
        if ch.isspace():
            if not in_space:
                in_space = True
                pos += 1  # the single space folding keeps
            continue
        in_space = False
        if pos == start and out_start < 0:
            out_start = i
        pos += 1
        if pos == end:
            return (out_start, i + 1) if out_start >= 0 else None
    return None


class PromptAttacksEvaluator(Evaluator):
    name = "prompt_attacks"
    Options = PromptAttacksOptions

    def __init__(self, options: EvaluatorOptions | None = None) -> None:
        super().__init__(options)
        assert isinstance(self.options, PromptAttacksOptions)
        self._model: AttackModel | None = None
        # With the model off (``detectors: [signals]``) the matched families are weighed
        # by a calibration fitted on the labelled data (signals_calibration.json).
        self._calibration: SignalCalibration | None = None
        self._head: SemanticHarmHead | None = None
        self._embedder: Embedder | None = None
        self._words: WordVectors | None = None
        self._allow = [a.casefold() for a in self.options.allowlist]
        self._allow_re = [compile_policy_regex(p) for p in self.options.allow_patterns]
        # Below this attack score no injection/jailbreak finding can be reported, so
        # the model need not work out which of the two it would be.
        th = self.options.thresholds
        self._attack_from = min(th.get("injection", 0.5), th.get("jailbreak", 0.5)) * 0.5

    def load(self) -> None:
        assert isinstance(self.options, PromptAttacksOptions)
        if "model" in self.options.detectors and self._model is None:
            from firewall_proxy.evaluate.attacks.model import AttackModel

            self._model = AttackModel.load(self.options.model_path)
        if self._calibration is None:
            self._calibration = SignalCalibration.load()
        if "semantic" in self.options.detectors and self._embedder is None:
            from firewall_proxy.evaluate.attacks.semantic import SemanticHarmHead
            from firewall_proxy.evaluate.scope.embedder import shared_embedder

            self._head = SemanticHarmHead.load(self.options.semantic_path)
            self._embedder = shared_embedder(cache_dir=self.options.semantic_cache_dir)
        elif self._reads_words() and self._words is None:
            from firewall_proxy.evaluate.attacks.semantic import SemanticHarmHead
            from firewall_proxy.evaluate.attacks.word_vectors import bundled_word_vectors

            words = bundled_word_vectors()
            self._head = SemanticHarmHead.load(
                self.options.word_vectors_path, encoder="word_vectors", table=words.fingerprint
            )
            self._words = words

    def warm(self) -> None:
        """Compile the phrase families now (they compile on first use otherwise)."""
        if self._uses_signals():
            compile_patterns()

    def _uses_signals(self) -> bool:
        """The phrase families run: listed, or as inputs of the model's calibrating stage
        (their strongest inputs: `detectors: [model]` without them would let a plain
        attack through)."""
        assert isinstance(self.options, PromptAttacksOptions)
        return "signals" in self.options.detectors or "model" in self.options.detectors

    def _reads_words(self) -> bool:
        """The word vectors embed (listed, and the encoder is not)."""
        assert isinstance(self.options, PromptAttacksOptions)
        d = self.options.detectors
        return "word_vectors" in d and "semantic" not in d

    async def aclose(self) -> None:
        if self._embedder is not None:
            from firewall_proxy.evaluate.scope.embedder import release_embedder

            embedder, self._embedder = self._embedder, None
            release_embedder(embedder)

    def timed(self) -> bool:
        # The semantic stage waits for the encoder (milliseconds, on a worker thread):
        # held to the policy's timeout_ms like any model.
        assert isinstance(self.options, PromptAttacksOptions)
        return "semantic" in self.options.detectors

    def use_model(self, model: AttackModel) -> None:
        """Score with ``model`` instead of the bundled one (benchmarks, experiments)."""
        self._model = model

    def use_calibration(self, calibration: SignalCalibration) -> None:
        """Weigh signals with ``calibration`` instead of the bundled one (benchmarks)."""
        self._calibration = calibration

    def _clean(self, view: str) -> str:
        for phrase in self._allow:
            view = view.replace(phrase, " ")
        for pat in self._allow_re:
            view = pat.sub(" ", view)
        return view

    def score_views(
        self, views: tuple[tuple[str, str], ...], role: str, reply: bool
    ) -> dict[AttackCategory, _Best]:
        """Best score per category over the views of one text part."""
        return self._score_part(views, role, reply, semantic=False)[0]

    def _score_part(
        self, views: tuple[tuple[str, str], ...], role: str, reply: bool, *, semantic: bool
    ) -> tuple[dict[AttackCategory, _Best], _Reading | None]:
        """:meth:`score_views`, and (``semantic``) what the semantic stage would read of
        the part: the first view holding a risk term, found from the same word sets."""
        assert isinstance(self.options, PromptAttacksOptions)
        use_signals = self._uses_signals()
        if self._calibration is None or (self._model is None and "model" in self.options.detectors):
            self.load()
        best: dict[AttackCategory, _Best] = {}
        reading: _Reading | None = None
        for how, raw_view in views:
            view = self._clean(raw_view) if (self._allow or self._allow_re) else raw_view
            if len(view.strip()) < 3:
                continue
            words = word_set(view) if use_signals or semantic else frozenset[str]()
            if semantic and reading is None and (terms := risk_terms(words)):
                reading = _Reading(how, view, view == raw_view, terms)
            hits = find_signals(view, words, role=role) if use_signals else []
            attack_hits = [h for h in hits if h.family.category != "harmful"]
            for cat, score, model_p in self._category_scores(view, hits, role):
                if reply and not attack_hits and cat != "harmful" and len(view) < 300:
                    score = _discount(score, self.options.reply_discount)
                cur = best.get(cat)
                if cur is None or score > cur.score:
                    cat_hits = [
                        h for h in hits if (h.family.category == "harmful") == (cat == "harmful")
                    ]
                    best[cat] = _Best(score, how, cat_hits, model_p, view == raw_view)
        return best, reading

    def _category_scores(
        self, view: str, hits: list[SignalHit], role: str
    ) -> list[tuple[AttackCategory, float, float | None]]:
        out: list[tuple[AttackCategory, float, float | None]] = []
        direct = role == "user"
        if self._model is not None:
            ms = self._model.score(view, hits, self._attack_from)
            inj_hits = sum(h.family.category == "injection" for h in hits)
            jb_hits = sum(h.family.category == "jailbreak" for h in hits)
            if inj_hits != jb_hits:
                attack_cat: AttackCategory = "injection" if inj_hits > jb_hits else "jailbreak"
            else:
                attack_cat = "injection" if ms.injection_share >= 0.5 else "jailbreak"
            if not direct:
                attack_cat = "injection"
            out.append((attack_cat, ms.attack, ms.attack))
            if direct:
                out.append(("harmful", ms.harmful, ms.harmful))
            return out
        assert self._calibration is not None
        for cat in _ALL:
            if cat != "injection" and not direct:
                continue
            if any(h.family.category == cat for h in hits):
                head = "harmful" if cat == "harmful" else "attack"
                out.append((cat, self._calibration.score(head, hits), None))
        return out

    async def evaluate(self, payload: Payload, ctx: EvalContext) -> list[Finding]:
        assert isinstance(self.options, PromptAttacksOptions)
        out: list[Finding] = []
        previous_role = ""
        semantic = "harmful" in self.options.categories and (
            "semantic" in self.options.detectors or "word_vectors" in self.options.detectors
        )
        harm_from = self.options.thresholds.get("harmful", 0.5)
        scored: list[tuple[int, dict[AttackCategory, _Best]]] = []
        pending: list[tuple[dict[AttackCategory, _Best], _Reading]] = []
        for i, part in enumerate(payload.texts):
            role = part.role
            reply = role == "user" and previous_role == "assistant"
            previous_role = role
            if role not in self.options.roles:
                continue
            views = ctx.normalized(payload, i).labelled_views()
            best, reading = self._score_part(
                views, role, reply, semantic=semantic and role == "user"
            )
            scored.append((i, best))
            # the encoder reads a user part no harmful phrase decided that holds a risk term
            if reading is not None and ("harmful" not in best or best["harmful"].score < harm_from):
                pending.append((best, reading))
        if pending and self._reads_words():
            for part_best, reading in pending:
                self._read_words(part_best, reading)
        elif pending:  # every user turn that needs the encoder at once: they share its batches
            await asyncio.gather(*(self._read_semantically(b, r) for b, r in pending))
        for i, best in scored:
            part = payload.texts[i]
            nt = ctx.normalized(payload, i)
            for cat, b in best.items():
                if cat not in self.options.categories:
                    continue
                if b.score < self.options.thresholds.get(cat, 0.5):
                    continue
                out.append(
                    self._finding(
                        cat, b, i, part.text, part.role, part.turn, nt.homoglyphs + nt.invisible
                    )
                )
        out.extend(self._across_parts(payload, ctx, out))
        return out

    async def _read_semantically(self, best: dict[AttackCategory, _Best], r: _Reading) -> None:
        """The MiniLM head's harmful score for one part (it replaces a lower one)."""
        assert isinstance(self.options, PromptAttacksOptions)
        if self._embedder is None or self._head is None:
            self.load()
        assert self._embedder is not None and self._head is not None
        p = self._head.score(await self._embedder.aembed(reading_window(r.text, r.terms)))
        self._take(best, r, p, "minilm", self.options.semantic_max_score)

    def _read_words(self, best: dict[AttackCategory, _Best], r: _Reading) -> None:
        """The word-vector head's harmful score for one part (it replaces a lower one)."""
        assert isinstance(self.options, PromptAttacksOptions)
        if self._words is None or self._head is None:
            self.load()
        assert self._words is not None and self._head is not None
        vector = self._words.embed(reading_window(r.text, r.terms))
        if not vector.any():  # no token the table knows: nothing to read
            return
        p = self._head.score(vector)
        self._take(best, r, p, "word_vectors", self.options.semantic_max_score)

    @staticmethod
    def _take(
        best: dict[AttackCategory, _Best], r: _Reading, p: float, encoder: str, cap: float
    ) -> None:
        reported = min(p, cap)
        cur = best.get("harmful")
        if cur is None or reported > cur.score:
            terms = tuple(r.terms[:8])
            best["harmful"] = _Best(reported, r.how, [], None, r.exact, p, terms, encoder)

    def _across_parts(
        self, payload: Payload, ctx: EvalContext, found: list[Finding]
    ) -> list[Finding]:
        """An attack split over two parts ("Ignore all previous" | "instructions and ...")
        matches in neither, yet the model reads them one after the other: so the end of
        each read part is scanned joined to the start of the next one read (``_SEAM``
        folded characters each side, a few microseconds per seam). A category already
        found at that score or higher is not reported again."""
        assert isinstance(self.options, PromptAttacksOptions)
        read = [i for i, p in enumerate(payload.texts) if p.role in self.options.roles]
        out: list[Finding] = []
        for a, b in pairwise(read):
            left, right = payload.texts[a], payload.texts[b]
            tail = ctx.normalized(payload, a).text[-_SEAM:]
            seam = tail + " " + ctx.normalized(payload, b).text[:_SEAM]
            # Joined to a document or tool part, only indirect injection is looked for.
            role = "user" if left.role == right.role == "user" else "tool"
            for cat, best in self.score_views((("plain", seam),), role, False).items():
                if cat not in self.options.categories:
                    continue
                if best.score < self.options.thresholds.get(cat, 0.5):
                    continue
                # Only a phrase that runs over the seam is new (the spans are exact unless
                # the allowlist removed text).
                crosses = any(h.span[0] < len(tail) < h.span[1] for h in best.hits)
                if best.exact and not crosses:
                    continue
                if any(f.category == cat and f.score >= best.score for f in [*found, *out]):
                    continue
                names = ", ".join(h.family.name for h in best.hits)
                out.append(
                    self.finding(
                        Category(cat),
                        best.score,
                        f"{'prompt injection' if cat == 'injection' else cat} split across "
                        f"{left.role} part {a} and {right.role} part {b}; signals: {names}",
                        part=b,
                        data={"signals": [h.family.name for h in best.hits], "view": "seam"},
                    )
                )
        return out

    def _finding(
        self,
        cat: AttackCategory,
        b: _Best,
        part: int,
        original: str,
        role: str,
        turn: int,
        hidden_chars: int,
    ) -> Finding:
        where = f"{role} turn {turn}" if role == "user" else f"{role} part {part}"
        if b.view != "plain":
            where += f", inside a {b.view} payload"
        elif hidden_chars:
            where += f", after removing {hidden_chars} invisible/look-alike characters"
        signals = "; ".join(f"{h.family.name} ({h.family.description})" for h in b.hits)
        what = {
            "injection": "prompt injection",
            "jailbreak": "jailbreak attempt",
            "harmful": "harmful request",
        }[cat]
        if role != "user":
            what = "indirect prompt injection"
        parts = [f"{what} in {where}"]
        if signals:
            parts.append(f"signals: {signals}")
        if b.model is not None:
            parts.append(f"model score {b.model:.2f}")
        if b.semantic is not None:
            how = "MiniLM word vectors" if b.encoder == "word_vectors" else "sentence embedding"
            parts.append(
                f"semantic model {b.semantic:.2f} ({how}; risk terms: {', '.join(b.terms)})"
            )
            if b.semantic > b.score:
                parts.append(f"reported as {b.score:.2f} (semantic_max_score)")
        span = None
        if b.hits and b.view == "plain" and b.exact:
            span = original_span(original, b.hits[0].span)
        data: dict[str, object] = {
            "signals": [h.family.name for h in b.hits],
            "view": b.view,
            "role": role,
        }
        if b.model is not None:
            data["model_score"] = round(b.model, 4)
        if b.semantic is not None:
            data["semantic_score"] = round(b.semantic, 4)
            data["semantic_encoder"] = b.encoder
            data["risk_terms"] = list(b.terms)
        cat_value = {
            "injection": Category.INJECTION,
            "jailbreak": Category.JAILBREAK,
            "harmful": Category.HARMFUL,
        }[cat]
        return self.finding(cat_value, b.score, "; ".join(parts), part=part, span=span, data=data)


def _discount(p: float, factor: float) -> float:
    if p <= 0.0 or p >= 1.0 or factor >= 1.0:
        return p
    logit = math.log(p / (1.0 - p)) + math.log(max(factor, 1e-9))
    return 1.0 / (1.0 + math.exp(-logit))
