"""``Firewall``: the blocking verdict API client (one connection pool per instance).

Flow position: the application calls :meth:`Firewall.eval` before handing a
prompt to its model, then decides itself what to do with the verdict.
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import Any

import httpx

from firewall_proxy.client._models import FirewallVerdict, Integration
from firewall_proxy.client._protocol import (
    Retry,
    headers_for,
    interpret,
    prompt_body,
    transport_error,
)

__all__ = ["Firewall"]


class Firewall:
    """``Firewall(Integration(endpoint=..., api_key=...)).eval(prompt)`` -> a verdict.

    Reuses connections across calls; close it (or use it as a context manager)
    when done. Raises a :class:`~firewall_proxy.client.FirewallError` subclass
    for every outcome that is not a verdict.
    """

    def __init__(self, integration: Integration, *, client: httpx.Client | None = None) -> None:
        self.integration = integration
        self._owns_client = client is None
        self._client = client or httpx.Client(
            timeout=httpx.Timeout(integration.timeout, connect=integration.connect_timeout),
            follow_redirects=False,
            trust_env=False,
        )

    def eval(self, user_prompt: str, agent_prompt: str | None = None) -> FirewallVerdict:
        """Evaluate one user prompt (with the assistant's previous turn as context)."""
        return self._post(prompt_body(user_prompt, agent_prompt))

    def eval_messages(self, messages: list[dict[str, Any]]) -> FirewallVerdict:
        """Evaluate an OpenAI-style conversation (every user turn is inspected)."""
        return self._post({"messages": messages})

    def _post(self, body: dict[str, Any]) -> FirewallVerdict:
        integration = self.integration
        headers = headers_for(integration)
        attempt = 0
        while True:
            try:
                response = self._client.post(integration.endpoint, json=body, headers=headers)
                outcome: FirewallVerdict | Retry = interpret(integration, response, attempt)
            except httpx.HTTPError as exc:
                outcome = transport_error(integration, exc, attempt)
                if outcome.delay is None:
                    raise outcome.error from exc
            if isinstance(outcome, FirewallVerdict):
                return outcome
            if outcome.delay is None:
                raise outcome.error
            time.sleep(outcome.delay)
            attempt += 1

    def close(self) -> None:
        if self._owns_client:
            self._client.close()

    def __enter__(self) -> Firewall:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
