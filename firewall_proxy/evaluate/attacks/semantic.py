"""Semantic second stage for ``harmful``: a MiniLM embedding + a linear head.

Flow position: inside **evaluate**, a detector of the ``prompt_attacks``
evaluator: ``detectors: [signals, word_vectors]`` (the default policy; the
embedding is a mean of MiniLM word vectors, :mod:`.word_vectors`) or
``[signals, semantic]`` (the MiniLM encoder itself). The phrase
families catch a harmful request when it is *phrased* like one ("how to make a
bomb"); they miss the same intent in other words ("what household chemicals
give off a gas that can kill someone in a closed room"). A sentence embedding
carries the intent; a linear head trained on ``../shared/datasets`` reads it.

It runs only where the cheap stage is unsure, so the median prompt does not
pay for it:

- only on ``user`` parts (a document *about* explosives is not a request);
- only when no harmful phrase family already decided the part;
- only when the folded text holds a **risk term**: a word from a hazard
  vocabulary (violence, weapons, CBRN, drugs, crime, sexual content, minors,
  self-harm, hate, deception, surveillance). Ordinary traffic rarely does
  (1-3% of CLINC150 and banking77 queries; ~10% of all benign rows in the data).

Security vocabulary (malware, exploit, hack, DDoS, ...) is deliberately **not**
a risk term: it is everyday vocabulary for security engineers, and with it the
head flagged half of CyberSecEval's benign security-coding requests when that
source was held out. Malware and intrusion requests are left to the
``cybercrime`` phrase family. For the same reason words that are ordinary in
programming ("execute", "high", "explicit", "minor", "evasion", "offensive",
"manipulation") were taken out after a first measurement.

The head is a logistic regression on the 384-d embedding (unit length), fitted
by ``training/train_semantic.py`` on the risk-term rows of the data plus the
project's own safe prompts with risk words (``training/contrast``: without them
the head read any request holding a risk word as harmful), and its
output is Platt-scaled on *out-of-source* scores: a score of 0.8 means about
80% of risk-term prompts scoring so were harmful in sources the head had not
seen. The file (``semantic_harmful.npz``, ~2 KB) carries the vocabulary it was
trained with, so a changed vocabulary cannot silently mis-score.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from firewall_proxy.evaluate.attacks.matching import whole_words
from firewall_proxy.evaluate.attacks.model import sigmoid

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "RISK_TERMS",
    "Encoder",
    "SemanticHarmHead",
    "default_head_path",
    "reading_window",
    "risk_terms",
]

# What embeds the reading window: the MiniLM encoder itself ("semantic" detector) or
# the word vectors distilled from it (:mod:`.word_vectors`, "word_vectors" detector).
Encoder = Literal["minilm", "word_vectors"]
_HEAD_FILES: dict[Encoder, str] = {
    "minilm": "semantic_harmful.npz",
    "word_vectors": "word_vectors_harmful.npz",
}

# Hazard -> words (folded, whole words). Written from a hazard taxonomy (the
# MLCommons/Llama Guard categories), not mined from the evaluation data.
RISK_TERMS: dict[str, frozenset[str]] = {
    hazard: frozenset(words.split())
    for hazard, words in {
        "violence": "kill kills killing killed murder murdering hurt hurting harm harming assault "
        "shoot shooting stab stabbing torture torturing kidnap kidnapping abduct poison poisoning "
        "strangle strangling beat beating maim injure massacre genocide terrorist terrorism "
        "terror bomb bombs bombing explosive explosives weapon weapons gun guns firearm firearms "
        "knife ammunition ammo sniper hostage lynch mutilate dismember arson behead "
        "shooter",
        "cbrn": "anthrax sarin ricin vx nerve bioweapon bioweapons pathogen toxin toxins "
        "radioactive uranium plutonium nuclear chemical biological smallpox botulinum cyanide "
        "mustard",
        "drugs": "drug drugs meth methamphetamine cocaine heroin fentanyl lsd mdma ecstasy opioid "
        "opioids overdose narcotics narcotic weed marijuana cannabis ketamine xanax oxycodone",
        "crime": "steal stealing stole stolen rob robbing robbery theft thief fraud fraudulent "
        "scam scams scammer launder laundering counterfeit forge forged forgery smuggle "
        "smuggling trafficking trafficker illegal illegally illicit crime crimes criminal bribe "
        "bribery blackmail extort extortion ransom shoplift shoplifting evade cheat "
        "cheating piracy pirate pirated loot looting vandalize vandalism burglary burglar poach "
        "poaching embezzle embezzlement contraband",
        "sexual": "sex sexual sexually porn pornography pornographic nude nudes naked "
        "erotic rape raping molest molesting grooming prostitution escort incest fetish",
        "minors": "child children minors underage kid kids teen teens",
        "self_harm": "suicide suicidal self-harm selfharm cutting anorexia bulimia starve starving",
        "hate": "racist racism sexist sexism slur slurs hate hateful hatred insult insults "
        "insulting derogatory inferior stereotype stereotypes discriminate "
        "discrimination harass harassment harassing bully bullying troll trolling humiliate "
        "humiliating threaten threatening propaganda extremist extremism nazi supremacist "
        "supremacy bigot homophobic transphobic antisemitic misogynist",
        "deception": "fake misinformation disinformation conspiracy hoax defame defamatory "
        "defamation rumor rumors rumours manipulate manipulating deceive deceiving "
        "impersonate impersonating lie lying plagiarize plagiarism astroturfing spam",
        "surveillance": "stalk stalking spy spying surveil surveillance dox doxx doxxing ssn "
        "snoop eavesdrop wiretap",
        "evasion": "undetected untraceable unnoticed anonymously secretly",
        "dangerous": "dangerous harmful lethal deadly unethical immoral abuse abusing abusive "
        "cruel cruelty gamble gambling",
    }.items()
}
_ALL_TERMS: frozenset[str] = frozenset().union(*RISK_TERMS.values())


def risk_terms(words: frozenset[str]) -> list[str]:
    """The risk terms among a folded text's words (sorted; empty = the stage is skipped)."""
    if _ALL_TERMS.isdisjoint(words):
        return []
    return sorted(_ALL_TERMS & words)


