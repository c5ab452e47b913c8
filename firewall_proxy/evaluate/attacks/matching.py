"""How the phrase families of :mod:`.signals` are tried on a text, fast.

Flow position: inside **evaluate**, under :func:`.signals.find_signals`. A family's
regular expression is tried only where one of its anchor words starts (see
:mod:`.signals`); this module makes each of those tries cheap, with the same result
as the whole expression compiled as written:

- **Where the anchors are.** One pass over the text (:class:`AnchorIndex`) lists
  where every anchor word occurs as a whole word, for all families at once; a
  ``str.find`` loop per family and word scanned a 10 KB text once per anchor word
  (~270 of them: ~1.5 ms).
- **Which alternatives can start there.** A family is an alternation of up to ~60
  top-level alternatives, most of them starting with a word list of their own. At
  an occurrence of "imagine" only the alternatives that can start with "imagine"
  are tried (:func:`alternatives_at`), in the order they are written, so the first
  one that matches is the match the whole expression gives at that position.
- **Compiled without capture groups** (:func:`compiled`): nothing reads a group,
  and the engine's group bookkeeping costs ~20% of the families' time.

The leading texts of an alternative are read from Python's own parse tree
(``re._parser``); anything it cannot follow (a class of many characters, a
repeat, an unknown operator) ends the reading there, which only keeps an
alternative in more lists. A pattern with global inline flags is never split.
"""

from __future__ import annotations

import codecs
import functools
import importlib
import re
from bisect import bisect_left
from itertools import compress
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "Alternative",
    "AnchorIndex",
    "all_alternatives",
    "alternatives",
    "alternatives_at",
    "compiled",
    "forget_compiled",
    "split_alternatives",
    "whole_word_positions",
    "whole_words",
]

# Leading texts longer than this are cut: anchor words are shorter, and a prefix of a
# leading text only ever keeps an alternative in a list.
_LEAD = 32
# More leading texts than this and the reading stops where it is (a prefix, as above).
_MAX_LEADS = 256
# Characters a class may hold and still be followed as a set of texts.
_MAX_CLASS = 8

# ASCII letters and digits stay, every other ASCII byte becomes a space; byte 1 marks
# a non-ASCII letter or digit (``_MARK`` puts it there, and a space for any other
# non-ASCII character).
_KEEP = bytes(c if (c < 128 and chr(c).isalnum()) or c == 1 else 32 for c in range(256))
# Wanted words past which one pass lists them all (see ``AnchorIndex``).
_FEW = 12
_MARK = "firewall_proxy.nonascii"
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


