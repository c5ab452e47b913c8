"""Payload extraction: request -> typed :class:`Payload` (first step of the flow)."""

from firewall_proxy.extract.payload import ImagePart, Payload, TextPart, TextRole

__all__ = ["ImagePart", "Payload", "TextPart", "TextRole"]