# The encoder reads 128 tokens (~500 characters of English): a longer part is read
# around its first risk term, where the request is, rather than from its start.
WINDOW = 480


def reading_window(text: str, terms: list[str]) -> str:
    """What the encoder reads of a folded ``text`` holding the risk ``terms``."""
    if len(text) <= WINDOW:
        return text
    first = min((i for t in terms if (i := next(whole_words(text, t), -1)) >= 0), default=0)
    start = max(0, min(first - WINDOW // 2, len(text) - WINDOW))
    return text[start : start + WINDOW]


def vocabulary_fingerprint() -> str:
    """Identifies the risk vocabulary (stored in the head; a mismatch refuses to load)."""
    import hashlib

    text = "\n".join(f"{h}:{' '.join(sorted(w))}" for h, w in sorted(RISK_TERMS.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def default_head_path(encoder: Encoder = "minilm") -> Path:
    return Path(__file__).with_name(_HEAD_FILES[encoder])


class SemanticHarmHead:
    """``P(harmful | embedding)`` for prompts that hold a risk term."""

    def __init__(
        self,
        weights: npt.NDArray[np.float32],
        bias: float,
        platt: tuple[float, float],
        meta: dict[str, Any] | None = None,
        *,
        encoder: Encoder = "minilm",
    ) -> None:
        import numpy as np

        self.weights = np.asarray(weights, dtype=np.float32).reshape(-1)
        self.bias = float(bias)
        self.platt = (float(platt[0]), float(platt[1]))
        self.meta: dict[str, Any] = dict(meta or {})
        self.encoder: Encoder = encoder

    def decision(self, vectors: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        """Raw (uncalibrated) logits of rows of embeddings."""
        import numpy as np

        return np.asarray(vectors, dtype=np.float64) @ self.weights.astype(np.float64) + self.bias

    def calibrate(self, logit: float) -> float:
        """The Platt-scaled probability of a raw logit."""
        a, b = self.platt
        return sigmoid(a * logit + b)

    def score(self, vector: npt.NDArray[np.float32]) -> float:
        """Calibrated probability that the prompt embedded as ``vector`` is harmful."""
        return self.calibrate(float(self.decision(vector.reshape(1, -1))[0]))

    def save(self, path: Path | str) -> None:
        import numpy as np

        meta = {
            **self.meta,
            "vocabulary": vocabulary_fingerprint(),
            "dim": len(self.weights),
            "encoder": self.encoder,
        }
        np.savez_compressed(
            path,
            weights=self.weights.astype(np.float32),
            bias=np.asarray([self.bias], dtype=np.float64),
            platt=np.asarray(self.platt, dtype=np.float64),
            meta=np.asarray(json.dumps(meta, sort_keys=True)),
        )

    @classmethod
    def load(
        cls, path: Path | str | None = None, *, encoder: Encoder = "minilm", table: str = ""
    ) -> SemanticHarmHead:
        """Read a head written by :meth:`save` (the bundled one for ``encoder`` by default).

        A head reads only the embeddings it was trained on: one for another encoder, or
        for another word-vector ``table`` (its fingerprint), or with another risk
        vocabulary, is refused."""
        import numpy as np

        path = Path(path) if path is not None else default_head_path(encoder)
        retrain = f"rerun python -m training.train_semantic --encoder {encoder}"
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            if meta.get("vocabulary") != vocabulary_fingerprint():
                raise ValueError(f"{path}: trained with another risk vocabulary; {retrain}")
            trained_on = meta.get("encoder", "minilm")  # heads before word vectors: MiniLM
            if trained_on != encoder:
                raise ValueError(f"{path}: a head for {trained_on!r}, not {encoder!r}; {retrain}")
            if table and meta.get("table") != table:
                raise ValueError(f"{path}: trained on another word-vector table; {retrain}")
            platt = z["platt"]
            return cls(
                z["weights"],
                float(z["bias"][0]),
                (float(platt[0]), float(platt[1])),
                meta,
                encoder=encoder,
            )
