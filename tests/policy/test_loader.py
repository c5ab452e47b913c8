from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from firewall_proxy import PolicyError, load_policy, load_policy_text
from firewall_proxy.cli.main import cli
from firewall_proxy.engine import Engine

SHIPPED = ["default.yaml", "support-chat.yaml", "image-classifier.yaml", "strict.yaml"]


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_policies_load_and_build_an_engine(root: Path, name: str) -> None:
    policy = load_policy(root / "policies" / name)
    engine = Engine(policy)
    assert engine.routes, "every shipped policy inspects at least one route"
    assert engine.chain.entries


def _issues(text: str) -> list[str]:
    with pytest.raises(PolicyError) as info:
        load_policy_text(text, "p.yaml")
    return [str(i) for i in info.value.issues]


def test_unknown_key_is_an_error_with_line_and_field() -> None:
    issues = _issues(
        "name: x\nroutes:\n  - path: /a\n    extractor: openai_chat\n    colour: red\n"
    )
    assert issues == ["p.yaml:5: routes[0].colour: unknown key (not allowed here)"]


def test_every_problem_is_reported_at_once() -> None:
    text = (
        "mode: loud\n"
        "rules:\n"
        "  - category: injection\n"
        "    action: obliterate\n"
        "limits: {max_body_bytes: -1}\n"
    )
    issues = _issues(text)
    assert any(i.startswith("p.yaml:1: mode:") for i in issues)
    assert any(i.startswith("p.yaml:4: rules[0].action:") for i in issues)
    assert any(i.startswith("p.yaml:5: limits.max_body_bytes:") for i in issues)


def test_yaml_syntax_error_names_the_line() -> None:
    issues = _issues("name: x\nroutes: [\n  - oops: : :\n")
    assert len(issues) == 1 and issues[0].startswith("p.yaml:")


def test_duplicate_keys_are_rejected() -> None:
    issues = _issues("name: a\nname: b\n")
    assert issues == ["p.yaml:2: name: duplicate key"]


def test_evaluator_options_are_validated_against_the_evaluator() -> None:
    text = (
        "evaluators:\n"
        "  - name: limits\n"
        "    options:\n"
        "      max_charz: 10\n"
        "  - name: no_such_evaluator\n"
    )
    issues = _issues(text)
    assert "p.yaml:4: evaluators[0].options.max_charz: unknown key (not allowed here)" in issues
    assert any(i.startswith("p.yaml:5: evaluators[1].name: unknown evaluator") for i in issues)


def test_bad_regex_in_banned_patterns_is_reported() -> None:
    text = (
        "evaluators:\n"
        "  - name: banned_patterns\n"
        "    options:\n"
        "      patterns:\n"
        "        - {name: x, regex: '(unclosed'}\n"
    )
    issues = _issues(text)
    assert len(issues) == 1
    assert issues[0].startswith("p.yaml:5: evaluators[0].options.patterns[0]")
    assert "invalid regular expression" in issues[0]


def test_missing_file_is_a_policy_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="cannot read policy file"):
        load_policy(tmp_path / "nope.yaml")


def test_cli_check_reports_and_exits_nonzero(tmp_path: Path, root: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nmode: sideways\n")
    result = CliRunner().invoke(cli, ["policy", "check", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:2: mode:" in result.output
    good = CliRunner().invoke(cli, ["policy", "check", str(root / "policies" / "default.yaml")])
    assert good.exit_code == 0, good.output
    assert "ok" in good.output


def test_cli_schema_is_json_schema_with_evaluator_options() -> None:
    result = CliRunner().invoke(cli, ["policy", "schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["additionalProperties"] is False
    variants = schema["$defs"]["EvaluatorConfig"]["allOf"]
    limits = next(v for v in variants if v["if"]["properties"]["name"]["const"] == "limits")
    assert "max_chars" in limits["then"]["properties"]["options"]["properties"]


def test_secrets_are_env_names_not_values() -> None:
    from pydantic import TypeAdapter, ValidationError

    from firewall_proxy.policy.models import EnvVarName

    adapter = TypeAdapter(EnvVarName)
    assert adapter.validate_python("OPENAI_API_KEY") == "OPENAI_API_KEY"
    with pytest.raises(ValidationError):
        adapter.validate_python("sk-live-1234567890abcdef")
