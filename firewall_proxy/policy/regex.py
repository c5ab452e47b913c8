"""Regular expressions written in a policy, run by RE2: time linear in the text.

Flow position: **policy** (checked when the file is loaded), then inside
**evaluate** (``banned_patterns`` regexes, ``prompt_attacks`` allow patterns),
on every request, over text an attacker writes.

Why not Python's ``re``: it backtracks. ``(a+)+$`` takes exponential time on
``"aaaa…!"``, and even an innocent ``ignore.*instructions`` is quadratic on
``"ignore ignore …"`` (4 s for 200 KB). Evaluators run on the event loop, where
no ``timeout_ms`` can interrupt a running match: one such request stalls every
request in the process. Rejecting "dangerous" shapes at load time cannot catch
them all (the quadratic one is not even nested). RE2 guarantees a match time
linear in the text for every pattern, so that is the engine policy patterns get.

What that costs, and the policy author sees at load time (``policy check``):

- backreferences (``\\1``), look-arounds (``(?=``, ``(?<!``), atomic groups and
  possessive quantifiers are refused with RE2's reason;
- ``\\w``, ``\\d``, ``\\s`` and ``\\b`` are ASCII-only: write ``\\pL`` (any letter)
  or ``\\pN`` for other scripts (texts are NFKC-folded and look-alike letters
  folded to Latin before matching, so most attack text is ASCII anyway);
- ``$`` matches only at the very end of the text (Python's ``\\Z``; ``\\Z``
  itself is written ``\\z``).
"""

from __future__ import annotations

import re2

__all__ = ["PolicyRegex", "compile_policy_regex"]

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # a bad pattern is a PolicyError, not a line on stderr


def _without_surrogates(text: str) -> str:
    """RE2 reads UTF-8: a lone surrogate (only from lenient decoders) becomes U+FFFD,
    one character for one, so match offsets stay offsets into the original text."""
    return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)


class PolicyRegex:
    """One compiled policy pattern; ``search`` and ``sub`` as ``re`` offers them."""

    __slots__ = ("_compiled", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        try:
            self._compiled = re2.compile(pattern, _OPTIONS)
        except re2.error as exc:
            reason = exc.args[0] if exc.args else exc
            if isinstance(reason, bytes):
                reason = reason.decode("utf-8", "replace")
            raise ValueError(
                f"not a pattern RE2 can run in linear time: {reason} "
                "(backreferences and look-arounds are not supported)"
            ) from exc

    def search(self, text: str) -> tuple[int, int] | None:
        """The span of the first match, or ``None``."""
        try:
            match = self._compiled.search(text)
        except UnicodeEncodeError:
            match = self._compiled.search(_without_surrogates(text))
        return match.span() if match is not None else None

    def sub(self, replacement: str, text: str) -> str:
        """``text`` with every match replaced by ``replacement`` (taken literally)."""
        literal = replacement.replace("\\", "\\\\")
        try:
            return str(self._compiled.sub(literal, text))
        except UnicodeEncodeError:
            return str(self._compiled.sub(literal, _without_surrogates(text)))


def compile_policy_regex(pattern: str) -> PolicyRegex:
    """Compile ``pattern`` for RE2; ``ValueError`` says why when RE2 cannot run it."""
    return PolicyRegex(pattern)
