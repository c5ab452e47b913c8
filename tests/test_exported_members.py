from __future__ import annotations

import firewall_proxy


def test_public_names_are_exactly_all() -> None:
    public = {name for name in dir(firewall_proxy) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(firewall_proxy, name)).__name__ == "module"}
    assert public - modules == set(firewall_proxy.__all__)


def test_every_exported_name_resolves() -> None:
    for name in firewall_proxy.__all__:
        assert getattr(firewall_proxy, name) is not None
