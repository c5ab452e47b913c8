"""The ``firewall-proxy`` command line."""
