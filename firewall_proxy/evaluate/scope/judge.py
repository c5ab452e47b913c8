"""The ``llm_judge`` evaluator: an OpenAI-compatible chat model settles the scope.

Flow position: evaluate stage, after the semantic ``scope`` evaluator (give it
a later ``stage``). Modes: ``always`` asks the judge for every request;
``when_uncertain`` only when the scope evaluator's score lies in the band
(by default the scope evaluator's own ``uncertain`` band), which is where the
judge adds accuracy; ``never`` keeps it configured but silent.

Any ``/chat/completions`` endpoint works (vLLM, llama.cpp server, Ollama,
OpenAI). The API key is read from the environment variable the policy names,
never from the policy. Each attempt has a time limit; timeouts, 429/5xx
answers and dropped connections are retried a bounded number of times; every
failure that is left — and any answer that is not the JSON object the prompt
asks for — raises :class:`CannotDecide`, so the policy's ``on_undecided``
decides. Answers are cached (bounded, with a TTL) per model and prompt.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import time
from collections import OrderedDict
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from firewall_proxy._exceptions import PolicyError
from firewall_proxy.evaluate.base import CannotDecide, EvalContext, Evaluator, EvaluatorOptions
from firewall_proxy.evaluate.scope.evaluator import last_user_turn
from firewall_proxy.evaluate.scope.judge_prompt import JudgeAnswer, build_messages, parse_answer
from firewall_proxy.extract.payload import Payload
from firewall_proxy.findings import Category, Finding
from firewall_proxy.policy.models import EnvVarName

if TYPE_CHECKING:
    import httpx

    from firewall_proxy.policy.models import Policy, Scope

__all__ = ["LLMJudge", "LLMJudgeOptions"]

_SCOPE_CATEGORIES = {Category.OFF_TOPIC.value, Category.VIOLATION.value, Category.RESTRICTION.value}


class LLMJudgeOptions(EvaluatorOptions):
    base_url: str = Field(
        description="Base URL of the OpenAI-compatible API, including '/v1' "
        "(requests go to '{base_url}/chat/completions').",
        examples=["http://127.0.0.1:8000/v1", "https://api.openai.com/v1"],
    )
    model: str = Field(description="Model name sent in the request.")
    api_key_env: EnvVarName | None = Field(
        None, description="Environment variable holding the API key (sent as a Bearer token)."
    )
    mode: Literal["always", "when_uncertain", "never"] = "when_uncertain"
    band: tuple[float, float] | None = Field(
        None,
        description="Scope score band [low, high) that calls the judge in "
        "'when_uncertain' mode; default: the scope evaluator's 'uncertain' band.",
    )
    timeout_s: float = Field(5.0, gt=0, le=120, description="Time limit of one attempt.")
    retries: int = Field(1, ge=0, le=5, description="Extra attempts after a retryable failure.")
    backoff_s: float = Field(0.2, ge=0, le=10)
    temperature: float = Field(0.0, ge=0, le=2)
    max_tokens: int = Field(200, ge=16, le=4096)
    json_mode: bool = Field(True, description="Ask for response_format json_object.")
    min_confidence: float = Field(
        0.5, ge=0, le=1, description="Answers less confident than this: cannot decide."
    )
    cache_size: int = Field(2048, ge=0)
    cache_ttl_s: float = Field(600.0, ge=0)


def _check_order(policy: Policy, opts: LLMJudgeOptions) -> None:
    """In ``when_uncertain`` mode the judge reads the scope score: it must run after ``scope``."""
    stages = {e.name: (e.stage if e.stage is not None else 1) for e in policy.evaluators}
    if (
        opts.mode == "when_uncertain"
        and "scope" in stages
        and stages.get("llm_judge", 99) <= stages["scope"]
    ):
        raise PolicyError(
            "evaluator 'llm_judge' (mode when_uncertain) must run in a later stage than "
            f"'scope': set 'stage: {stages['scope'] + 1}' on llm_judge"
        )


class _Retryable(Exception):
    """A failure worth another attempt (timeout, 429/5xx, dropped connection)."""


class LLMJudge(Evaluator):
    """Scope verdicts from a chat model (see the module docstring)."""

    name = "llm_judge"
    Options = LLMJudgeOptions
    cost = "expensive"
    io_bound = True

    def __init__(
        self,
        options: EvaluatorOptions | None = None,
        *,
        scope: Scope | None = None,
        band: tuple[float, float] = (0.3, 0.7),
    ) -> None:
        super().__init__(options)
        assert isinstance(self.options, LLMJudgeOptions)
        self.opts: LLMJudgeOptions = self.options
        if scope is None:
            raise PolicyError("evaluator 'llm_judge' needs a 'scope:' block in the policy")
        self.scope = scope
        self.band = self.opts.band or band
        self._intents = {i.strip().lower(): i for i in [*scope.permitted, *scope.restricted]}
        self.url = self.opts.base_url.rstrip("/") + "/chat/completions"
        self._headers: dict[str, str] = {"content-type": "application/json"}
        self._client: httpx.AsyncClient | None = None
        self._client_loop: asyncio.AbstractEventLoop | None = None
        self._cache: OrderedDict[str, tuple[float, JudgeAnswer]] = OrderedDict()

    @classmethod
    def from_config(cls, options: dict[str, Any] | None, policy: Policy | None = None) -> Evaluator:
        band: tuple[float, float] = (0.3, 0.7)
        opts = cls.Options.model_validate(options or {})
        if policy is not None:
            _check_order(policy, opts)
            for ev in policy.evaluators:
                if ev.name == "scope" and "uncertain" in ev.options:
                    low, high = ev.options["uncertain"]
                    band = (float(low), float(high))
        return cls(
            opts,
            scope=policy.scope if policy is not None else None,
            band=band,
        )

    def load(self) -> None:
        if self.opts.api_key_env:
            key = os.environ.get(self.opts.api_key_env)
            if not key:
                raise PolicyError(
                    f"evaluator 'llm_judge': environment variable {self.opts.api_key_env} "
                    "(api_key_env) is not set"
                )
            self._headers["authorization"] = f"Bearer {key}"

    async def aclose(self) -> None:
        if self._client is not None:
            client, self._client = self._client, None
            await client.aclose()

    def _http(self) -> httpx.AsyncClient:
        import httpx

        loop = asyncio.get_running_loop()
        if self._client is None or self._client_loop is not loop:
            # A client's pooled connections belong to the loop that opened them.
            self._client = httpx.AsyncClient(
                timeout=httpx.Timeout(self.opts.timeout_s),
                trust_env=False,
                follow_redirects=False,
                limits=httpx.Limits(max_connections=16),
            )
            self._client_loop = loop
        return self._client

    def _wanted(self, ctx: EvalContext) -> bool:
        if self.opts.mode == "never":
            return False
        if self.opts.mode == "always":
            return True
        low, high = self.band
        return any(
            f.category in _SCOPE_CATEGORIES and f.evaluator != self.name and low <= f.score < high
            for f in ctx.findings
        )

    async def evaluate(self, payload: Payload, ctx: EvalContext) -> list[Finding]:
        if not self._wanted(ctx):
            return []
        turn = last_user_turn(payload)
        if turn is None:
            return []
        part, context = turn
        messages = build_messages(self.scope, payload.texts[part].text, context)
        key = hashlib.sha256(json.dumps([self.opts.model, messages]).encode()).hexdigest()
        answer = self._cached(key)
        if answer is None:
            answer = await self._ask(messages)
            self._remember(key, answer)
        if answer.confidence < self.opts.min_confidence:
            raise CannotDecide(f"llm_judge: unsure ({answer.category}, {answer.confidence:.2f})")
        if answer.category == "in_scope":
            return []
        # The model's own words may quote the prompt, and explanations reach the event log:
        # keep only what the policy itself defines (category, one of its intent names).
        intent = self._intents.get(answer.intent.strip().lower(), "")
        nearest = f", nearest intent {intent!r}" if intent else ""
        why = (
            f"judge {self.opts.model}: {answer.category.replace('_', ' ')} "
            f"(confidence {answer.confidence:.2f}{nearest})"
        )
        return [
            self.finding(
                answer.category,
                answer.confidence,
                why,
                part=part,
                data={"judge_model": self.opts.model, "intent": intent},
            )
        ]

    async def _ask(self, messages: list[dict[str, str]]) -> JudgeAnswer:
        body: dict[str, Any] = {
            "model": self.opts.model,
            "messages": messages,
            "temperature": self.opts.temperature,
            "max_tokens": self.opts.max_tokens,
        }
        if self.opts.json_mode:
            body["response_format"] = {"type": "json_object"}
        last = "no attempt"
        for attempt in range(self.opts.retries + 1):
            if attempt:
                await asyncio.sleep(self.opts.backoff_s * attempt)
            try:
                return await self._attempt(body)
            except _Retryable as exc:
                last = str(exc)
        raise CannotDecide(f"llm_judge: {last} (after {self.opts.retries + 1} attempts)")

    async def _attempt(self, body: dict[str, Any]) -> JudgeAnswer:
        import httpx

        try:
            response = await self._http().post(self.url, json=body, headers=self._headers)
        except httpx.TimeoutException:
            raise _Retryable(f"timed out after {self.opts.timeout_s:g} s") from None
        except httpx.TransportError as exc:
            raise _Retryable(f"connection failed ({type(exc).__name__})") from None
        if response.status_code == 429 or response.status_code >= 500:
            raise _Retryable(f"judge answered HTTP {response.status_code}")
        if response.status_code != 200:
            raise CannotDecide(f"llm_judge: judge answered HTTP {response.status_code}")
        try:
            content = response.json()["choices"][0]["message"]["content"]
            if not isinstance(content, str):
                raise TypeError("content is not a string")
            return parse_answer(content)
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise CannotDecide(f"llm_judge: unusable answer ({exc})") from None

    def _cached(self, key: str) -> JudgeAnswer | None:
        hit = self._cache.get(key)
        if hit is None:
            return None
        stamp, answer = hit
        if time.monotonic() - stamp > self.opts.cache_ttl_s:
            del self._cache[key]
            return None
        self._cache.move_to_end(key)
        return answer

    def _remember(self, key: str, answer: JudgeAnswer) -> None:
        if not self.opts.cache_size:
            return
        self._cache[key] = (time.monotonic(), answer)
        if len(self._cache) > self.opts.cache_size:
            self._cache.popitem(last=False)
