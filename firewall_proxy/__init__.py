"""firewall-proxy: an AI firewall in front of LLM and image-model apps.

The flow, one direction::

    request ─► extract ─► evaluate ─► decide ─► enforce ─► upstream / short-circuit
               payload    findings    verdict   (middleware | proxy | verdict API)
                                         └────► events (store, dashboard, metrics)

Use it as ASGI middleware::

    from firewall_proxy import FirewallMiddleware
    app.add_middleware(FirewallMiddleware, policy="policies/default.yaml")

or as a reverse proxy: ``firewall-proxy serve --upstream URL --policy FILE``.
"""

from firewall_proxy._exceptions import (
    FirewallProxyError,
    MalformedPayload,
    PayloadTooLarge,
    PolicyError,
    PolicyIssue,
    RequestError,
    UpstreamError,
)
from firewall_proxy.enforce.middleware import FirewallMiddleware
from firewall_proxy.engine import Engine, Inspection
from firewall_proxy.evaluate.base import CannotDecide, EvalContext, Evaluator, EvaluatorOptions
from firewall_proxy.events.model import Event, EventSink, MemorySink, NullSink
from firewall_proxy.extract.payload import ImagePart, Payload, TextPart
from firewall_proxy.findings import Action, Category, Finding, Fix, Mode, Undecided, Verdict
from firewall_proxy.policy.loader import load_policy, load_policy_text
from firewall_proxy.policy.models import Policy

# The reverse proxy pulls in aiohttp; middleware users never need it, so it loads on use.
_LAZY = {
    "ProxyApp": "firewall_proxy.enforce.proxy",
    "UpstreamConfig": "firewall_proxy.enforce.proxy",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'firewall_proxy' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "Action",
    "CannotDecide",
    "Category",
    "Engine",
    "EvalContext",
    "Evaluator",
    "EvaluatorOptions",
    "Event",
    "EventSink",
    "Finding",
    "FirewallMiddleware",
    "FirewallProxyError",
    "Fix",
    "ImagePart",
    "Inspection",
    "MalformedPayload",
    "MemorySink",
    "Mode",
    "NullSink",
    "Payload",
    "PayloadTooLarge",
    "Policy",
    "PolicyError",
    "PolicyIssue",
    "ProxyApp",
    "RequestError",
    "TextPart",
    "Undecided",
    "UpstreamConfig",
    "UpstreamError",
    "Verdict",
    "load_policy",
    "load_policy_text",
]
