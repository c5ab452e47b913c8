"""The events dashboard, mounted by ``firewall-proxy serve`` at ``/firewall/ui``.

Flow position: events -> store -> **dashboard** (read only).
"""

from firewall_proxy.dashboard.app import COOKIE, RANGES, build_dashboard_app

__all__ = ["COOKIE", "RANGES", "build_dashboard_app"]
