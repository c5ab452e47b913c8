"""Policy files with every kind of mistake: arbitrary YAML text, wrong types and unknown
keys anywhere, bad and catastrophic regexes, alias bombs, huge integers, tabs,
duplicate keys, deep nesting, a file that is not UTF-8.

Each ends as a valid :class:`Policy` or a :class:`PolicyError` whose every issue names
the file and the line, never another exception and never a hang. Regexes written in a
policy run on RE2, so a catastrophic one cannot stall the request path.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from firewall_proxy._exceptions import PolicyError
from firewall_proxy.engine import Engine
from firewall_proxy.extract.payload import Payload
from firewall_proxy.policy.loader import MAX_DEPTH, MAX_VALUES, load_policy, load_policy_text
from firewall_proxy.policy.models import Policy
from tests.hardening.strategies import json_values, mutated

FUZZ = settings.get_profile("hardening")
ROOT = Path(__file__).resolve().parents[2]
DEFAULT_TEXT = (ROOT / "policies" / "default.yaml").read_text()
DEFAULT = yaml.safe_load(DEFAULT_TEXT)
NAME = "fuzzed.yaml"


def _load(text: str) -> Policy | PolicyError:
    """The policy, or the error, whose issues must each say where (file and line)."""
    try:
        return load_policy_text(text, NAME)
    except PolicyError as exc:
        error = exc
    assert error.issues, "a policy error lists its issues"
    for issue in error.issues:
        assert issue.file == NAME
        assert isinstance(issue.line, int), f"no line for: {issue}"
        assert 1 <= issue.line <= text.count("\n") + 1
        assert issue.message
    return error


@settings(FUZZ, max_examples=300)
@given(st.text(max_size=300))
def test_any_text_is_a_policy_or_an_error_with_lines(text: str) -> None:
    _load(text)


_EDITS = st.sampled_from(["delete", "insert", "tab", "duplicate", "swap"])
_INSERTS = st.sampled_from(
    [
        *(":", "- ", "{", "}", "[", "]", "&a ", "*a", "<<: ", "\t", "'", '"', "\x00"),
        *("!!python/name:os.system", "!!int ", "!!float ", "!!binary ", "!!timestamp ", "!!set "),
    ]
)


@st.composite
def edited_default(draw: st.DrawFn) -> str:
    """The default policy's text after a few character- and line-level typos."""
    lines = DEFAULT_TEXT.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        edit = draw(_EDITS)
        if edit == "delete":
            j = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:j] + lines[i][j + 1 :]
        elif edit == "insert":
            j = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:j] + draw(_INSERTS) + lines[i][j:]
        elif edit == "tab":
            lines[i] = "\t" + lines[i]
        elif edit == "duplicate":
            lines.insert(i, lines[i])
        else:
            k = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[k] = lines[k], lines[i]
    return "".join(lines)


@settings(FUZZ, max_examples=300)
@given(edited_default())
def test_typos_in_the_default_policy_are_reported_with_lines(text: str) -> None:
    _load(text)


@settings(FUZZ, max_examples=300)
@given(mutated(DEFAULT) | st.dictionaries(st.text(max_size=8), json_values, max_size=4))
def test_wrong_types_and_unknown_keys_anywhere_are_reported(document: Any) -> None:
    _load(yaml.safe_dump(document, allow_unicode=True))


