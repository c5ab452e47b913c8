"""A chat endpoint protected by FirewallMiddleware.

Run:   .venv/bin/uvicorn examples.starlette_app:app --port 8000
Try:   curl -s localhost:8000/v1/chat/completions -H 'content-type: application/json' \
         -d '{"messages":[{"role":"user","content":"hello"}]}'
The same code works with FastAPI: ``app.add_middleware(FirewallMiddleware, policy=...)``.
"""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from firewall_proxy import FirewallMiddleware

POLICY = Path(__file__).resolve().parents[1] / "policies" / "default.yaml"


async def chat(request: Request) -> JSONResponse:
    body = await request.json()
    question = body["messages"][-1]["content"]
    # The firewall's decision is visible to the app too (flag / impute).
    action = request.headers.get("x-firewall-action", "pass")
    return JSONResponse(
        {
            "choices": [
                {"message": {"role": "assistant", "content": f"({action}) You asked: {question}"}}
            ]
        }
    )


app = Starlette(
    routes=[Route("/v1/chat/completions", chat, methods=["POST"])],
    middleware=[Middleware(FirewallMiddleware, policy=POLICY)],
)
