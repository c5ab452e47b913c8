"""The image firewall's machinery: safe decoding, property measurement, fitted
rules, imputation.

Flow position: used by the ``image_quality`` / ``prediction`` evaluators
(``firewall_proxy.evaluate.image``), ``firewall-proxy fit images``
(``firewall_proxy.cli.fit``) and the in-process ``ImageFirewall`` client::

    bytes ──► decode ──► properties ──► rules (check) ──► findings / impute
    reference images ──► reference ──► fitting (bounds, exposure, synthetic) ──► rules.json

Nothing is imported here: Pillow and numpy load only when an image is checked.
"""

from __future__ import annotations

__all__: list[str] = []
