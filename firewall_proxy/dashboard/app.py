"""The dashboard: non-passing events graphed, counted, listed and shown, behind an admin token.

Flow position: events -> store -> **dashboard** (read only). Server-rendered
Jinja2 templates and SVG charts; the pages carry no script at all and load
nothing from elsewhere (the Content-Security-Policy says so). All routes live
under ``prefix`` (``/firewall/ui``): hand the app every request whose path
starts with it, unchanged.

Access: ``Authorization: Bearer <token>``, ``X-Admin-Token: <token>``, or the
cookie the login form sets (an HMAC of the token, never the token itself).
Without one, every page answers 401 with the login form.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route

from firewall_proxy.dashboard.charts import PALETTE, Series, line_chart
from firewall_proxy.events.store import EventQuery, SQLStore
from firewall_proxy.findings import Action

__all__ = ["COOKIE", "RANGES", "build_dashboard_app"]

COOKIE = "fp_dashboard"
#: range name -> (bucket width in seconds, number of buckets)
RANGES: dict[str, tuple[int, int]] = {
    "hour": (60, 60),
    "day": (1800, 48),
    "week": (7200, 84),
}
_ACTIONS = [a.value for a in Action if a is not Action.PASS]
_HEADERS = {
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
    "x-frame-options": "DENY",
}


class _BadParam(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _session_value(token: str) -> str:
    return hmac.new(token.encode(), b"firewall-proxy dashboard session", hashlib.sha256).hexdigest()


def _same(given: str, expected: str) -> bool:
    """Constant-time comparison. On bytes: ``compare_digest`` raises on a non-ASCII str,
    and a token like 'töken' must be a 401, not a 500."""
    return hmac.compare_digest(
        given.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass")
    )


def _authorized(request: Request, token: str, session: str) -> bool:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer ") and _same(auth[7:].strip(), token):
        return True
    header = request.headers.get("x-admin-token")
    if header is not None and _same(header, token):
        return True
    cookie = request.cookies.get(COOKIE)
    return cookie is not None and _same(cookie, session)


def _text(request: Request, name: str, limit: int = 128) -> str | None:
    value = request.query_params.get(name, "").strip()
    if len(value) > limit or not value.isprintable():
        raise _BadParam(name, f"'{name}' must be printable text of at most {limit} characters")
    return value or None


def _int(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise _BadParam(name, f"'{name}' must be a whole number") from None
    if not low <= value <= high:
        raise _BadParam(name, f"'{name}' must be between {low} and {high}")
    return value


def build_dashboard_app(
    store: SQLStore, admin_token: str | None, *, prefix: str = "/firewall/ui", page_size: int = 50
) -> Starlette:
    """The dashboard ASGI app reading ``store``; with no token it answers 404 to everything."""
    prefix = "/" + prefix.strip("/")
    if not admin_token:

        async def disabled(request: Request) -> Response:
            return PlainTextResponse("the dashboard is off: configure an admin token", 404)

        return Starlette(routes=[Mount(prefix, routes=[Route("/{rest:path}", disabled)])])

    token = admin_token
    session = _session_value(token)
    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["when"] = lambda ts: dt.datetime.fromtimestamp(ts, dt.UTC).strftime(
        "%Y-%m-%d %H:%M:%S UTC"
    )

    def render(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        html = env.get_template(name).render(prefix=prefix, **ctx)
        return HTMLResponse(html, status, headers=_HEADERS)

    def login_page(request: Request, error: str = "", status: int = 401) -> HTMLResponse:
        return render(request, "login.html", status, error=error)

    def guarded(handler: Any) -> Any:
        async def endpoint(request: Request) -> Response:
            if not _authorized(request, token, session):
                return login_page(request)
            try:
                response: Response = await handler(request)
            except _BadParam as exc:
                return render(request, "error.html", 400, field=exc.field, message=exc.message)
            return response

        return endpoint

    async def index(request: Request) -> Response:
        range_name = request.query_params.get("range") or "day"
        if range_name not in RANGES:
            raise _BadParam("range", f"'range' must be one of: {', '.join(RANGES)}")
        action = _text(request, "action")
        if action is not None and action not in _ACTIONS:
            raise _BadParam("action", f"'action' must be one of: {', '.join(_ACTIONS)}")
        project, category = _text(request, "project"), _text(request, "category")
        page = _int(request, "page", 1, 1, 1_000_000)
        width, count = RANGES[range_name]
        end = math.ceil(time.time() / width) * width
        start = float(end - width * count)
        q = EventQuery(project=project, action=action, category=category, since=start)
        listing = await run_in_threadpool(
            store.query, q, limit=page_size, offset=(page - 1) * page_size
        )
        counts = await run_in_threadpool(store.category_counts, q)
        buckets = await run_in_threadpool(store.buckets, q, start, float(width), count)
        projects = await run_in_threadpool(store.projects)
        by_cat = [
            Series(name, values, PALETTE[i % len(PALETTE)])
            for i, (name, values) in enumerate(sorted(buckets.by_category.items()))
        ]
        by_action = [
            Series(name, values, _ACTION_COLORS.get(name, "#555555"))
            for name, values in sorted(buckets.by_action.items())
        ]
        filters = {
            "range": range_name,
            "project": project or "",
            "action": action or "",
            "category": category or "",
        }
        pages = max(1, math.ceil(listing.total / page_size))

        def link(**changes: Any) -> str:
            params = {k: v for k, v in {**filters, **changes}.items() if v not in ("", None, 1)}
            return f"{prefix}/" + (f"?{urlencode(params)}" if params else "")

        return render(
            request,
            "index.html",
            chart_category=line_chart(
                "chart-category", by_cat, start, width, count, "Non-passing events by category"
            ),
            chart_action=line_chart(
                "chart-action", by_action, start, width, count, "Non-passing events by action"
            ),
            legend_category=by_cat,
            legend_action=by_action,
            counts=counts,
            page=listing,
            page_number=page,
            pages=pages,
            filters=filters,
            ranges=list(RANGES),
            actions=_ACTIONS,
            projects=projects,
            categories=sorted(set(counts) | ({category} if category else set())),
            link=link,
        )

    async def detail(request: Request) -> Response:
        event_id = request.path_params["event_id"]
        event = await run_in_threadpool(store.get, event_id) if len(event_id) <= 64 else None
        if event is None:
            return render(
                request, "error.html", 404, field="event", message=f"no event with id {event_id!r}"
            )
        return render(request, "event.html", event=event)

    async def login(request: Request) -> Response:
        if request.method == "GET":
            if _authorized(request, token, session):
                return RedirectResponse(f"{prefix}/", 303)
            return login_page(request, status=200)
        form = await request.form()
        given = form.get("token")
        if not isinstance(given, str) or not _same(given, token):
            return login_page(request, "That token is not right.")
        response = RedirectResponse(f"{prefix}/", 303, headers=_HEADERS)
        response.set_cookie(
            COOKIE,
            session,
            max_age=12 * 3600,
            path=prefix,
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
        )
        return response

    async def logout(request: Request) -> Response:
        response = RedirectResponse(f"{prefix}/login", 303, headers=_HEADERS)
        response.delete_cookie(COOKIE, path=prefix)
        return response

    routes = [
        Route("/", guarded(index)),
        Route("/events/{event_id}", guarded(detail)),
        Route("/login", login, methods=["GET", "POST"]),
        Route("/logout", logout, methods=["POST"]),
    ]
    return Starlette(routes=[Mount(prefix, routes=routes)])


_ACTION_COLORS = {"flag": "#E69F00", "impute": "#0072B2", "block": "#D55E00"}
