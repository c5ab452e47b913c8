"""The ``llm_judge`` evaluator against a real OpenAI-compatible HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from firewall_proxy._exceptions import PolicyError
from firewall_proxy.engine import Engine
from firewall_proxy.evaluate.base import CannotDecide, EvalContext
from firewall_proxy.evaluate.scope.judge import LLMJudge
from firewall_proxy.extract.payload import Payload
from firewall_proxy.findings import Action, Finding
from firewall_proxy.policy.loader import load_policy_text
from firewall_proxy.policy.models import Policy
from tests.live import serving

SCOPE = """
scope:
  business: Customer support for an online bank.
  permitted: [check a balance, report a lost card]
  restricted: [change another customer's details]
"""


class FakeLLM(ThreadingHTTPServer):
    """A chat-completions server whose next answers are scripted per test."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.script: list[str] = []
        self.requests: list[dict[str, Any]] = []
        self.headers_seen: list[dict[str, str]] = []

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


class Handler(BaseHTTPRequestHandler):
    server: FakeLLM

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["content-length"])))
        self.server.requests.append(body)
        self.server.headers_seen.append({k.lower(): v for k, v in self.headers.items()})
        step = self.server.script.pop(0) if self.server.script else "in_scope"
        if self.path != "/v1/chat/completions":
            return self._send(404, {"error": "not found"})
        if step == "drop":
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
            return None
        if step == "slow":
            time.sleep(1.0)
            step = "off_topic"
        if step == "500":
            return self._send(500, {"error": {"message": "overloaded"}})
        if step == "401":
            return self._send(401, {"error": {"message": "bad key"}})
        content = {
            "garbage": "I think this is probably fine?",
            "fenced": '```json\n{"category": "restriction", "confidence": 0.93, '
            '"intent": "change another customer\'s details", "explanation": "other account"}\n```',
            "unsure": json.dumps({"category": "off_topic", "confidence": 0.2, "explanation": "?"}),
            "bad_category": json.dumps({"category": "weather", "confidence": 0.9}),
        }.get(step)
        if content is None:
            content = json.dumps(
                {"category": step, "confidence": 0.9, "intent": "", "explanation": f"it is {step}"}
            )
        if step == "not_json_body":
            self.send_response(200)
            self.send_header("content-length", "5")
            self.end_headers()
            self.wfile.write(b"oops!")
            return None
        return self._send(
            200,
            {
                "id": "chatcmpl-1",
                "object": "chat.completion",
                "model": body.get("model"),
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": content},
                        "finish_reason": "stop",
                    }
                ],
            },
        )

    def _send(self, status: int, obj: Any) -> None:
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def llm() -> Iterator[FakeLLM]:
    server = FakeLLM()
    with serving(server):
        yield server


def policy_for(llm: FakeLLM, **options: Any) -> Policy:
    opts = {
        "base_url": llm.base_url,
        "model": "judge-1",
        "mode": "always",
        "timeout_s": 0.3,
        "retries": 1,
        "backoff_s": 0.01,
        **options,
    }
    text = (
        "version: 1\non_undecided: block\n"
        + SCOPE
        + "evaluators:\n  - name: llm_judge\n    timeout_ms: 5000\n    options: "
        + json.dumps(opts)
        + "\nrules:\n  - {category: off_topic, min_score: 0.7, action: block}\n"
        "  - {category: restriction, min_score: 0.6, action: block}\n"
    )
    return load_policy_text(text, "judge.yaml")


def make_judge(llm: FakeLLM, **options: Any) -> LLMJudge:
    judge = LLMJudge.from_config(
        policy_for(llm, **options).evaluators[0].options, policy_for(llm, **options)
    )
    assert isinstance(judge, LLMJudge)
    judge.load()
    return judge


async def ask(
    judge: LLMJudge,
    text: str = "what's the weather",
    ctx: EvalContext | None = None,
    context: str | None = None,
) -> list[Finding]:
    try:
        return await judge.evaluate(Payload.from_text(text, context=context), ctx or EvalContext())
    finally:
        await judge.aclose()


async def test_well_formed_answer_becomes_a_finding(llm: FakeLLM) -> None:
    llm.script = ["off_topic"]
    [finding] = await ask(
        make_judge(llm), "what's the weather in Paris", context="How can I help with your account?"
    )
    assert (finding.category, finding.score, finding.evaluator) == ("off_topic", 0.9, "llm_judge")
    assert finding.explanation == "judge judge-1: off topic (confidence 0.90)"
    sent = llm.requests[0]
    assert sent["model"] == "judge-1"
    assert sent["response_format"] == {"type": "json_object"}
    prompt = sent["messages"][-1]["content"]
    assert "what's the weather in Paris" in prompt and "How can I help" in prompt
    assert "report a lost card" in prompt and "change another customer's details" in prompt


async def test_in_scope_answer_gives_no_finding(llm: FakeLLM) -> None:
    llm.script = ["in_scope"]
    assert await ask(make_judge(llm), "what's my balance") == []


async def test_fenced_json_is_accepted(llm: FakeLLM) -> None:
    llm.script = ["fenced"]
    [finding] = await ask(make_judge(llm))
    assert finding.category == "restriction" and finding.score == pytest.approx(0.93)
    # only the policy's own words reach the explanation (the model's may quote the prompt)
    assert 'nearest intent "change another customer\'s details"' in finding.explanation
    assert "other account" not in finding.explanation


