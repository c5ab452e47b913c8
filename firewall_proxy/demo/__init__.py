"""A small bundled AI app to put the firewall in front of (``firewall-proxy serve --demo``)."""

from firewall_proxy.demo.app import create_demo_app

__all__ = ["create_demo_app"]