def _alias_bomb(levels: int) -> str:
    out = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        out.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        pytest.param(_alias_bomb(9), 1, f"more than {MAX_VALUES} values", id="billion-laughs"),
        pytest.param(
            "limits: {max_body_bytes: " + "9" * 5000 + "}\n", 1, "cannot read", id="5000-digits"
        ),
        pytest.param("routes:\n\t- {path: /x, extractor: text}\n", 2, "'\\t'", id="tab"),
        # found by bench/fuzz.py: PyYAML's int constructor indexes an empty string
        pytest.param("name: x\nmode: !!int\n", 2, "cannot read", id="empty-tagged-int"),
        pytest.param("name: !!binary 'not base64!'\n", 1, "cannot read", id="bad-binary"),
        pytest.param("name: !!timestamp 2001-99-99\n", 1, "cannot read", id="bad-timestamp"),
        pytest.param("mode: enforce\nmode: shadow\n", 2, "duplicate key", id="duplicate-key"),
        pytest.param("? [a, b]\n: 1\n", 1, "plain value", id="list-as-key"),
        pytest.param("a: [" + "[" * 5000 + "]" * 5000 + "]\n", 1, "levels deep", id="deep"),
        pytest.param("name: x\nnote: \x00\n", 2, "unacceptable character", id="nul"),
        # found by bench/fuzz.py: a merge of the mapping itself never ended (RecursionError)
        pytest.param(
            "routes:\n  - &r {path: /a, <<: *r, extractor: text}\n",
            2,
            "contains itself",
            id="merge-of-itself",
        ),
        pytest.param("a: &a {b: *a}\n", 1, "contains itself", id="mapping-in-itself"),
        pytest.param("nope: 1\n", 1, "unknown key", id="unknown-key"),
        pytest.param("rules:\n  - {category: x, action: explode}\n", 2, "'block'", id="bad-action"),
        pytest.param(
            "evaluators:\n  - name: banned_patterns\n    options:\n"
            "      patterns: [{name: x, regex: '(unclosed'}]\n",
            4,
            "invalid regular expression",
            id="bad-regex",
        ),
        pytest.param(
            "evaluators:\n  - name: banned_patterns\n    options:\n"
            "      patterns: [{name: x, regex: '(a)\\1'}]\n",
            4,
            "linear time",
            id="backreference",
        ),
        pytest.param(
            "evaluators:\n  - name: prompt_attacks\n    options:\n"
            "      allow_patterns: ['(?<=a)b']\n",
            4,
            "linear time",
            id="look-behind",
        ),
    ],
)
def test_each_mistake_is_one_issue_at_its_line(text: str, line: int, expected: str) -> None:
    error = _load(text)
    assert isinstance(error, PolicyError)
    assert any(i.line == line and expected in i.message for i in error.issues), error


def test_nesting_is_refused_past_the_limit_only() -> None:
    """The top-level mapping is the first level."""
    deep = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    assert "levels deep" not in str(_load(deep))
    deeper = "a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"
    assert "levels deep" in str(_load(deeper))


def test_aliases_and_merge_keys_within_reason_are_fine() -> None:
    """Regression: a '<<' merge key was an uncaught ConstructorError."""
    text = (
        "routes:\n  - &chat {path: /v1/chat/completions, extractor: openai_chat}\n"
        "  - {<<: *chat, path: /v2/chat/completions}\n"
    )
    policy = _load(text)
    assert isinstance(policy, Policy)
    assert [r.path for r in policy.routes] == ["/v1/chat/completions", "/v2/chat/completions"]


def test_a_file_that_is_not_utf8_is_an_error_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("name: caf\u00e9\n".encode("utf-8") + "note: caf\u00e9\n".encode("latin-1"))
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    assert [(i.file, i.line) for i in caught.value.issues] == [(str(path), 2)]


@pytest.mark.parametrize(
    ("regex", "text", "hit"),
    [
        ("(a+)+$", "a" * 28 + "!", False),  # 2**28 backtracking steps for Python's re
        ("ignore.*instructions", "ignore " * 30_000, False),  # quadratic for Python's re
        ("ignore.*instructions", "ignore " * 30_000 + "instructions", True),
    ],
    ids=["nested-quantifier", "quadratic", "quadratic-hit"],
)
def test_a_catastrophic_banned_pattern_cannot_stall_a_request(
    regex: str, text: str, hit: bool
) -> None:
    """The defence against ReDoS: patterns run on RE2 (linear time); with Python's
    backtracking ``re`` these requests would hold the event loop for minutes."""
    policy = load_policy_text(
        "evaluators:\n  - name: banned_patterns\n    options:\n"
        f"      patterns: [{{name: x, regex: '{regex}', category: injection}}]\n"
        "rules:\n  - {category: injection, action: block}\n"
    )
    engine = Engine(policy)
    verdict, _ = asyncio.run(engine.evaluate(Payload.from_text(text), record=False))
    assert (verdict.action.value == "block") is hit


def test_a_plugin_that_fails_on_import_is_a_policy_error_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: only ImportError was turned into a PolicyError; a plug-in module
    raising anything else on import escaped the loader as a raw exception."""
    (tmp_path / "fuzz_broken_plugin.py").write_text("raise RuntimeError('half-written')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    error = _load("evaluators:\n  - name: 'fuzz_broken_plugin:Evaluator'\n")
    assert isinstance(error, PolicyError)
    assert [(i.line, i.field) for i in error.issues] == [(2, "evaluators[0].name")]
    assert "RuntimeError: half-written" in error.issues[0].message
