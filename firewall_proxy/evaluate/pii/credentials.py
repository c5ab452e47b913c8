"""Credential detectors: cloud keys, provider API tokens, private keys, JWTs,
passwords in URLs and assignments, bearer tokens, high-entropy strings.

Flow position: called by :class:`~firewall_proxy.evaluate.pii.scanner.Scanner`
for the ``secrets`` evaluator and for answers coming out. It is an equivalent
of the ``detect-secrets`` plug-ins (same token formats, keyword and entropy
detectors) written for text in flight: every provider pattern is guarded by a
plain substring test of its fixed prefix, so a 1 KB prompt costs a few regex
passes, not forty (``bench/pii.py`` measures it). Provider formats with a
fixed prefix score high; entropy-only findings score lower unless a word such
as "token" or "secret" stands next to them.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
from collections import Counter

from firewall_proxy.evaluate.pii.matches import Match, context_score

__all__ = ["CredentialDetector", "shannon_entropy"]

# (prefixes that must occur, entity, pattern, score); a group named "v" narrows the span.
# Patterns start with their literal prefix (no leading \b or look-behind), so the regex
# engine can jump from one occurrence of the prefix to the next; the word boundary on
# the left is checked in Python instead (see _LEFT_BOUNDED).
_PROVIDERS: tuple[tuple[tuple[str, ...], str, re.Pattern[str], float], ...] = (
    (
        ("AKIA", "ASIA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA"),
        "AWS_ACCESS_KEY",
        re.compile(r"(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z2-7]{16}\b"),
        0.97,
    ),
    (("AIza",), "GCP_API_KEY", re.compile(r"AIza[0-9A-Za-z_\-]{35}(?![\w\-])"), 0.97),
    (("AccountKey=",), "AZURE_KEY", re.compile(r"AccountKey=(?P<v>[A-Za-z0-9+/]{86}==)"), 0.97),
    (
        ("gh",),
        "GITHUB_TOKEN",
        re.compile(r"(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{60,120})\b"),
        0.98,
    ),
    (("glpat-",), "GITLAB_TOKEN", re.compile(r"glpat-[A-Za-z0-9_\-]{20,64}"), 0.97),
    (
        ("xox",),
        "SLACK_TOKEN",
        re.compile(r"xox[abposr]-(?:[0-9]+-)+[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*"),
        0.97,
    ),
    (
        ("hooks.slack.com",),
        "SLACK_WEBHOOK",
        re.compile(r"https://hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]+"),
        0.97,
    ),
    (
        ("k_live_", "k_test_"),
        "STRIPE_KEY",
        re.compile(r"[sr]k_(?:live|test)_[0-9a-zA-Z]{24,99}\b"),
        0.97,
    ),
    (
        ("sk-ant-",),
        "ANTHROPIC_KEY",
        re.compile(r"sk-ant-(?:api|admin|oat)\d\d-[A-Za-z0-9_\-]{80,120}"),
        0.99,
    ),
    (
        ("sk-",),
        "OPENAI_KEY",
        re.compile(r"sk-(?:proj-|svcacct-|admin-|None-)?(?!ant-)[A-Za-z0-9_\-]{20,200}(?<!-)"),
        0.9,
    ),
    (("hf_",), "HUGGINGFACE_TOKEN", re.compile(r"hf_[A-Za-z]{34}\b"), 0.97),
    (("npm_",), "NPM_TOKEN", re.compile(r"npm_[A-Za-z0-9]{36}\b"), 0.97),
    (("pypi-",), "PYPI_TOKEN", re.compile(r"pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,}"), 0.99),
    (("SG.",), "SENDGRID_KEY", re.compile(r"SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}\b"), 0.98),
    (("SK", "AC"), "TWILIO_KEY", re.compile(r"(?:SK|AC)[0-9a-f]{32}\b"), 0.85),
    ((":AA",), "TELEGRAM_TOKEN", re.compile(r"\d{8,10}:AA[A-Za-z0-9_\-]{33}\b"), 0.95),
    (("shp",), "SHOPIFY_TOKEN", re.compile(r"shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}\b"), 0.97),
    (
        ("-----BEGIN",),
        "PRIVATE_KEY",
        re.compile(
            r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?"
            r"(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|\Z)"
        ),
        0.99,
    ),
    (
        ("eyJ",),
        "JWT",
        re.compile(r"eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{8,}"),
        0.95,
    ),
    (
        ("://",),
        "URL_PASSWORD",
        re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@]{1,200}:(?P<v>[^\s@/]{1,200})@[\w.\-]"),
        0.9,
    ),
)
_LEFT_FREE = frozenset({"AZURE_KEY", "SLACK_WEBHOOK", "PRIVATE_KEY", "URL_PASSWORD"})
_AWS_SECRET = re.compile(r"(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")
_AWS_SECRET_CTX = re.compile(r"secret|aws|sk\b")
_KEYWORD = re.compile(
    r"(?P<k>password|passwd|pwd|passphrase|pass|secret|client[_\-]?secret|api[_\-]?key|apikey|"
    r"access[_\-]?token|auth[_\-]?token|private[_\-]?key|token|passwort|mot de passe|"
    r"contraseña|parola d'ordine)[\"']?\s{0,3}(?:[:=]|=>|:=| is)\s{0,3}[\"'`]?"
    r"(?P<v>[^\s\"'`,;]{4,200})"
)
_KEYWORD_KEYS = ("pass", "pwd", "secret", "key", "token", "contraseña", "parola")
_BEARER = re.compile(r"\bbearer\s+(?P<v>[a-z0-9\-._~+/]{16,}=*)")
_CANDIDATE = re.compile(r"(?<![A-Za-z0-9+/_\-])[A-Za-z0-9+/_\-]{20,}={0,2}(?![A-Za-z0-9+/_\-=])")
_SECRET_CTX = re.compile(r"key|token|secret|passw|credential|bearer|auth|api|signature|sig\b")
_DIGIT = re.compile(r"\d")
_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")
_RUN = re.compile(r"[A-Z]+|[a-z]+|\d+|[^A-Za-z\d]+")
_PLACEHOLDER = re.compile(
    r"[*x•.#_\-]+|<[^>]*>?|\$\{?.*|\{\{.*|%\(?.*|(?:os\.)?environ.*|process\.env.*|env\(.*|"
    r"getenv.*|(?:your|my|the|some|example|dummy|fake|test|sample)[_\-]?.*|changeme|"
    r"password|passwd|secret|none|null|nil|true|false|required|optional|redacted|hidden|"
    r"\[[a-z_]+(?:_\d+)?\]",
    re.IGNORECASE,
)


def shannon_entropy(value: str) -> float:
    """Bits per character of ``value``'s character distribution."""
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in Counter(value).values())


