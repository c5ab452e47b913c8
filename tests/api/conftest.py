"""Two projects behind one real uvicorn server, with a keys file and keys for each.

``alpha`` runs ``policies/default.yaml`` (default answer shape); ``beta`` runs a
scope-style policy in the ``aiandme`` answer shape with a small body limit, an
imputing evaluator and an evaluator that cannot decide on the word "maybe".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from firewall_proxy.api import KeyStore, build_api_app
from firewall_proxy.api.ratelimit import MemoryRateLimiter
from firewall_proxy.events.model import MemorySink
from tests.live import live_server

ROOT = Path(__file__).resolve().parents[2]

BETA_POLICY = """
version: 1
name: beta
on_undecided: flag
limits: {max_body_bytes: 4096}
api: {compat: aiandme}
evaluators:
  - name: banned_patterns
    options:
      patterns:
        - {name: weather, literal: weather, category: off_topic, score: 0.95}
        - {name: refund, literal: refund, category: restriction, score: 0.9}
  - {name: "tests.plugins:ImputeWord", options: {word: "4111", category: pii}}
  - {name: "tests.api.evaluators:UnsureOnWord", options: {word: maybe}}
rules:
  - {category: off_topic, action: block}
  - {category: restriction, action: block}
  - {category: pii, action: impute}
"""


@dataclass
class Deployment:
    url: str
    keys_file: Path
    store: KeyStore
    alpha_key: str
    beta_key: str
    events: MemorySink

    def endpoint(self, project: str) -> str:
        return f"{self.url}/firewall/{project}"


def write_projects(tmp: Path) -> Path:
    beta = tmp / "beta.yaml"
    beta.write_text(BETA_POLICY, encoding="utf-8")
    projects = tmp / "projects.yaml"
    projects.write_text(
        f"projects:\n  alpha:\n    policy: {ROOT / 'policies' / 'default.yaml'}\n"
        "  beta: beta.yaml\n",
        encoding="utf-8",
    )
    return projects


@pytest.fixture
def projects_file(tmp_path: Path) -> Path:
    return write_projects(tmp_path)


@pytest.fixture
def deployment(tmp_path: Path, projects_file: Path) -> Iterator[Deployment]:
    from firewall_proxy.api import load_projects

    keys_file = tmp_path / "keys.db"
    store = KeyStore(keys_file)
    alpha = store.create("alpha", name="alpha app").secret
    beta = store.create("beta").secret
    events = MemorySink()
    # The server gets its own KeyStore, as a separate process would.
    app = build_api_app(
        load_projects(projects_file), KeyStore(keys_file), MemoryRateLimiter(), events
    )
    with live_server(app) as url:
        yield Deployment(url, keys_file, store, alpha, beta, events)
