"""Prompt attack detection quality and latency, measured honestly.

Quality is leave-one-source-out: every data file in ``../shared/datasets``
(prompts/ and the benign scope sets) is scored by a model trained *without*
that file (and without any exact duplicate of its texts), through the same
normalisation, views and scoring code the ``prompt_attacks`` evaluator runs.
Thresholds are the evaluator's defaults fixed in advance (0.5 = flag band,
0.98 = block injection/jailbreak in policies/default.yaml: between the shipped shares
of one phrase family, 0.97, and two, 0.99), never chosen on the reported split. The
"oracle" column (recall at 1% pooled benign FPR, threshold chosen on these same
scores) is printed for comparison with published figures and is *not* an
operating point.

Then: attacks rewritten with homoglyphs, zero-width characters, base64 and
leetspeak, scored by their source's held-out model, as a fraction of the plain
catch rate; a reliability table (calibration); and latency of the default
prompt chain (``policies/default.yaml``) on 1 KB and 10 KB prompts, model load
time and resident memory, with the default chain's word-vector stage and with
the MiniLM encoder in its place. The two semantic sections score each source's
risk-term rows with a head fitted without that source
(``training/train_semantic.py``): on MiniLM word vectors (``word_vectors``,
what the default policy runs) and on the MiniLM encoder (``semantic``;
embeddings cached under ~/.cache).

With ``--encoder-loso FILE`` it also prints the ninth session's experiment, a
MiniLM whose top layers were fine-tuned on the data (not shipped: see the model
card): alone and added to the default chain, from the held-out scores
``training/finetune_encoder.py --loso-out FILE`` writes (~1 h; each source's
calibration is fitted on the other sources' held-out scores).

Run:  .venv/bin/python bench/detection.py [--sample-obfuscated 60] [--skip-latency | --latency-only]
          [--encoder-loso FILE]
Needs: the ``test`` extra (scikit-learn) and ../shared/datasets.
"""

from __future__ import annotations

import argparse
import base64
import itertools
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from firewall_proxy.evaluate.attacks.evaluator import PromptAttacksEvaluator  # noqa: E402
from firewall_proxy.evaluate.attacks.model import AttackModel  # noqa: E402
from firewall_proxy.evaluate.attacks.semantic import Encoder  # noqa: E402
from firewall_proxy.evaluate.attacks.signals import SignalCalibration  # noqa: E402
from firewall_proxy.evaluate.normalize import normalize  # noqa: E402
from training.calibrate_signals import family_matrix, fit_calibration  # noqa: E402
from training.data import ATTACK_LABELS, Row, contrast_rows, load_rows, role_of  # noqa: E402
from training.train_attacks import featurize, fit_model  # noqa: E402
from training.train_semantic import embed_texts, fit_head, gated_rows  # noqa: E402