@pytest.mark.parametrize("step", ["garbage", "bad_category", "not_json_body", "unsure"])
async def test_unusable_answers_cannot_decide(llm: FakeLLM, step: str) -> None:
    llm.script = [step]
    with pytest.raises(CannotDecide, match="llm_judge"):
        await ask(make_judge(llm))
    assert len(llm.requests) == 1  # a bad answer is not retried


@pytest.mark.parametrize("step", ["500", "slow", "drop"])
async def test_transport_failures_are_retried_then_cannot_decide(llm: FakeLLM, step: str) -> None:
    llm.script = [step, step]
    with pytest.raises(CannotDecide, match="after 2 attempts"):
        await ask(make_judge(llm))
    assert len(llm.requests) == 2


async def test_a_retry_recovers_from_one_failure(llm: FakeLLM) -> None:
    llm.script = ["500", "violation"]
    [finding] = await ask(make_judge(llm))
    assert finding.category == "violation"


async def test_client_errors_are_not_retried(llm: FakeLLM) -> None:
    llm.script = ["401"]
    with pytest.raises(CannotDecide, match="HTTP 401"):
        await ask(make_judge(llm))
    assert len(llm.requests) == 1


async def test_answers_are_cached(llm: FakeLLM) -> None:
    llm.script = ["off_topic", "in_scope"]
    judge = make_judge(llm)
    first = await judge.evaluate(Payload.from_text("tell me a joke"), EvalContext())
    second = await judge.evaluate(Payload.from_text("tell me a joke"), EvalContext())
    await judge.aclose()
    assert first == second and len(llm.requests) == 1


async def test_api_key_comes_from_the_named_environment_variable(
    llm: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FP_TEST_JUDGE_KEY", "sk-test-123")
    await ask(make_judge(llm, api_key_env="FP_TEST_JUDGE_KEY"))
    assert llm.headers_seen[0]["authorization"] == "Bearer sk-test-123"
    monkeypatch.delenv("FP_TEST_JUDGE_KEY")
    with pytest.raises(PolicyError, match="FP_TEST_JUDGE_KEY"):
        make_judge(llm, api_key_env="FP_TEST_JUDGE_KEY")


async def test_when_uncertain_only_asks_inside_the_band(llm: FakeLLM) -> None:
    judge = make_judge(llm, mode="when_uncertain", band=[0.3, 0.7])
    confident = EvalContext(findings=[Finding("off_topic", 0.95, "x", evaluator="scope")])
    assert await judge.evaluate(Payload.from_text("hi"), confident) == []
    assert await judge.evaluate(Payload.from_text("hi"), EvalContext()) == []
    assert llm.requests == []
    llm.script = ["off_topic"]
    unsure = EvalContext(findings=[Finding("off_topic", 0.5, "x", evaluator="scope")])
    [finding] = await ask(judge, "hi", ctx=unsure)
    assert finding.category == "off_topic" and len(llm.requests) == 1


async def test_never_mode_never_calls(llm: FakeLLM) -> None:
    assert await ask(make_judge(llm, mode="never")) == []
    assert llm.requests == []


async def test_engine_turns_a_failing_judge_into_on_undecided(llm: FakeLLM) -> None:
    llm.script = ["500", "500", "off_topic"]
    engine = Engine(policy_for(llm))
    engine.load()
    try:
        failed = await engine.scan_text("what's the weather")
        assert failed.action is Action.BLOCK and failed.fail_category == "cannot_decide"
        assert "HTTP 500" in failed.explanation
        blocked = await engine.scan_text("what's the weather")
        assert blocked.action is Action.BLOCK and blocked.fail_category == "off_topic"
    finally:
        await engine.aclose()


def test_when_uncertain_judge_must_run_after_scope(llm: FakeLLM) -> None:
    text = (
        "version: 1\n" + SCOPE + "evaluators:\n  - name: scope\n  - name: llm_judge\n"
        f"    options: {{base_url: '{llm.base_url}', model: j}}\n"
    )
    with pytest.raises(PolicyError, match="stage: 2"):
        Engine(load_policy_text(text, "judge.yaml"))


async def test_scope_hands_its_uncertain_band_to_the_judge(
    llm: FakeLLM, tmp_path_factory: pytest.TempPathFactory
) -> None:
    cache = tmp_path_factory.mktemp("fp-judge-cache")
    # Every semantic score is "uncertain" here, and only certain findings block: the judge
    # alone decides (its failures become on_undecided: block).
    text = (
        "version: 1\non_undecided: block\n" + SCOPE + "evaluators:\n"
        f"  - name: scope\n    options: {{cache_dir: '{cache}', uncertain: [0.0, 1.0]}}\n"
        "  - name: llm_judge\n    stage: 2\n    timeout_ms: 5000\n"
        f"    options: {{base_url: '{llm.base_url}', model: j, timeout_s: 0.5, backoff_s: 0}}\n"
        "rules:\n  - {category: off_topic, min_score: 1.0, action: block}\n"
    )
    engine = Engine(load_policy_text(text, "judge.yaml"))
    engine.load()
    try:
        llm.script = ["in_scope"]
        passed = await engine.scan_text("what are the symptoms of the flu")
        assert passed.action is Action.PASS
        assert [f.evaluator for f in passed.findings] == ["scope"]
        assert len(llm.requests) == 1
        llm.script = ["500", "500"]
        failed = await engine.scan_text("give me a recipe for sourdough bread")
        assert failed.action is Action.BLOCK and failed.fail_category == "cannot_decide"
    finally:
        await engine.aclose()
