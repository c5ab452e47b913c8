"""Secrets and isolation: keys and credentials never leave through logs, events, answers or
metrics; one project's key sees nothing of another project; the dashboard refuses
without the admin token and is off (404) unless one is configured.

One scenario runs against live servers (a recording upstream, an LLM judge that needs
its own key, ``firewall-proxy serve``'s app with two verdict-API projects, a dashboard
and metrics, and a second proxy without an admin token whose upstream is down), with
every log record of every logger captured at DEBUG (uvicorn's access log included).
Every request carries secrets; the tests then look for them in each channel.
"""

from __future__ import annotations

import gzip
import hmac
import logging
import os
import secrets
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from starlette.testclient import TestClient

from firewall_proxy.api import KeyStore
from firewall_proxy.dashboard import build_dashboard_app
from firewall_proxy.events import open_store
from firewall_proxy.events.store import EventQuery
from firewall_proxy.server import ServerConfig, build_app
from tests.hardening.recording import RecordingUpstream
from tests.live import free_port, live_server

JUDGE_ENV = "FP_ISOLATION_JUDGE_KEY"

PROJECT_POLICY = """
version: 1
name: {name}
on_undecided: flag
limits: {{max_body_bytes: 4096}}
scope:
  business: Cooking help for home cooks.
  permitted: [find a recipe]
routes:
  - {{path: /v1/chat/completions, methods: [POST], extractor: openai_chat}}
evaluators:
  - name: banned_patterns
    options: {{patterns: [{{name: banned, literal: "{name}-forbidden", category: injection}}]}}
{judge}
rules:
  - {{category: injection, action: block}}
events: {{excerpt: raw}}
"""

JUDGE = """  - name: llm_judge
    timeout_ms: 5000
    options:
      base_url: {url}/v1
      model: judge-1
      api_key_env: {env}
      mode: always
      retries: 0
      cache_size: 0
"""


@dataclass
class Answer:
    status: int
    headers: list[tuple[str, str]]
    body: str

    @classmethod
    def of(cls, response: httpx.Response) -> Answer:
        return cls(response.status_code, list(response.headers.multi_items()), response.text)

    def json(self) -> Any:
        return orjson.loads(self.body)


@dataclass
class World:
    """Everything the scenario left behind, for the tests to search."""

    secrets: dict[str, str]
    answers: dict[str, Answer] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)
    store_bytes: bytes = b""
    events: list[Any] = field(default_factory=list)
    metrics: str = ""
    upstream_auth: list[bytes] = field(default_factory=list)
    judge_auth: list[str] = field(default_factory=list)


