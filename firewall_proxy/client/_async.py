"""``AsyncFirewall``: the async verdict API client (one connection pool per instance).

Flow position: the application awaits :meth:`AsyncFirewall.eval` before handing a
prompt to its model, then decides itself what to do with the verdict.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any

import anyio
import httpx

from firewall_proxy.client._models import FirewallVerdict, Integration
from firewall_proxy.client._protocol import (
    Retry,
    headers_for,
    interpret,
    prompt_body,
    transport_error,
)

__all__ = ["AsyncFirewall"]


class AsyncFirewall:
    """``await AsyncFirewall(Integration(...)).eval(prompt)`` -> :class:`FirewallVerdict`.

    Reuses connections across calls; close it (or use it as a context manager)
    when done. Raises a :class:`~firewall_proxy.client.FirewallError` subclass
    for every outcome that is not a verdict.
    """

    def __init__(
        self, integration: Integration, *, client: httpx.AsyncClient | None = None
    ) -> None:
        self.integration = integration
        self._owns_client = client is None
        self._client = client or httpx.AsyncClient(
            timeout=httpx.Timeout(integration.timeout, connect=integration.connect_timeout),
            follow_redirects=False,
            trust_env=False,
        )

    async def eval(self, user_prompt: str, agent_prompt: str | None = None) -> FirewallVerdict:
        """Evaluate one user prompt (with the assistant's previous turn as context)."""
        return await self._post(prompt_body(user_prompt, agent_prompt))

    async def eval_messages(self, messages: list[dict[str, Any]]) -> FirewallVerdict:
        """Evaluate an OpenAI-style conversation (every user turn is inspected)."""
        return await self._post({"messages": messages})

    async def _post(self, body: dict[str, Any]) -> FirewallVerdict:
        integration = self.integration
        headers = headers_for(integration)
        attempt = 0
        while True:
            try:
                response = await self._client.post(integration.endpoint, json=body, headers=headers)
                outcome: FirewallVerdict | Retry = interpret(integration, response, attempt)
            except httpx.HTTPError as exc:
                outcome = transport_error(integration, exc, attempt)
                if outcome.delay is None:
                    raise outcome.error from exc
            if isinstance(outcome, FirewallVerdict):
                return outcome
            if outcome.delay is None:
                raise outcome.error
            await anyio.sleep(outcome.delay)
            attempt += 1

    async def aclose(self) -> None:
        if self._owns_client:
            await self._client.aclose()

    async def __aenter__(self) -> AsyncFirewall:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