# The default policy's bands: report from 0.5 (flag), block injection/jailbreak from 0.98.
FLAG, BLOCK = 0.5, 0.98
SAFE_SET = ROOT / "bench" / "data" / "safe_risk_words_eval.jsonl"
ATTACK_SET = ROOT / "bench" / "data" / "attacks_eval.jsonl"
DEV_SET = ROOT / "training" / "contrast" / "attacks_dev.jsonl"
_HOMO = str.maketrans({"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "i": "і", "x": "х"})
_LEET = str.maketrans({"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"})


def score_rows(model: AttackModel | SignalCalibration, texts: list[str], source: str) -> np.ndarray:
    """(attack, harmful) scores per text of ``source``, through the evaluator's view
    scoring and as the part of a request the source stands for (BIPIA: documents,
    see ``training.data.role_of``): with ``model``, or with the phrase signals alone
    weighed by a signal calibration (``detectors: [signals]``)."""
    role = role_of(source)
    signals = isinstance(model, SignalCalibration)
    ev = PromptAttacksEvaluator.from_config({"detectors": ["signals"]} if signals else {})
    assert isinstance(ev, PromptAttacksEvaluator)
    if isinstance(model, SignalCalibration):
        ev.use_calibration(model)
    else:
        ev.use_model(model)
    out = np.zeros((len(texts), 2))
    for i, text in enumerate(texts):
        best = ev.score_views(normalize(text).labelled_views(), role, False)
        out[i, 0] = max(
            (best[c].score for c in ("injection", "jailbreak") if c in best), default=0.0
        )
        out[i, 1] = best["harmful"].score if "harmful" in best else 0.0
    return out


def auc(pos: np.ndarray, neg: np.ndarray) -> float:
    if not len(pos) or not len(neg):
        return float("nan")
    allv = np.concatenate([pos, neg])
    ranks = allv.argsort().argsort() + 1.0
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def obfuscate(text: str, how: str) -> str:
    if how == "homoglyphs":
        return text.translate(_HOMO)
    if how == "zero-width":
        return "\u200b".join(text[i : i + 3] for i in range(0, len(text), 3))
    if how == "base64":
        # A neutral lead-in: "decode this and do what it says" is itself a filter_evasion
        # finding, which would count rows the decoder never read.
        return "Here is the text: " + base64.b64encode(text.encode()).decode()
    return text.translate(_LEET)


def loso(rows: list[Row]) -> tuple[dict[str, np.ndarray], dict[str, AttackModel]]:
    feats = featurize(rows)
    sources = sorted({r.source for r in rows})
    scores: dict[str, np.ndarray] = {}
    models: dict[str, AttackModel] = {}
    for s in sources:
        t0 = time.perf_counter()
        test = [i for i, r in enumerate(rows) if r.source == s]
        held = {feats.folded[i] for i in test}
        train = np.asarray(
            [i for i, r in enumerate(rows) if r.source != s and feats.folded[i] not in held]
        )
        model = fit_model(feats, rows, train)
        models[s] = model
        scores[s] = score_rows(model, [rows[i].text for i in test], s)
        print(
            f"  fold {s}: {len(train)} train rows, {time.perf_counter() - t0:.1f}s", file=sys.stderr
        )
    return scores, models


def signals_only(rows: list[Row]) -> tuple[dict[str, np.ndarray], dict[str, SignalCalibration]]:
    """Scores with the phrase signals alone, each source weighed by a signal calibration
    fitted without it (the families themselves were written by people who had seen
    these data sets: that part is not held out)."""
    matrix, folded = family_matrix(rows)
    scores: dict[str, np.ndarray] = {}
    cals: dict[str, SignalCalibration] = {}
    for s in sorted({r.source for r in rows}):
        test = [i for i, r in enumerate(rows) if r.source == s]
        held = {folded[i] for i in test}
        train = np.asarray(
            [i for i, r in enumerate(rows) if r.source != s and folded[i] not in held]
        )
        cals[s] = fit_calibration(matrix, folded, rows, train)
        scores[s] = score_rows(cals[s], [rows[i].text for i in test], s)
    return scores, cals


def shipped_block_band(rows: list[Row]) -> None:
    """The block band as shipped: with the calibration fitted on all data, one attack
    family scores below BLOCK and two or more above it, so blocking is count-based.
    (Held out, the shares move per fold: where the shared jailbreak templates are the
    new source, two families measure ~0.97 and those rows are flagged instead.)"""
    cal = SignalCalibration.load()
    by_src: dict[str, list[Row]] = {}
    for r in rows:
        by_src.setdefault(r.source, []).append(r)
    att: list[bool] = []
    ben: list[bool] = []
    for s, rs in by_src.items():
        sc = score_rows(cal, [r.text for r in rs], s)[:, 0] >= BLOCK
        att.extend(sc[i] for i, r in enumerate(rs) if r.label in ATTACK_LABELS)
        ben.extend(sc[i] for i, r in enumerate(rs) if r.label == "benign")
    one, two, _ = cal.heads["attack"]
    print(
        f"block band with the shipped calibration (one family {one:.3f}, two {two:.3f}; "
        f"block from {BLOCK}): injection ∪ jailbreak recall {np.mean(att):.3f}, benign FPR "
        f"{np.mean(ben):.4f} (families not held out)"
    )


def with_semantic(
    rows: list[Row], sig: dict[str, np.ndarray], encoder: Encoder, extra: list[Row]
) -> dict[str, np.ndarray]:
    """``sig`` plus a semantic harmful stage (``detectors: [signals, word_vectors]`` or
    ``[signals, semantic]``), held out: each source's risk-term rows are scored by a
    head (and its Platt scaling) fitted without that source, and, as at run time, only
    where no harmful phrase family reached the flag band. The heads also train on
    ``extra`` (the project's own safe prompts with risk words) as a source of its own,
    whose held-out flag rate is printed."""
    gated, texts = gated_rows(rows + extra)
    x = embed_texts(texts, encoder)
    y = np.asarray([r.label == "harmful" for r in gated])
    groups = np.asarray([r.source for r in gated])
    where: dict[int, int] = {}
    seen: dict[str, int] = {}
    for r in rows:
        where[id(r)] = seen.get(r.source, 0)
        seen[r.source] = where[id(r)] + 1
    out = {s: v.copy() for s, v in sig.items()}
    gate: dict[str, int] = {}
    for s in sorted(set(groups.tolist())):
        test = groups == s
        held = {texts[i] for i in np.flatnonzero(test)}
        train = ~test & np.asarray([t not in held for t in texts])
        head = fit_head(x[train], y[train], groups[train], encoder)
        probs = [head.calibrate(z) for z in head.decision(x[test])]
        for i, p in zip(np.flatnonzero(test), probs, strict=True):
            if gated[i].source not in out:  # the contrast rows: only their own rate
                gate[s] = gate.get(s, 0) + (p >= FLAG)
                continue
            j = where[id(gated[i])]
            if out[s][j, 1] < FLAG:
                out[s][j, 1] = max(out[s][j, 1], p)
                gate[s] = gate.get(s, 0) + (gated[i].label == "benign")
    ben = {s: sum(r.source == s and r.label == "benign" for r in rows) for s in sig}
    print(f"\nShare of benign rows the {encoder} stage reads (risk term, no harmful phrase)")
    print("  " + ", ".join(f"{s} {gate.get(s, 0) / n:.3f}" for s, n in sorted(ben.items()) if n))
    if extra:
        src = extra[0].source
        print(
            f"  {src} (safe prompts with risk words, trained on except here): "
            f"{gate.get(src, 0)} of {len(extra)} flagged at {FLAG} when held out"
        )
    return out


def policy_variants(policy: Path, tmp: Path) -> list[tuple[str, Path]]:
    """The policy, and copies of it with the phrase families alone and with the MiniLM
    encoder in place of the word vectors."""
    text = policy.read_text(encoding="utf-8")
    line = "detectors: [signals, word_vectors]"
    if line not in text:
        raise SystemExit(f"{policy}: no '{line}' line to compare against")
    variants = [("default chain", policy)]
    for label, detectors in (
        ("signals only", "detectors: [signals]"),
        ("MiniLM in place", "detectors: [signals, semantic]"),
    ):
        pol = tmp / f"{detectors.split()[-1].strip('[]')}.yaml"
        pol.write_text(text.replace(line, detectors), encoding="utf-8")
        variants.append((label, pol))
    return variants


def with_encoder(
    rows: list[Row], base: dict[str, np.ndarray], folds_path: Path
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """``base`` plus the fine-tuned encoder's held-out scores (from ``finetune_encoder.py
    --loso-out``), as the experiment's second stage combined them: the higher score wins;
    document rows (BIPIA) give injection only. Each source's scores are calibrated by a
    Platt fit on the *other* sources' held-out scores, so no threshold or calibration saw
    the reported source.
    Returns (combined, encoder alone)."""
    import json

    from training.finetune_encoder import calibrated, fit_calibration, row_digest

    folds = json.loads(folds_path.read_text(encoding="utf-8"))
    by_src: dict[str, list[Row]] = {}
    for r in rows:
        by_src.setdefault(r.source, []).append(r)
    combined = {k: v.copy() for k, v in base.items()}
    alone: dict[str, np.ndarray] = {}
    for src, rs in sorted(by_src.items()):
        fold = folds.get(src)
        if fold is None or fold["digests"] != [row_digest(r.text) for r in rs]:
            raise SystemExit(f"{folds_path}: no held-out scores for {src}'s rows as loaded now")
        cal = fit_calibration({k: v for k, v in folds.items() if k != src})
        sc = calibrated(np.asarray(fold["p"], dtype=np.float64), cal)
        if role_of(src) != "user":
            sc[:, 1] = 0.0
        alone[src] = sc
        combined[src] = np.maximum(combined[src], sc)
    return combined, alone


def _read_set(path: Path) -> list[dict[str, str]]:
    import json

    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _verdicts(pol: Path, texts: list[str]) -> list[tuple[dict[str, float], bool]]:
    """Per text: the highest score per category the engine reported, and whether the
    policy blocked it (one user message through ``Engine.scan_text``)."""
    import asyncio

    from firewall_proxy.engine import Engine

    async def scan() -> list[tuple[dict[str, float], bool]]:
        engine = Engine.from_file(pol)
        out = []
        for text in texts:
            v = await engine.scan_text(text)
            best: dict[str, float] = {}
            for f in v.findings:
                best[f.category] = max(best.get(f.category, 0.0), f.score)
            out.append((best, v.action.value == "block"))
        await engine.aclose()
        return out

    return asyncio.run(scan())


def _shares(got: list[tuple[bool, bool]]) -> str:
    """'reported / blocked' shares of (reported, blocked) pairs."""
    return f"{sum(h for h, _ in got) / len(got):.3f} / {sum(b for _, b in got) / len(got):.3f}"


def safe_prompts(policy: Path) -> None:
    """False alarms on safe prompts that hold risk words, per app, through the engine
    with the shipped files: the set (bench/data) was written apart from the contrast
    set the heads train on and is never trained on."""
    import tempfile

    data = _read_set(SAFE_SET)
    apps = sorted({d["app"] for d in data})
    print(
        f"\nSafe prompts with risk words ({SAFE_SET.relative_to(ROOT)}, {len(data)} prompts, "
        "written for this bench, never trained on): share reported as harmful (>= 0.5) / "
        "blocked by the policy"
    )
    print(f"{'chain':<17}" + "".join(f"{a:>20}" for a in [*apps, "all"]))
    with tempfile.TemporaryDirectory() as tmp:
        for label, pol in policy_variants(policy, Path(tmp)):
            res = [
                (best.get("harmful", 0.0) >= FLAG, blocked)
                for best, blocked in _verdicts(pol, [d["text"] for d in data])
            ]
            cells = [
                _shares([r for r, d in zip(res, data, strict=True) if app in ("all", d["app"])])
                for app in [*apps, "all"]
            ]
            print(f"{label:<17}" + "".join(f"{c:>20}" for c in cells))


# The categories that count as catching a row of the independent attack set, per label
# (injection and jailbreak count for each other; for benign rows, false alarms).
_CAUGHT_AS = {
    "injection": ("injection", "jailbreak"),
    "jailbreak": ("injection", "jailbreak"),
    "harmful": ("harmful",),
    "benign": ("injection", "jailbreak", "harmful"),
}


def independent_attacks(policy: Path, path: Path = ATTACK_SET) -> None:
    """A labelled attack set the detectors were never fitted on: the independent set
    (bench/data/attacks_eval.jsonl, the measure reported) or the project's dev set
    (training/contrast/attacks_dev.jsonl, for comparing detector variants), each written
    by a helper that read neither the code, the data sets nor the training sets. Recall
    per label (the row's own category reported at >= 0.5), share blocked, and the
    benign rows' false alarms, per prompt chain; then the default chain per kind."""
    import tempfile

    data = _read_set(path)
    labels = list(_CAUGHT_AS)
    counts = {lab: sum(d["label"] == lab for d in data) for lab in labels}
    what = (
        "Independent attack set"
        if path == ATTACK_SET
        else "Project dev set (never trained on; compares variants)"
    )
    print(
        f"\n{what} ({path.relative_to(ROOT)}, {len(data)} prompts, never trained or tuned "
        "on), one user message each: share reported (>= 0.5) / share blocked; benign = "
        "false alarms"
    )
    print(f"{'chain':<17}" + "".join(f"{lab + f' ({counts[lab]})':>20}" for lab in labels))
    per_kind: dict[str, list[bool]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, pol in policy_variants(policy, Path(tmp)):
            res = [
                (any(best.get(c, 0.0) >= FLAG for c in _CAUGHT_AS[d["label"]]), blocked)
                for (best, blocked), d in zip(
                    _verdicts(pol, [d["text"] for d in data]), data, strict=True
                )
            ]
            cells = [
                _shares([r for r, d in zip(res, data, strict=True) if d["label"] == lab])
                for lab in labels
            ]
            print(f"{name:<17}" + "".join(f"{c:>20}" for c in cells))
            if not per_kind:  # the first variant is the policy itself
                for (caught, _), d in zip(res, data, strict=True):
                    per_kind.setdefault(f"{d['label']}/{d['kind']}", []).append(caught)
    print("default chain per kind (share reported; for benign kinds: false alarms)")
    for key, got in sorted(per_kind.items()):
        print(f"  {key:<44}{len(got):>4}{sum(got) / len(got):>8.3f}")


def quality_table(
    rows: list[Row],
    scores: dict[str, np.ndarray],
    title: str = "Leave-one-source-out (each source scored by a model trained without it)",
) -> dict[str, np.ndarray]:
    by_src: dict[str, list[Row]] = {}
    for r in rows:
        by_src.setdefault(r.source, []).append(r)
    pooled: dict[str, list[np.ndarray]] = {
        "attack": [],
        "harmful": [],
        "benign": [],
        "benign_attack": [],
        "benign_harmful": [],
    }
    print(f"\n{title}")
    hdr = (
        f"{'source':<34}{'n':>6}{'att':>5}{'harm':>5}{'ben':>6}"
        f"{'rec@.5':>7}{'rec@' + f'{BLOCK:.2f}'[1:]:>8}{'hrec@.5':>8}{'FPRa@.5':>8}"
        f"{'FPRh@.5':>8}{'FPR@.5':>7}{'FPR@' + f'{BLOCK:.2f}'[1:]:>8}{'AUC':>6}"
    )
    print(hdr)
    print("-" * len(hdr))
    for s, rs in sorted(by_src.items()):
        sc = scores[s]
        labels = np.asarray([r.label for r in rs])
        att = np.isin(labels, list(ATTACK_LABELS))
        harm = labels == "harmful"
        ben = labels == "benign"
        anyscore = sc.max(axis=1)
        pooled["attack"].append(sc[att, 0])
        pooled["harmful"].append(sc[harm, 1])
        pooled["benign"].append(anyscore[ben])
        pooled["benign_attack"].append(sc[ben, 0])
        pooled["benign_harmful"].append(sc[ben, 1])

        def rate(mask: np.ndarray, col: np.ndarray, t: float) -> str:
            return f"{(col[mask] >= t).mean():.3f}" if mask.any() else "-"

        a = auc(sc[att, 0], sc[ben, 0]) if att.any() and ben.any() else float("nan")
        print(
            f"{s[:33]:<34}{len(rs):>6}{att.sum():>5}{harm.sum():>5}{ben.sum():>6}"
            f"{rate(att, sc[:, 0], FLAG):>7}{rate(att, sc[:, 0], BLOCK):>8}"
            f"{rate(harm, sc[:, 1], FLAG):>8}{rate(ben, sc[:, 0], FLAG):>8}"
            f"{rate(ben, sc[:, 1], FLAG):>8}{rate(ben, anyscore, FLAG):>7}"
            f"{rate(ben, anyscore, BLOCK):>8}{'' if np.isnan(a) else f'{a:.3f}':>6}"
        )
    return {k: np.concatenate(v) for k, v in pooled.items()}


def pooled_table(
    p: dict[str, np.ndarray],
    title: str = "Pooled (all held-out scores together; FPR = benign rows over the same head)",
) -> None:
    att, harm, ben = p["attack"], p["harmful"], p["benign"]
    print(f"\n{title}")
    print(f"{'what':<24}{'thr':>6}{'recall':>8}{'prec':>7}{'F1':>7}{'benign FPR':>11}")
    for name, pos, neg in (
        ("injection ∪ jailbreak", att, p["benign_attack"]),
        ("harmful", harm, p["benign_harmful"]),
    ):
        for t in (FLAG, BLOCK):
            tp = (pos >= t).sum()
            fp = (neg >= t).sum()
            rec = tp / max(len(pos), 1)
            prec = tp / max(tp + fp, 1)
            f1 = 2 * prec * rec / max(prec + rec, 1e-9)
            print(f"{name:<24}{t:>6.2f}{rec:>8.3f}{prec:>7.3f}{f1:>7.3f}{fp / len(neg):>11.4f}")
    for t in (FLAG, BLOCK):
        print(f"benign rows flagged by either head at {t}: {(ben >= t).mean():.4f}")
    for name, pos, neg in (
        ("injection ∪ jailbreak", att, p["benign_attack"]),
        ("harmful", harm, p["benign_harmful"]),
    ):
        thr = float(np.quantile(neg, 0.99))
        print(
            f"oracle: {name} recall at 1% pooled benign FPR = {(pos > thr).mean():.3f} "
            f"(threshold {thr:.3f} chosen on these scores; not an operating point); "
            f"pooled AUC {auc(pos, neg):.3f}"
        )


def reliability(rows: list[Row], scores: dict[str, np.ndarray], what: str) -> None:
    """Share of attacks per held-out score band: a calibrated score matches its band."""
    labels = np.asarray([r.label for r in rows])
    src = np.asarray([r.source for r in rows])
    s = np.zeros((len(rows), 2))
    for name, sc in scores.items():
        s[src == name] = sc
    heads = (
        ("attack", np.isin(labels, list(ATTACK_LABELS)), labels != "harmful"),
        ("harmful", labels == "harmful", np.isin(labels, ["harmful", "benign"])),
    )
    print(f"\nCalibration of {what} (held-out scores; share of attacks per score band)")
    print(f"{'score band':<14}{'attack rows':>12}{'share':>7}{'harmful rows':>13}{'share':>7}")
    edges = [0.0, 0.1, 0.3, 0.5, 0.7, 0.85, 0.95, 0.98, 1.0001]
    for lo, hi in itertools.pairwise(edges):
        line = f"[{lo:.2f}, {min(hi, 1):.2f}){'':<2}"
        for col, (_, y, keep) in enumerate(heads):
            m = keep & (s[:, col] >= lo) & (s[:, col] < hi)
            share = f"{y[m].mean():.3f}" if m.any() else "-"
            line += f"{m.sum():>12}{share:>7}" if col == 0 else f"{m.sum():>13}{share:>7}"
        print(line)


def obfuscated_table(
    rows: list[Row],
    scores: dict[str, np.ndarray],
    models: dict[str, AttackModel] | dict[str, SignalCalibration],
    n: int,
    what: str,
) -> None:
    rng = random.Random(0)
    print(f"\nObfuscated attacks, {what} (<= {n} attack rows per source, held out), at {FLAG}")
    print(f"{'variant':<14}{'rows':>6}{'plain':>8}{'variant':>9}{'ratio':>7}")
    picked: list[tuple[str, int, str]] = []
    for s in sorted(scores):
        src_rows = [r for r in rows if r.source == s]
        idx = [i for i, r in enumerate(src_rows) if r.label in ATTACK_LABELS]
        picked.extend((s, i, src_rows[i].text) for i in rng.sample(idx, min(n, len(idx))))
    plain = np.asarray([scores[s][i, 0] >= FLAG for s, i, _ in picked])
    for how in ("homoglyphs", "zero-width", "base64", "leetspeak"):
        c = np.asarray(
            [
                score_rows(models[s], [obfuscate(text, how)], s)[0, 0] >= FLAG
                for s, _, text in picked
            ]
        )
        ratio = c.mean() / max(plain.mean(), 1e-9)
        print(f"{how:<14}{len(c):>6}{plain.mean():>8.3f}{c.mean():>9.3f}{ratio:>7.3f}")


_LATENCY = r"""
import asyncio, json, statistics, sys, time
t0 = time.perf_counter()
from firewall_proxy.engine import Engine
import firewall_proxy.server  # the whole proxy is imported, as `serve` would
t1 = time.perf_counter()
engine = Engine.from_file(sys.argv[1])
engine.load()
t2 = time.perf_counter()
base = ("Please help me write a polite email to my landlord about the broken heating in the "
        "flat; mention that it has been cold for a week and ask when a technician can come. ")
# A short prompt holding a risk term ("poison") that no phrase family decides: the
# semantic stage reads it. A counter keeps the encoder's LRU from answering.
risky = "My dog ate something in the garden, could it be a poison for him? ({})"
async def timed(make, n):
    for i in range(20):
        await engine.scan_text(make(-i - 1))
    times = []
    for i in range(n):
        text = make(i)
        t = time.perf_counter_ns()
        await engine.scan_text(text)
        times.append((time.perf_counter_ns() - t) / 1e6)
    times.sort()
    return (statistics.median(times), times[int(len(times) * 0.99) - 1])
async def run():
    out = {}
    n = int(sys.argv[2])
    # The first scans after load compile the phrase families they reach (lazily: most
    # texts reach few): the first 1 KB of real prompts, and the next four.
    varied = json.load(open(sys.argv[3]))
    first = []
    for text in varied["1024"][:5]:
        t = time.perf_counter_ns()
        await engine.scan_text(text)
        first.append((time.perf_counter_ns() - t) / 1e6)
    out["first"] = first
    for size in (1024, 10240):
        text = (base * (size // len(base) + 1))[:size]
        out[f"{size // 1024} KB"] = await timed(lambda i: text, n)
    out["risk term"] = await timed(risky.format, min(n, 400))
    # Real prompts: benign rows of the data sets joined to 1 KB / 10 KB, one text after
    # the other (the repeated e-mail above holds few distinct words and start words).
    for size, texts in varied.items():
        runs = min(n, 400) if size == "10240" else n
        out[f"{int(size) // 1024} KB mix"] = await timed(lambda i: texts[i % len(texts)], runs)
    return out
res = asyncio.run(run())
# What a server adds as it starts (Engine.warm): every family compiled, from cold.
from firewall_proxy.evaluate.attacks import matching
matching.forget_compiled()
t3 = time.perf_counter()
engine.warm()
warm_s = time.perf_counter() - t3
# ru_maxrss survives exec on Linux (it would report the parent's peak): read /proc.
status = dict(line.split(":", 1) for line in open("/proc/self/status"))
rss = int(status["VmRSS"].split()[0]) / 1024
hwm = int(status["VmHWM"].split()[0]) / 1024
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "warm_s": warm_s, "lat": res,
                  "rss_mb": rss, "hwm_mb": hwm}))
"""


def _mixed_texts(count: int = 40) -> dict[int, list[str]]:
    """``count`` texts of 1 KB and of 10 KB, each benign rows of the data sets joined in a
    seeded order: prompts as people write them, with many distinct words."""
    benign = [r.text for r in load_rows() if r.label == "benign"]
    random.Random("latency").shuffle(benign)
    out: dict[int, list[str]] = {}
    it = itertools.cycle(benign)
    for size in (1024, 10240):
        texts = []
        for _ in range(count):
            buf = ""
            while len(buf) < size:
                buf += next(it) + "\n"
            texts.append(buf[:size])
        out[size] = texts
    return out


def latency(policy: Path, n: int) -> None:
    import json
    import tempfile

    print(
        f"\nLatency of the prompt chain of {policy.name} (engine.scan_text, one process on "
        f"one core, {n} runs after warm-up; 'risk term' = a short prompt the semantic stage "
        "reads, 400 runs; 'mix' = 40 texts of benign data-set prompts joined, cycled, 400 runs "
        "for 10 KB)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        mixed = Path(tmp) / "mixed.json"
        mixed.write_text(json.dumps(_mixed_texts()), encoding="utf-8")
        for label, pol in policy_variants(policy, Path(tmp)):
            out = subprocess.run(
                [
                    "taskset",
                    "-c",
                    "0",
                    sys.executable,
                    "-c",
                    _LATENCY,
                    str(pol),
                    str(n),
                    str(mixed),
                ],
                capture_output=True,
                text=True,
                cwd=ROOT,
                check=False,
            )
            if out.returncode:
                print(f"{label}: failed: {out.stderr.strip()[-400:]}")
                continue
            r = json.loads(out.stdout.strip().splitlines()[-1])
            first = r["lat"].pop("first")
            for what, (med, p99) in r["lat"].items():
                print(f"{label:<16}{what:>10}  median {med:.3f} ms  p99 {p99:.3f} ms")
            print(
                f"{label:<16}import (engine + server) {r['import_s']:.3f} s, Engine.from_file + "
                f"load {r['load_s']:.3f} s (+ {r['warm_s']:.3f} s to warm, as a server does at "
                f"start), RSS {r['rss_mb']:.1f} MB (peak {r['hwm_mb']:.1f} MB); "
                f"first five 1 KB mix scans after load (each compiles the families it is the "
                f"first to reach) {', '.join(f'{x:.1f}' for x in first)} ms"
            )
    t0 = time.perf_counter()
    AttackModel.load()
    print(f"attack model alone: AttackModel.load() {time.perf_counter() - t0:.3f} s")


def main() -> int:
    ap = argparse.ArgumentParser(description="prompt attack detection benchmark")
    ap.add_argument("--sample-obfuscated", type=int, default=60)
    ap.add_argument("--latency-runs", type=int, default=2000)
    ap.add_argument("--skip-latency", action="store_true")
    ap.add_argument("--policy", type=Path, default=ROOT / "policies" / "default.yaml")
    ap.add_argument(
        "--project-sets-only",
        action="store_true",
        help="only the project sets (safe prompts, dev set, independent attacks), through the "
        "engine with the shipped files",
    )
    ap.add_argument(
        "--latency-only", action="store_true", help="only the latency, load and memory figures"
    )
    ap.add_argument(
        "--encoder-loso",
        type=Path,
        help="held-out scores of the fine-tuned encoder experiment "
        "(training/finetune_encoder.py --loso-out)",
    )
    args = ap.parse_args()
    t0 = time.perf_counter()
    if args.latency_only:
        latency(args.policy, args.latency_runs)
        return 0
    if args.project_sets_only:
        safe_prompts(args.policy)
        independent_attacks(args.policy, DEV_SET)
        independent_attacks(args.policy)
        return 0
    rows = load_rows()
    scores, models = loso(rows)
    pooled = quality_table(rows, scores)
    pooled_table(pooled)
    reliability(rows, scores, "the n-gram model")
    obfuscated_table(rows, scores, models, args.sample_obfuscated, "n-gram model")
    # The phrase families alone (detectors: [signals], what policies/default.yaml runs),
    # weighed by a signal calibration fitted without the held-out source:
    sig, cals = signals_only(rows)
    pooled_table(
        quality_table(rows, sig, "Phrase signals only (detectors: [signals]), held out"),
        "Pooled, phrase signals only",
    )
    shipped_block_band(rows)
    reliability(rows, sig, "the phrase signals")
    obfuscated_table(rows, sig, cals, args.sample_obfuscated, "phrase signals")
    # + the second stage for harmful requests: on MiniLM word vectors (what
    # policies/default.yaml runs), then on the MiniLM encoder itself.
    extra = contrast_rows()
    for encoder, detectors in (("word_vectors", "default.yaml"), ("minilm", "semantic")):
        sem = with_semantic(rows, sig, encoder, extra)
        pooled_table(
            quality_table(
                rows, sem, f"Phrase signals + {encoder} harmful stage ({detectors}), held out"
            ),
            f"Pooled, phrase signals + {encoder} stage",
        )
        reliability(rows, sem, f"signals + {encoder} stage")
        if encoder == "word_vectors":
            default_scores = sem
    if args.encoder_loso:
        both, alone = with_encoder(rows, default_scores, args.encoder_loso)
        pooled_table(
            quality_table(rows, alone, "Fine-tuned encoder alone (experiment), held out"),
            "Pooled, fine-tuned encoder alone",
        )
        pooled_table(
            quality_table(rows, both, "Default chain + fine-tuned encoder (experiment), held out"),
            "Pooled, default chain + fine-tuned encoder",
        )
        reliability(rows, alone, "the fine-tuned encoder")
    else:
        print("\n(fine-tuned encoder experiment: no held-out scores given; see --encoder-loso)")
    safe_prompts(args.policy)
    independent_attacks(args.policy, DEV_SET)
    independent_attacks(args.policy)
    if not args.skip_latency:
        latency(args.policy, args.latency_runs)
    ru = resource.getrusage(resource.RUSAGE_SELF)
    print(
        f"\nbench wall time {time.perf_counter() - t0:.0f}s, bench max RSS "
        f"{ru.ru_maxrss / 1024:.0f} MB",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
