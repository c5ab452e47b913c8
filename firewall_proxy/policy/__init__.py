"""Policy files: loading (with file/line errors) and the typed models."""

from firewall_proxy.policy.loader import load_policy, load_policy_text
from firewall_proxy.policy.models import Policy

__all__ = ["Policy", "load_policy", "load_policy_text"]