class _Capture(logging.Handler):
    """Every record, with its traceback, as text."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = f"{record.name} {record.levelname} {record.getMessage()}"
        if record.exc_info:
            text += "\n" + "".join(traceback.format_exception(*record.exc_info))
        if record.stack_info:
            text += "\n" + record.stack_info
        self.lines.append(text)


_LOGGERS = ["", "uvicorn", "uvicorn.error", "uvicorn.access", "firewall_proxy"]


def _judge_app(seen: list[str]) -> Any:
    """An OpenAI-compatible judge that requires its key and answers nothing usable."""

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        while (await receive()).get("more_body"):
            pass
        headers = dict(scope["headers"])
        seen.append(headers.get(b"authorization", b"").decode())
        body = orjson.dumps({"choices": [{"message": {"content": "no idea, sorry"}}]})
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": body})

    return app


def _chat(text: str) -> dict[str, Any]:
    return {"messages": [{"role": "user", "content": text}]}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    tmp = tmp_path_factory.mktemp("isolation")
    keys = KeyStore(tmp / "keys.db")
    alpha_key = keys.create("alpha").secret
    bravo_key = keys.create("bravo").secret
    found = World(
        secrets={
            "upstream bearer": "sk-upstream-" + secrets.token_hex(12),
            "upstream api-key": "azure-" + secrets.token_hex(12),
            "upstream cookie": "sid-" + secrets.token_hex(12),
            "admin token": "admin-" + secrets.token_hex(12),
            "judge key": "sk-judge-" + secrets.token_hex(12),
            "alpha key": alpha_key,
            "bravo key": bravo_key,
            "wrong key": alpha_key[:-6] + "AAAAAA",
        }
    )
    s = found.secrets
    capture = _Capture()
    saved = {
        name: (logging.getLogger(name).level, logging.getLogger(name).propagate)
        for name in _LOGGERS
    }
    for name in _LOGGERS:
        logging.getLogger(name).addHandler(capture)
        logging.getLogger(name).setLevel(logging.DEBUG)
    logs: dict[str, Any] = {"log_config": None, "log_level": "debug", "access_log": True}
    upstream = RecordingUpstream()
    old_env = os.environ.get(JUDGE_ENV)
    os.environ[JUDGE_ENV] = s["judge key"]
    try:
        with (
            live_server(upstream, **logs) as up,
            live_server(_judge_app(found.judge_auth), **logs) as judge,
        ):
            # The proxy's own policy asks the judge; the two projects do not.
            judge_block = JUDGE.format(url=judge, env=JUDGE_ENV)
            for name in ("proxy", "alpha", "bravo"):
                text = PROJECT_POLICY.format(
                    name=name, judge=judge_block if name == "proxy" else ""
                )
                (tmp / f"{name}.yaml").write_text(text)
            (tmp / "projects.yaml").write_text(
                "projects:\n  alpha: alpha.yaml\n  bravo: bravo.yaml\n"
            )
            config = ServerConfig(
                upstream=up,
                policy=str(tmp / "proxy.yaml"),
                events=str(tmp / "events.db"),
                projects=str(tmp / "projects.yaml"),
                keys_file=str(tmp / "keys.db"),
                admin_token=s["admin token"],
            )
            bare = ServerConfig(
                upstream=f"http://127.0.0.1:{free_port()}",  # nothing listens there
                policy=str(tmp / "bravo.yaml"),
                events="none",
                keys_file=str(tmp / "keys.db"),
                metrics_path="none",
            )
            with (
                live_server(build_app(config), proxy_headers=False, **logs) as proxy,
                live_server(build_app(bare), proxy_headers=False, **logs) as dead,
            ):
                _run(found, proxy, dead)
            found.upstream_auth = [
                a for seen in upstream.seen for a in seen.header(b"authorization")
            ]
    finally:
        if old_env is None:
            os.environ.pop(JUDGE_ENV, None)
        else:
            os.environ[JUDGE_ENV] = old_env
        for name, (level, propagate) in saved.items():
            logger = logging.getLogger(name)
            logger.removeHandler(capture)
            logger.setLevel(level)
            logger.propagate = propagate
    found.log = capture.lines
    found.store_bytes = b"".join(
        p.read_bytes() for p in tmp.iterdir() if p.name.startswith("events.db")
    )
    found.events = list(open_store(str(tmp / "events.db")).query(EventQuery(), limit=1000).events)
    return found


def _run(world: World, proxy: str, dead: str) -> None:
    """Every request of the scenario; each answer is kept under a name."""
    s = world.secrets
    creds = {
        "Authorization": f"Bearer {s['upstream bearer']}",
        "api-key": s["upstream api-key"],
        "Cookie": f"session={s['upstream cookie']}",
    }
    a = world.answers
    with httpx.Client(base_url=proxy, trust_env=False, timeout=20) as c:
        chat = "/v1/chat/completions"
        a["pass"] = Answer.of(c.post(chat, json=_chat("a leek soup, please"), headers=creds))
        a["block"] = Answer.of(c.post(chat, json=_chat("proxy-forbidden"), headers=creds))
        a["malformed"] = Answer.of(c.post(chat, content=b"{not json", headers=creds))
        a["oversize"] = Answer.of(c.post(chat, json=_chat("x" * 5000), headers=creds))
        a["compressed"] = Answer.of(
            c.post(
                chat,
                content=gzip.compress(b"{}"),
                headers={**creds, "Content-Encoding": "gzip"},
            )
        )
        a["method"] = Answer.of(c.put(chat, json=_chat("hi"), headers=creds))
        a["unmatched"] = Answer.of(c.get("/v1/models", headers=creds))

        def verdict(project: str, key: str | None, text: str, header: str = "bearer") -> Answer:
            auth = {}
            if key is not None:
                auth = (
                    {"Authorization": f"Bearer {key}"} if header == "bearer" else {"X-Api-Key": key}
                )
            return Answer.of(c.post(f"/firewall/{project}", json={"prompt": text}, headers=auth))

        a["alpha ok"] = verdict("alpha", s["alpha key"], "a leek soup")
        a["alpha blocked"] = verdict("alpha", s["alpha key"], "alpha-forbidden")
        a["alpha lets bravo's word pass"] = verdict("alpha", s["alpha key"], "bravo-forbidden")
        a["bravo blocks its word"] = verdict("bravo", s["bravo key"], "bravo-forbidden", "x-api")
        a["alpha key on bravo"] = verdict("bravo", s["alpha key"], "hi")
        a["alpha key on unknown"] = verdict("no-such-project", s["alpha key"], "hi")
        a["no key on bravo"] = verdict("bravo", None, "hi")
        a["no key on unknown"] = verdict("no-such-project", None, "hi")
        a["wrong key"] = verdict("alpha", s["wrong key"], "hi")
        a["non-ascii key"] = Answer.of(
            c.post(
                "/firewall/alpha",
                json={"prompt": "hi"},
                headers={b"Authorization": "Bearer t\u00f6ken".encode("latin-1")},
            )
        )

        ui = "/firewall/ui/"
        token = s["admin token"]
        a["ui no token"] = Answer.of(c.get(ui))
        a["ui wrong token"] = Answer.of(c.get(ui, headers={"Authorization": "Bearer nope"}))
        a["ui non-ascii token"] = Answer.of(
            c.get(ui, headers={b"X-Admin-Token": "t\u00f6ken".encode("latin-1")})
        )
        a["ui forged cookie"] = Answer.of(c.get(ui, headers={"Cookie": f"fp_dashboard={token}"}))
        a["ui login wrong"] = Answer.of(c.post(ui + "login", data={"token": "t\u00f6ken"}))
        a["ui login"] = Answer.of(c.post(ui + "login", data={"token": token}))
        event_id = a["block"].json()["error"]["firewall"]["id"]
        deadline = time.monotonic() + 10
        while True:  # the writer flushes in the background: wait for the event to land
            detail = c.get(f"{ui}events/{event_id}", headers={"X-Admin-Token": token})
            if detail.status_code == 200 or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        a["ui event"] = Answer.of(detail)
        a["ui index"] = Answer.of(c.get(ui, headers={"Authorization": f"Bearer {token}"}))
        metrics = c.get("/metrics")
        a["metrics"] = Answer.of(metrics)
        world.metrics = metrics.text
    with httpx.Client(base_url=dead, trust_env=False, timeout=20) as c:
        a["upstream down"] = Answer.of(
            c.post("/v1/chat/completions", json=_chat("hello"), headers=creds)
        )
        a["off ui"] = Answer.of(c.get("/firewall/ui/"))
        a["off ui login"] = Answer.of(c.post("/firewall/ui/login", data={"token": "x"}))
        a["off ui root"] = Answer.of(c.get("/firewall/ui"))
        a["off metrics"] = Answer.of(c.get("/metrics", headers=creds))


# -- the scenario did what it meant to --------------------------------------------------


def test_the_scenario_exercised_every_path(world: World) -> None:
    """Without this, the searches below could pass by searching nothing."""
    a = world.answers
    expected = {
        "pass": 200,
        "block": 403,
        "malformed": 400,
        "oversize": 413,
        "compressed": 415,
        "method": 405,
        "unmatched": 200,
        "upstream down": 502,
        "alpha ok": 200,
        "alpha blocked": 406,
        "ui event": 200,
        "ui index": 200,
        "ui login": 303,
        "metrics": 200,
    }
    assert {name: a[name].status for name in expected} == expected
    bearer = f"Bearer {world.secrets['upstream bearer']}".encode()
    assert bearer in world.upstream_auth  # upstream credentials are forwarded...
    assert f"Bearer {world.secrets['judge key']}" in world.judge_auth  # ...and the judge's used
    text = "\n".join(world.log)
    assert "uvicorn.access" in text and "/v1/chat/completions" in text
    assert "upstream request failed" in text
    assert {e.action for e in world.events} >= {"block", "flag"}
    assert world.store_bytes


# -- secrets: nowhere -------------------------------------------------------------------


def _leaks(world: World, haystack: str | bytes) -> list[str]:
    if isinstance(haystack, str):
        return [name for name, value in world.secrets.items() if value in haystack]
    return [name for name, value in world.secrets.items() if value.encode() in haystack]


def test_no_secret_is_logged(world: World) -> None:
    assert _leaks(world, "\n".join(world.log)) == []


def test_no_secret_is_in_the_event_store(world: World) -> None:
    assert _leaks(world, world.store_bytes) == []
    assert _leaks(world, orjson.dumps([asdict(e) for e in world.events]).decode()) == []


def test_no_secret_is_in_any_answer(world: World) -> None:
    for name, answer in world.answers.items():
        headers = "\n".join(f"{k}: {v}" for k, v in answer.headers)
        assert _leaks(world, answer.body + headers) == [], name


def test_no_secret_is_in_metrics(world: World) -> None:
    assert _leaks(world, world.metrics) == []


def test_metrics_labels_come_from_configuration_only(world: World) -> None:
    """/metrics is public by default (the Prometheus convention; ``--metrics-path none``
    turns it off): its labels are project ids, route patterns, categories, evaluator
    names — never a requested path, project id or header a client made up."""
    assert "no-such-project" not in world.metrics
    assert "/v1/models" not in world.metrics
    assert 'route="(unmatched)"' in world.metrics


# -- projects ---------------------------------------------------------------------------


def test_a_key_works_for_its_own_project_only(world: World) -> None:
    a = world.answers
    assert a["alpha ok"].status == 200
    assert a["alpha key on bravo"].status == 403
    assert a["alpha key on bravo"].json()["error"]["code"] == "forbidden"


def test_other_projects_existence_does_not_leak(world: World) -> None:
    """A tenant's key gets the same 403 for a project that exists and one that does not;
    without a valid key everything is 401, before any project is looked up."""
    a = world.answers
    known, unknown = a["alpha key on bravo"].json(), a["alpha key on unknown"].json()
    assert a["alpha key on unknown"].status == 403
    assert known["error"]["code"] == unknown["error"]["code"] == "forbidden"
    assert known["error"]["field"] == unknown["error"]["field"] == "authorization"
    assert "bravo" not in unknown["error"]["message"]
    for name in ("no key on bravo", "no key on unknown", "wrong key", "non-ascii key"):
        assert a[name].status == 401, name
        assert a[name].json()["error"]["code"] == "unauthorised"


def test_each_project_is_judged_by_its_own_policy_and_recorded_under_its_name(
    world: World,
) -> None:
    a = world.answers
    assert a["alpha lets bravo's word pass"].status == 200
    assert a["bravo blocks its word"].status == 406
    assert a["alpha blocked"].status == 406
    by_project = {(e.project, e.action, e.excerpt) for e in world.events if e.project != "default"}
    assert ("alpha", "block", "alpha-forbidden") in by_project
    assert ("bravo", "block", "bravo-forbidden") in by_project
    assert not any(p == "alpha" and "bravo-forbidden" in x for p, _, x in by_project if x)


# -- dashboard --------------------------------------------------------------------------


def test_the_dashboard_refuses_without_the_admin_token(world: World) -> None:
    a = world.answers
    for name in ("ui no token", "ui wrong token", "ui non-ascii token", "ui forged cookie"):
        assert a[name].status == 401, name
        assert "events" not in a[name].body.lower() or "token" in a[name].body.lower()
    assert a["ui login wrong"].status == 401
    cookie = dict(a["ui login"].headers)["set-cookie"]
    assert cookie.startswith("fp_dashboard=") and "HttpOnly" in cookie
    assert world.secrets["admin token"] not in cookie  # an HMAC of it, never the token


def test_the_dashboard_is_off_without_an_admin_token(world: World) -> None:
    a = world.answers
    for name in ("off ui", "off ui login", "off ui root"):
        assert a[name].status == 404, name


def test_metrics_can_be_switched_off(world: World) -> None:
    """With ``--metrics-path none``, /metrics is just another upstream path (here the
    upstream is down: 502)."""
    assert world.answers["off metrics"].status == 502


def test_admin_token_comparisons_are_constant_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every way in (bearer, header, cookie, login form) goes through
    ``hmac.compare_digest`` (timing cannot be asserted in a test; the call can)."""
    calls: list[tuple[bytes, bytes]] = []
    compare = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return compare(a, b)

    monkeypatch.setattr("firewall_proxy.dashboard.app.hmac.compare_digest", spy)
    app = build_dashboard_app(open_store(str(tmp_path / "e.db")), "the-token")
    with TestClient(app) as client:
        for headers in (
            {"Authorization": "Bearer guess-1"},
            {"X-Admin-Token": "guess-2"},
            {"Cookie": "fp_dashboard=guess-3"},
        ):
            assert client.get("/firewall/ui/", headers=headers).status_code == 401
        assert client.post("/firewall/ui/login", data={"token": "guess-4"}).status_code == 401
    given = {a for a, _ in calls}
    assert {b"guess-1", b"guess-2", b"guess-3", b"guess-4"} <= given