def _mark_nonascii(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    marks = ("\x01" if ch.isalnum() else " " for ch in exc.object[exc.start : exc.end])
    return "".join(marks), exc.end


codecs.register_error(_MARK, _mark_nonascii)


@functools.cache
def compiled(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled with its groups made non-capturing: nothing reads a group
    but the whole match, and the engine's group bookkeeping costs ~20% of the families'
    time on varied prompts (``bench/detection.py`` "mix" rows). Matches are otherwise
    identical (checked on every labelled row). Python's own parser and compiler
    (``re._parser``, ``re._compiler``) do the work; where they differ from 3.11's, the
    pattern is compiled as written."""
    try:
        tree = importlib.import_module("re._parser").parse(pattern)
    except Exception:  # another Python's internals: compile as written
        return re.compile(pattern)
    return _compile_tree(tree, pattern)


def _compile_tree(tree: Any, pattern: str) -> re.Pattern[str]:
    """The parsed ``pattern`` compiled without capture groups (``tree`` is changed)."""
    try:
        _plain_groups(tree.data)
        done: re.Pattern[str] = importlib.import_module("re._compiler").compile(tree)
    except Exception:  # a group reference, or another Python's internals
        return re.compile(pattern)
    return done


def _plain_groups(items: list[Any], c: Any = None) -> None:
    """Make every capturing group of a parsed pattern a plain one, in place (a group
    reference would need them: then ``ValueError``); ``c`` is ``re._constants``, passed
    down the recursion."""
    c = c or importlib.import_module("re._constants")
    for k, (op, av) in enumerate(items):
        if op is c.SUBPATTERN:
            _, add_flags, remove, sub = av
            items[k] = (op, (None, add_flags, remove, sub))
            _plain_groups(sub.data, c)
        elif op is c.BRANCH:
            for alt in av[1]:
                _plain_groups(alt.data, c)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            _plain_groups(av[2].data, c)
        elif op in (c.ASSERT, c.ASSERT_NOT):
            _plain_groups(av[1].data, c)
        elif op is c.ATOMIC_GROUP:
            _plain_groups(av.data, c)
        elif op in (c.GROUPREF, c.GROUPREF_EXISTS, c.GROUPREF_IGNORE):
            raise ValueError("a group reference needs its group")


def split_alternatives(source: str) -> tuple[str, ...]:
    """The top-level alternatives of a regular expression, in order: ``"|".join`` of
    them is ``source``. A pattern whose flags differ from a plain one's (an inline
    ``(?i)`` at the top) is not split."""
    parts: list[str] = []
    depth = 0
    start = 0
    i = 0
    n = len(source)
    while i < n:
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":  # a class: "|" and ")" inside are characters; "[]" and "[^]" too
            i += 1
            if i < n and source[i] == "^":
                i += 1
            if i < n and source[i] == "]":
                i += 1
            while i < n and source[i] != "]":
                i += 2 if source[i] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    parts.append(source[start:])
    if _GLOBAL_FLAGS.match(source):
        return (source,)
    return tuple(parts)


class Alternative:
    """One top-level alternative of a family: compiled, and the texts every match of
    it starts with (cut at ``_LEAD`` characters; ``""`` among them when little is
    known)."""

    __slots__ = ("_firsts", "_leads", "_sorted", "pattern", "source")

    def __init__(self, source: str, pattern: re.Pattern[str], leads: frozenset[str]) -> None:
        self.source = source
        self.pattern = pattern
        self._leads = leads
        self._sorted = sorted(leads)
        # None: some match may start with anything
        self._firsts = None if "" in leads else frozenset(s[0] for s in leads)

    def can_start_with(self, word: str) -> bool:
        """Whether a match can start where the whole word ``word`` does: a leading text
        is a prefix of ``word``, or ``word`` is a prefix of one."""
        if self._firsts is None:
            return True
        if not word or word[0] not in self._firsts:
            return False
        leads = self._leads
        if any(word[:k] in leads for k in range(1, len(word) + 1)):
            return True
        k = bisect_left(self._sorted, word)
        return k < len(self._sorted) and self._sorted[k].startswith(word)


@functools.cache
def alternatives(source: str) -> tuple[Alternative, ...]:
    """The top-level alternatives of ``source``, each parsed once: read for its leading
    texts, then compiled from the same tree without capture groups (as
    :func:`compiled`)."""
    parser = importlib.import_module("re._parser")
    c = importlib.import_module("re._constants")
    parts = split_alternatives(source)
    try:
        trees = [parser.parse(alt) for alt in parts]
    except re.error:  # a group referred to from another alternative: keep them whole
        return (Alternative(source, compiled(source), frozenset({""})),)
    out = []
    for alt, tree in zip(parts, trees, strict=True):
        # a case-insensitive pattern's literals are not the texts it matches
        ignorecase = tree.state.flags & c.SRE_FLAG_IGNORECASE
        leads = frozenset({""}) if ignorecase else _leading(tree.data)
        out.append(Alternative(alt, _compile_tree(tree, alt), leads))
    return tuple(out)


@functools.cache
def alternatives_at(source: str, word: str) -> tuple[re.Pattern[str], ...]:
    """The alternatives of ``source`` that can match where the whole word ``word``
    starts, compiled, in the order they are written."""
    return tuple(a.pattern for a in alternatives(source) if a.can_start_with(word))


@functools.cache
def all_alternatives(source: str) -> tuple[re.Pattern[str], ...]:
    """Every alternative of ``source``, compiled, in order: tried one after the other
    at a position, they give the match the whole pattern gives there."""
    return tuple(a.pattern for a in alternatives(source))


def forget_compiled() -> None:
    """Drop every compiled pattern and reading (benchmarks and tests measure from cold)."""
    for cached in (compiled, alternatives, alternatives_at, all_alternatives):
        cached.cache_clear()


class AnchorIndex:
    """Where words of letters and digits start in ``text`` as whole words (no letter or
    digit on either side, as ``str.isalnum`` decides), for the words of ``wanted``.

    The text is flattened once: ASCII letters and digits are kept, every other
    character becomes a space, a non-ASCII letter or digit a mark byte
    (``bytes.translate`` and an encoding error handler: ~2 us per KB). An ASCII word
    is then a whole word exactly where " word " occurs in the flat text. With more than
    ``_FEW`` wanted words the flat text is split once and every occurrence of every
    wanted word listed (one pass, where ~270 ``str.find`` scans of a 10 KB prompt cost
    ~1.5 ms); with fewer, each word is looked for when asked (a long text repeating a
    few words holds hundreds of them). A word with non-ASCII letters ("für") is looked
    for in the text itself.
    """

    __slots__ = ("_at", "_flat", "_listed", "_text")

    def __init__(self, text: str, wanted: frozenset[str]) -> None:
        self._text = text
        self._at: dict[str, list[int]] = {}
        self._listed = False  # every ASCII wanted word's occurrences are in ``_at``
        if "\x01" in text:  # the mark byte itself: read the text as it is
            self._flat = ""
            return
        self._flat = " " + text.encode("ascii", _MARK).translate(_KEEP).decode("ascii") + " "
        if len(wanted) > _FEW:
            self._index(wanted)
            self._listed = True

    def _index(self, wanted: frozenset[str]) -> None:
        flat = self._flat
        find = flat.find
        tokens = flat.split()
        at = self._at
        pos = 0
        # The wanted tokens in text order: each is the next " token " from the last one.
        for token in compress(tokens, map(wanted.__contains__, tokens)):
            i = find(f" {token} ", pos)  # flat[i] is the space before: text index i
            seen = at.get(token)
            if seen is None:
                at[token] = [i]
            else:
                seen.append(i)
            pos = i + len(token) + 1

    def positions(self, word: str) -> list[int]:
        found = self._at.get(word)
        if found is None:
            found = self._at[word] = self._find(word)
        return found

    def _find(self, word: str) -> list[int]:
        if not word.isascii() or not self._flat:
            return whole_word_positions(self._text, word)
        if self._listed:
            return []
        flat = self._flat
        needle = " " + word + " "
        step = len(word) + 1  # the space after one occurrence may open the next
        out: list[int] = []
        i = flat.find(needle)
        while i >= 0:
            out.append(i)  # flat[i] is the space before the word: text index i
            i = flat.find(needle, i + step)
        return out


def whole_words(text: str, word: str) -> Iterator[int]:
    """Where ``word`` (any characters) occurs in ``text`` with no letter or digit right
    before or right after it, in order."""
    n = len(word)
    end = len(text)
    i = text.find(word)
    while i >= 0:
        if (i == 0 or not text[i - 1].isalnum()) and (i + n == end or not text[i + n].isalnum()):
            yield i
        i = text.find(word, i + 1)


def whole_word_positions(text: str, word: str) -> list[int]:
    return list(whole_words(text, word))


def _leading(items: list[Any]) -> frozenset[str]:
    """The texts a match of the parsed sequence ``items`` can start with, cut at
    ``_LEAD`` characters: the reading stops at the first item it cannot follow."""
    c = importlib.import_module("re._constants")
    heads = {""}
    for op, av in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):  # zero width
            continue
        texts = _texts(op, av, c)
        if texts is None:
            break
        grown = {(a + b)[:_LEAD] if len(a) < _LEAD else a for a in heads for b in texts}
        if len(grown) > _MAX_LEADS:
            break
        heads = grown
        if all(len(h) >= _LEAD for h in heads):
            break
    return frozenset(heads)


def _texts(op: Any, av: Any, c: Any) -> set[str] | None:
    """Every text one parsed item can match (``None``: too many, or not followed).
    Spaces stand for any whitespace: only whether a character is a letter or digit
    matters to :func:`alternatives_at`."""
    if op is c.LITERAL:
        return {chr(av)}
    if op is c.IN:
        chars: set[str] = set()
        for iop, iav in av:
            if iop is c.LITERAL:
                chars.add(chr(iav))
            elif iop is c.CATEGORY and iav is c.CATEGORY_SPACE:
                chars.add(" ")
            else:
                return None
        return chars if len(chars) <= _MAX_CLASS else None
    if op is c.SUBPATTERN:
        if av[1] & c.SRE_FLAG_IGNORECASE:
            return None
        return _sequence(av[3].data, c)
    if op is c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            texts = _sequence(alt.data, c)
            if texts is None:
                return None
            out |= texts
            if len(out) > _MAX_LEADS:
                return None
        return out
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        if lo == hi == 1:
            return _sequence(sub.data, c)
        if hi == 1:
            texts = _sequence(sub.data, c)
            return None if texts is None else texts | {""}
        if _whitespace_only(sub.data, c):
            return {" "} if lo >= 1 else {"", " "}
        return None
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return {""}
    return None


def _sequence(items: list[Any], c: Any) -> set[str] | None:
    out = {""}
    for op, av in items:
        texts = _texts(op, av, c)
        if texts is None:
            return None
        out = {(a + b)[:_LEAD] for a in out for b in texts}
        if len(out) > _MAX_LEADS:
            return None
    return out


def _whitespace_only(items: list[Any], c: Any) -> bool:
    if len(items) != 1:
        return False
    op, av = items[0]
    if op is c.LITERAL:
        return chr(av).isspace()
    if op is c.IN:
        return all(
            (iop is c.CATEGORY and iav is c.CATEGORY_SPACE)
            or (iop is c.LITERAL and chr(iav).isspace())
            for iop, iav in av
        )
    return False
