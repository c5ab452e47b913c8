"""Python client of the verdict API (``POST /firewall/{project_id}``), sync and async.

Flow position: the application's side. It sends a prompt, gets a verdict, and
decides itself::

    from firewall_proxy.client import Firewall, Integration

    fw = Firewall(Integration(endpoint="http://127.0.0.1:8080/firewall/support",
                              api_key="fpk_..."))
    verdict = fw.eval("how do I reset my card PIN?")
    if not verdict.status:
        print(verdict.fail_category, verdict.explanation)
"""

from __future__ import annotations

from firewall_proxy.client._async import AsyncFirewall
from firewall_proxy.client._errors import (
    FirewallBadResponse,
    FirewallCannotDecide,
    FirewallConnectionError,
    FirewallError,
    FirewallNotAuthorised,
    FirewallProjectNotFound,
    FirewallRateLimited,
    FirewallRequestRejected,
    FirewallServerError,
    FirewallTimeout,
)
from firewall_proxy.client._models import FirewallVerdict, Integration
from firewall_proxy.client._sync import Firewall
from firewall_proxy.client.images import (
    ImageFirewall,
    ImageSummary,
    ImageValidation,
    RuleOutcome,
)

__all__ = [
    "AsyncFirewall",
    "Firewall",
    "FirewallBadResponse",
    "FirewallCannotDecide",
    "FirewallConnectionError",
    "FirewallError",
    "FirewallNotAuthorised",
    "FirewallProjectNotFound",
    "FirewallRateLimited",
    "FirewallRequestRejected",
    "FirewallServerError",
    "FirewallTimeout",
    "FirewallVerdict",
    "ImageFirewall",
    "ImageSummary",
    "ImageValidation",
    "Integration",
    "RuleOutcome",
]