def _random_looking(value: str) -> bool:
    """A random base62/64 token rather than an identifier, hash, path or word."""
    if (
        len(_DIGIT.findall(value)) < 2
        or len(_UPPER.findall(value)) < 2
        or len(_LOWER.findall(value)) < 2
    ):
        return False  # hex hashes, UUIDs, snake_case and CamelCase words stay out
    if len(_RUN.findall(value)) - 1 < 0.3 * len(value):
        return False  # "getUserById2FromDatabase": long runs of one class
    return shannon_entropy(value) >= 0.8 * math.log2(min(len(value), 64))


def _jwt_header_ok(token: str) -> bool:
    head = token.split(".", 1)[0]
    try:
        decoded = base64.urlsafe_b64decode(head + "=" * (-len(head) % 4))
    except (binascii.Error, ValueError):
        return False
    return decoded.startswith(b"{") and b'"alg"' in decoded.replace(b" ", b"")


class CredentialDetector:
    """Finds credentials in one text. Stateless; safe to share between requests."""

    def __init__(
        self, *, entities: frozenset[str], ignore_test_values: bool, entropy: bool = True
    ) -> None:
        self.entities = entities
        self.ignore_test_values = ignore_test_values
        self.entropy = entropy

    def scan(self, text: str, lower: str) -> list[Match]:
        out: list[Match] = []
        want = self.entities
        for prefixes, entity, pattern, score in _PROVIDERS:
            if entity not in want or not any(p in text for p in prefixes):
                continue
            bounded = entity not in _LEFT_FREE
            for m in pattern.finditer(text):
                if (
                    bounded
                    and m.start()
                    and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_")
                ):
                    continue  # starts inside a longer word
                span = m.span("v") if "v" in pattern.groupindex else m.span()
                value = text[span[0] : span[1]]
                if not self._keep(entity, value):
                    continue
                out.append(Match(entity, span[0], span[1], score, validated=True))
        if "AWS_SECRET_KEY" in want and "secret" in lower:
            for m in _AWS_SECRET.finditer(text):
                # Next to its key name, a 40-character base64 string only needs to look
                # random; it need not mix every character class.
                if (
                    context_score(lower, m.start(), m.end(), _AWS_SECRET_CTX, window=60) > 0
                    and shannon_entropy(m.group()) >= 4.0
                ):
                    out.append(Match("AWS_SECRET_KEY", m.start(), m.end(), 0.95, validated=True))
        if ("PASSWORD" in want or "GENERIC_SECRET" in want) and any(
            k in lower for k in _KEYWORD_KEYS
        ):
            for m in _KEYWORD.finditer(lower):
                value = text[m.start("v") : m.end("v")]
                if _PLACEHOLDER.fullmatch(value) or value.startswith(("http://", "https://")):
                    continue
                key = m.group("k")
                entity = (
                    "PASSWORD"
                    if key.startswith(("pass", "pwd", "mot", "contra", "parola"))
                    else "GENERIC_SECRET"
                )
                if entity in want:
                    strong = entity == "PASSWORD" or _random_looking(value)
                    out.append(Match(entity, m.start("v"), m.end("v"), 0.85 if strong else 0.6))
        if "BEARER_TOKEN" in want and "bearer" in lower:
            for m in _BEARER.finditer(lower):
                out.append(Match("BEARER_TOKEN", m.start("v"), m.end("v"), 0.9))
        if self.entropy and "HIGH_ENTROPY" in want and len(text) >= 20:
            for m in _CANDIDATE.finditer(text):
                value = m.group().rstrip("=")
                if len(value) > 512 or not _random_looking(value):
                    continue
                ctx = context_score(lower, m.start(), m.end(), _SECRET_CTX, window=30)
                out.append(Match("HIGH_ENTROPY", m.start(), m.end(), 0.85 if ctx > 0 else 0.55))
        return out

    def _keep(self, entity: str, value: str) -> bool:
        if entity == "JWT":
            return _jwt_header_ok(value)
        if entity == "URL_PASSWORD":
            return _PLACEHOLDER.fullmatch(value) is None
        if entity == "OPENAI_KEY":
            return _random_looking(value[3:]) or "T3BlbkFJ" in value
        if self.ignore_test_values and entity == "AWS_ACCESS_KEY":
            return not value.endswith("EXAMPLE")
        if entity == "TWILIO_KEY":
            return sum(c.isdigit() for c in value) >= 6
        return True
