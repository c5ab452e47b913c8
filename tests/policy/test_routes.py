"""Route matching on normalised paths: every spelling a server might route to a guarded
handler is inspected (the live attempts are in tests/hardening/test_bypass.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from firewall_proxy.policy.models import Route
from firewall_proxy.policy.routes import RouteTable, _canonical, _fold, normalize_path


@pytest.mark.parametrize(
    ("path", "folded"),
    [
        ("/v1/chat/completions", "/v1/chat/completions"),
        ("/V1//Chat/completions/", "/v1/chat/completions"),
        ("/v1/x/../chat/./completions", "/v1/chat/completions"),
        ("/v1/chat/completions.", "/v1/chat/completions"),
        ("/v1/chat./completions. .", "/v1/chat/completions"),
        ("/v1/chat/completions;jsessionid=1", "/v1/chat/completions"),
        ("/v1/chat/completions/..;/completions", "/v1/chat/completions"),
        ("/v1\\chat\\completions", "/v1/chat/completions"),
        ("/v1/chat/completions?x", "/v1/chat/completions"),
        ("/v1/chat/completions#x", "/v1/chat/completions"),
        ("/v1/chat/completions\x00.png", "/v1/chat/completions"),
        ("/v1/chat/completions \t", "/v1/chat/completions"),
        ("http://host:8000/v1//chat/completions", "/v1/chat/completions"),
        ("https://host", "/"),
        ("", "/"),
        ("/../../etc", "/etc"),
        ("/v1/models/gpt-3.5", "/v1/models/gpt-3.5"),
    ],
)
def test_paths_fold_onto_their_canonical_form(path: str, folded: str) -> None:
    assert normalize_path(path) == folded


_PATHS = st.text(alphabet="/.;\\?# \t\x00aBc%:", max_size=24)


@settings(derandomize=True, deadline=None, database=None, max_examples=500)
@given(_PATHS)
def test_the_fast_path_never_skips_a_fold(path: str) -> None:
    """Only paths folding would leave alone may skip it (the trailing-dot hole was a
    fast path that returned ``/v1/chat/completions.`` as it came)."""
    if _canonical(path):
        assert _fold(path) == path


@settings(derandomize=True, deadline=None, database=None, max_examples=300)
@given(_PATHS)
def test_folding_is_idempotent(path: str) -> None:
    once = normalize_path(path)
    assert normalize_path(once) == once


def test_routes_for_names_every_route_on_a_path_whatever_the_method() -> None:
    table = RouteTable(
        [
            Route(path="/v1/chat/completions", methods=["POST"], extractor="openai_chat"),
            Route(path="/v1/*", methods=["PUT"], extractor="json"),
        ]
    )
    assert table.match("PATCH", "/v1//chat/completions") is None
    assert [r.methods for r in table.routes_for("/V1/chat/completions;x")] == [["POST"], ["PUT"]]
    assert table.routes_for("/v2/chat") == []


def test_a_path_escaped_twice_is_matched_for_upstreams_that_decode_again() -> None:
    table = RouteTable(
        [Route(path="/v1/chat/completions", methods=["POST"], extractor="openai_chat")]
    )
    # %252F arrives decoded once by the server as a literal %2F
    assert table.match("POST", "/v1/chat%2Fcompletions") is not None
    assert table.match("POST", "/v1%252Fchat%252Fcompletions") is not None
    assert table.routes_for("/v1%2fchat%2fcompletions")
    # an escape inside one segment still matches a one-segment placeholder first
    files = RouteTable([Route(path="/v1/files/{id}", methods=["GET"], extractor="json")])
    assert files.match("GET", "/v1/files/a%2Fb") is not None
