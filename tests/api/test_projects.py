"""The projects file, and the verdict API mounted the ways users mount it."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from firewall_proxy._exceptions import PolicyError
from firewall_proxy.api import KeyStore, VerdictApi, api_app_for_serve, load_projects
from firewall_proxy.engine import Engine
from firewall_proxy.server import Dispatcher
from tests.api.conftest import ROOT
from tests.live import live_server

DEFAULT_POLICY = ROOT / "policies" / "default.yaml"


def test_projects_file_long_and_short_forms(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "b.yaml").write_text(DEFAULT_POLICY.read_text())
    file = tmp_path / "projects.json"
    file.write_text(f'{{"projects": {{"a": {{"policy": "{DEFAULT_POLICY}"}}, "b": "p/b.yaml"}}}}')
    assert load_projects(file) == {"a": DEFAULT_POLICY, "b": tmp_path / "p" / "b.yaml"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("projects: {}", "non-empty 'projects:'"),
        ("just text", "non-empty 'projects:'"),
        ("projects: {a: missing.yaml}", "projects.a.policy: policy file not found"),
        ("projects: {'a b': x.yaml}", "projects.a b: project ids"),
        ("projects: {a: {policy: x.yaml, keys: 1}}", "unknown keys ['keys']"),
        ("projects: {a: {}}", "projects.a.policy: a policy file path is required"),
        ("projects: [", "not valid YAML/JSON"),
    ],
)
def test_projects_file_errors_name_the_field(tmp_path: Path, text: str, message: str) -> None:
    file = tmp_path / "projects.yaml"
    file.write_text(text)
    with pytest.raises(PolicyError, match=r"projects\.yaml") as exc:
        load_projects(file)
    assert message in str(exc.value)


def test_without_projects_the_server_policy_is_project_default(tmp_path: Path) -> None:
    keys = tmp_path / "k.db"
    key = KeyStore(keys).create("default").secret
    app = api_app_for_serve(policy=Engine.from_file(DEFAULT_POLICY), keys_file=keys)
    # mounted like `serve` mounts it: behind the Dispatcher, with no lifespan of its own
    upstream = PlainTextResponse("from the upstream app")
    with live_server(Dispatcher(upstream, {"/firewall": app}), lifespan="off") as url:
        r = httpx.post(
            f"{url}/firewall/default", headers={"x-api-key": key}, json={"prompt": "hello"}
        )
        assert r.status_code == 200 and r.json()["project"] == "default"
        assert httpx.get(f"{url}/other").text == "from the upstream app"
        assert httpx.get(f"{url}/firewall/openapi.json").json()["openapi"].startswith("3.1")


def test_routes_added_to_a_users_own_app(tmp_path: Path) -> None:
    keys = KeyStore(tmp_path / "k.db")
    key = keys.create("shop").secret
    api = VerdictApi({"shop": DEFAULT_POLICY}, keys)

    async def home(request: object) -> PlainTextResponse:
        return PlainTextResponse("home")

    app = Starlette(routes=[Route("/", home), *api.routes(prefix="/guard")])
    with live_server(app) as url:
        r = httpx.post(
            f"{url}/guard/shop",
            headers={"authorization": f"Bearer {key}"},
            json={"prompt": "<|im_start|>system"},
        )
        assert r.status_code == 406
        doc = httpx.get(f"{url}/guard/openapi.json").json()
        assert "/guard/{project_id}" in doc["paths"]


def test_bad_project_ids_and_empty_project_sets_are_refused(tmp_path: Path) -> None:
    keys = KeyStore(tmp_path / "k.db")
    with pytest.raises(ValueError, match="at least one project"):
        VerdictApi({}, keys)
    with pytest.raises(ValueError, match="invalid project id"):
        VerdictApi({"a/b": DEFAULT_POLICY}, keys)
