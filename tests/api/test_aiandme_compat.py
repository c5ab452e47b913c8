"""``api.compat: aiandme``: answers read exactly as the released ai+me 0.5.0 client reads them.

``read_like_aiandme`` repeats, line for line, what ``aiandme.Firewall.eval``
(0.5.0, MIT) does with a response: it posts ``{"messages": [...]}`` with
``X-Api-Key`` and builds its result from ``id`` and ``explanation`` (the
category token). The released wheel cannot be imported on a case-sensitive
file system (its ``__init__`` imports ``.FirewallOSS`` while the file is
``firewalloss.py``) and pins pydantic 2.9.2, so it is not installed here.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx
import pytest

from firewall_proxy.client import Firewall, Integration
from tests.api.conftest import Deployment


class AiandmeCannotDecide(Exception):
    pass


class AiandmeNotAuthorised(Exception):
    pass


@dataclass
class AiandmeResult:  # aiandme.schemas.Firewall
    id: str
    status: bool
    fail_category: str | None = ""


def read_like_aiandme(endpoint: str, api_key: str, user_p: str) -> AiandmeResult | None:
    resp = httpx.post(
        endpoint,
        headers={"Content-Type": "application/json", "X-Api-Key": api_key},
        json={"messages": [{"role": "user", "content": user_p}]},
    )
    if resp.status_code == 200:
        verdict = resp.json()
        return AiandmeResult(id=verdict["id"], status=True, fail_category=verdict["explanation"])
    if resp.status_code == 406:
        verdict = resp.json()
        return AiandmeResult(id=verdict["id"], status=False, fail_category=verdict["explanation"])
    if resp.status_code == 418:
        raise AiandmeCannotDecide(resp.text)
    if resp.status_code in (404, 403, 401):
        raise AiandmeNotAuthorised(resp.text)
    return None


@pytest.mark.parametrize(
    ("prompt", "status", "token"),
    [
        ("How do I order a new card?", True, "pass"),
        ("What is the weather in Paris?", False, "off_topic"),
        ("I want a refund to another account", False, "restriction"),
        ("my card is 4111", False, "pii"),
    ],
)
def test_aiandme_client_reads_status_and_category(
    deployment: Deployment, prompt: str, status: bool, token: str
) -> None:
    result = read_like_aiandme(deployment.endpoint("beta"), deployment.beta_key, prompt)
    assert result is not None
    assert (result.status, result.fail_category) == (status, token)
    assert len(result.id) > 10


def test_aiandme_errors_raise_its_exceptions(deployment: Deployment) -> None:
    with pytest.raises(AiandmeCannotDecide):
        read_like_aiandme(deployment.endpoint("beta"), deployment.beta_key, "maybe")
    with pytest.raises(AiandmeNotAuthorised):
        read_like_aiandme(deployment.endpoint("beta"), "wrong", "hi")
    with pytest.raises(AiandmeNotAuthorised):
        read_like_aiandme(deployment.endpoint("beta"), deployment.alpha_key, "hi")


def test_human_explanation_moves_to_reason(deployment: Deployment) -> None:
    r = httpx.post(
        deployment.endpoint("beta"),
        headers={"x-api-key": deployment.beta_key},
        json={"prompt": "what is the weather"},
    )
    body = r.json()
    assert body["explanation"] == "off_topic" == body["fail_category"]
    assert "weather" in body["reason"]
    assert body["log_id"] == body["id"]
    # the default shape on the other project keeps the human explanation in place
    r = httpx.post(
        deployment.endpoint("alpha"),
        headers={"x-api-key": deployment.alpha_key},
        json={"prompt": "<|im_start|>"},
    )
    assert "reason" not in r.json()
    assert r.json()["explanation"].startswith("banned pattern")


def test_our_client_reads_the_aiandme_shape_too(deployment: Deployment) -> None:
    beta = Integration(endpoint=deployment.endpoint("beta"), api_key=deployment.beta_key)
    with Firewall(beta) as fw:
        ok = fw.eval("How do I order a new card?")
        assert (ok.status, ok.fail_category) == (True, None)
        off = fw.eval("weather please")
        assert (off.status, off.fail_category) == (False, "off_topic")
        assert "weather" in off.explanation
