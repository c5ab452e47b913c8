"""Prometheus metrics: counted on the request path, rendered at ``/metrics``.

Flow position: beside **enforce** and **events**. The middleware calls
:meth:`Metrics.observe_verdict` once per inspected request and the proxy calls
:meth:`Metrics.observe_upstream` once per upstream answer; ``/metrics``
(:class:`MetricsApp`) renders the Prometheus text format (version 0.0.4),
with the event writer's counters and the state of each policy in force (hot
reloads, :mod:`firewall_proxy.reload`).

Recording is plain ``dict`` and ``list`` arithmetic on the event loop (no locks:
asyncio runs one callback at a time), about a microsecond per request; see
``bench/metrics.py`` for the comparison with ``prometheus_client``. Each worker
process has its own counters; Prometheus sums them per target as usual.
Passing requests are counted here, never stored as events.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Protocol

from firewall_proxy.enforce.asgi import Receive, Scope, Send
from firewall_proxy.findings import Verdict

__all__ = ["LATENCY_BUCKETS", "Histogram", "Metrics", "MetricsApp"]

#: Seconds. Evaluators run from microseconds (patterns) to seconds (an LLM judge).
LATENCY_BUCKETS: tuple[float, ...] = (
    0.0005,
    0.001,
    0.0025,
    0.005,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    1.0,
    2.5,
    5.0,
    10.0,
)


class _SinkLike(Protocol):
    """What metrics read from the event writer (:class:`~firewall_proxy.events.QueueSink`)."""

    @property
    def depth(self) -> int: ...


class _PolicyLike(Protocol):
    """What metrics read of a policy in force (:class:`~firewall_proxy.reload.PolicyStatus`)."""

    @property
    def scope(self) -> str: ...
    @property
    def project(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def hash(self) -> str: ...
    @property
    def loaded_at(self) -> float: ...
    @property
    def reloads_ok(self) -> int: ...
    @property
    def reloads_error(self) -> int: ...
    @property
    def last_reload_ok(self) -> bool: ...


class Histogram:
    """A Prometheus histogram: per-bucket counts, cumulated only when rendered."""

    __slots__ = ("bounds", "count", "counts", "sum")

    def __init__(self, bounds: tuple[float, ...] = LATENCY_BUCKETS) -> None:
        self.bounds = bounds
        self.counts = [0] * (len(bounds) + 1)  # the last slot is +Inf
        self.sum = 0.0
        self.count = 0

    def observe(self, value: float) -> None:
        # bisect_left: a value equal to a bound belongs to that bucket (le is inclusive).
        self.counts[bisect_left(self.bounds, value)] += 1
        self.sum += value
        self.count += 1

    def lines(self, name: str, labels: str) -> Iterable[str]:
        sep = "," if labels else ""
        running = 0
        for bound, n in zip(self.bounds, self.counts, strict=False):
            running += n
            yield f'{name}_bucket{{{labels}{sep}le="{_num(bound)}"}} {running}'
        yield f'{name}_bucket{{{labels}{sep}le="+Inf"}} {self.count}'
        braces = f"{{{labels}}}" if labels else ""
        yield f"{name}_sum{braces} {_num(self.sum)}"
        yield f"{name}_count{braces} {self.count}"


class Metrics:
    """All counters of one server process. Pass one instance to the middleware and proxy."""

    def __init__(
        self, *, events: object | None = None, policies: Sequence[_PolicyLike] = ()
    ) -> None:
        self.requests: dict[tuple[str, str, str], int] = {}
        self.findings: dict[tuple[str, str], int] = {}
        self.undecided: dict[str, int] = {}
        self.evaluator_seconds: dict[str, Histogram] = {}
        self.decision_seconds = Histogram()
        self.upstream_seconds = Histogram()
        self.upstream_responses: dict[str, int] = {}
        self.upstream_errors: dict[str, int] = {}
        self.events = events
        self.policies = policies

    # -- the request path -------------------------------------------------------------

    def observe_request(self, project: str, route: str, action: str) -> None:
        key = (project, route, action)
        self.requests[key] = self.requests.get(key, 0) + 1

    def observe_verdict(self, project: str, route: str, verdict: Verdict) -> None:
        """Count one inspected request, its findings and its evaluators' latencies."""
        key = (project, route, verdict.action.value)
        self.requests[key] = self.requests.get(key, 0) + 1
        for finding in verdict.findings:
            fkey = (project, str(finding.category))
            self.findings[fkey] = self.findings.get(fkey, 0) + 1
        for undecided in verdict.undecided:
            name = undecided.evaluator
            self.undecided[name] = self.undecided.get(name, 0) + 1
        for name, ms in verdict.evaluator_ms.items():
            hist = self.evaluator_seconds.get(name)
            if hist is None:
                hist = self.evaluator_seconds[name] = Histogram()
            hist.observe(ms / 1000.0)
        if verdict.latency_ms:
            self.decision_seconds.observe(verdict.latency_ms / 1000.0)

    def observe_upstream(self, seconds: float, status: int) -> None:
        """One upstream answer (time to response headers) and its status class."""
        self.upstream_seconds.observe(seconds)
        klass = f"{status // 100}xx"
        self.upstream_responses[klass] = self.upstream_responses.get(klass, 0) + 1

    def observe_upstream_error(self, code: str) -> None:
        self.upstream_errors[code] = self.upstream_errors.get(code, 0) + 1

    # -- rendering -----------------------------------------------------------------------

    def render(self) -> str:
        out: list[str] = []

        def family(name: str, kind: str, doc: str) -> None:
            out.append(f"# HELP {name} {doc}")
            out.append(f"# TYPE {name} {kind}")

        family(
            "firewall_requests_total",
            "counter",
            "Requests inspected, by project, policy route and decided action.",
        )
        for (project, route, action), n in sorted(self.requests.items()):
            labels = _labels(project=project, route=route, action=action)
            out.append(f"firewall_requests_total{{{labels}}} {n}")
        family("firewall_findings_total", "counter", "Findings by project and category.")
        for (project, category), n in sorted(self.findings.items()):
            out.append(
                f"firewall_findings_total{{{_labels(project=project, category=category)}}} {n}"
            )
        family(
            "firewall_undecided_total",
            "counter",
            "Evaluator runs that could not decide (error, timeout, no answer).",
        )
        for name, n in sorted(self.undecided.items()):
            out.append(f"firewall_undecided_total{{{_labels(evaluator=name)}}} {n}")
        family("firewall_evaluator_seconds", "histogram", "Time each evaluator took per request.")
        for name, hist in sorted(self.evaluator_seconds.items()):
            out.extend(hist.lines("firewall_evaluator_seconds", _labels(evaluator=name)))
        family(
            "firewall_decision_seconds",
            "histogram",
            "Time from payload to decision (all evaluators and the policy).",
        )
        out.extend(self.decision_seconds.lines("firewall_decision_seconds", ""))
        family(
            "firewall_upstream_seconds",
            "histogram",
            "Time until the upstream app's response headers arrived.",
        )
        out.extend(self.upstream_seconds.lines("firewall_upstream_seconds", ""))
        family("firewall_upstream_responses_total", "counter", "Upstream responses by status.")
        for klass, n in sorted(self.upstream_responses.items()):
            out.append(f"firewall_upstream_responses_total{{{_labels(status=klass)}}} {n}")
        family(
            "firewall_upstream_errors_total",
            "counter",
            "Upstream requests that failed (unreachable, timeout).",
        )
        for code, n in sorted(self.upstream_errors.items()):
            out.append(f"firewall_upstream_errors_total{{{_labels(code=code)}}} {n}")
        self._render_events(out)
        self._render_policies(out)
        return "\n".join(out) + "\n"

    def _render_policies(self, out: list[str]) -> None:
        """Hot-reload state of each policy in force (``scope``: proxy routes or verdict API)."""
        if not self.policies:
            return
        _head(
            out,
            "firewall_policy_reloads_total",
            "counter",
            "Policy reloads (file change or SIGHUP) by result; on error the old policy stays.",
        )
        for p in self.policies:
            for result, n in (("ok", p.reloads_ok), ("error", p.reloads_error)):
                labels = _labels(scope=p.scope, project=p.project, result=result)
                out.append(f"firewall_policy_reloads_total{{{labels}}} {n}")
        _head(
            out,
            "firewall_policy_last_reload_success",
            "gauge",
            "1 if the last reload of the policy succeeded (or none was tried), else 0.",
        )
        for p in self.policies:
            labels = _labels(scope=p.scope, project=p.project)
            out.append(f"firewall_policy_last_reload_success{{{labels}}} {int(p.last_reload_ok)}")
        _head(
            out,
            "firewall_policy_loaded_timestamp_seconds",
            "gauge",
            "Unix time the policy in force was loaded.",
        )
        for p in self.policies:
            labels = _labels(scope=p.scope, project=p.project)
            out.append(f"firewall_policy_loaded_timestamp_seconds{{{labels}}} {_num(p.loaded_at)}")
        _head(
            out,
            "firewall_policy_info",
            "gauge",
            "The policy in force: its name and the SHA-256 (first 16 hex digits) of its file.",
        )
        for p in self.policies:
            labels = _labels(scope=p.scope, project=p.project, name=p.name, hash=p.hash)
            out.append(f"firewall_policy_info{{{labels}}} 1")

    def _render_events(self, out: list[str]) -> None:
        sink = self.events
        if sink is None or not hasattr(sink, "depth"):
            return
        stats = getattr(sink, "stats", None)
        rows: list[tuple[str, str, str, float]] = [
            (
                "firewall_events_queue_depth",
                "gauge",
                "Events waiting for the store.",
                float(sink.depth),
            ),
        ]
        if stats is not None:
            rows += [
                (
                    "firewall_events_written_total",
                    "counter",
                    "Events written to the store.",
                    stats.written,
                ),
                (
                    "firewall_events_store_errors_total",
                    "counter",
                    "Failed store writes (each batch is kept and retried).",
                    stats.store_errors,
                ),
                (
                    "firewall_events_dropped_total",
                    "counter",
                    "Events that could not be kept (queue full with overflow: drop, spill file "
                    "not writable); each incident is logged.",
                    stats.dropped,
                ),
                (
                    "firewall_events_spilled_total",
                    "counter",
                    "Events spilled to the local overflow file.",
                    stats.spilled,
                ),
                (
                    "firewall_events_replayed_total",
                    "counter",
                    "Spilled events replayed into the store.",
                    stats.replayed,
                ),
                (
                    "firewall_events_store_up",
                    "gauge",
                    "1 while the last store write succeeded.",
                    1.0 if stats.store_ok else 0.0,
                ),
            ]
        for name, kind, doc, value in rows:
            out.append(f"# HELP {name} {doc}")
            out.append(f"# TYPE {name} {kind}")
            out.append(f"{name} {_num(float(value))}")


class MetricsApp:
    """ASGI app serving ``Metrics.render()`` to ``GET /metrics``."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        if scope["method"] not in ("GET", "HEAD"):
            status, body, ctype = 405, b"method not allowed\n", b"text/plain; charset=utf-8"
        else:
            status, ctype = 200, b"text/plain; version=0.0.4; charset=utf-8"
            body = self.metrics.render().encode()
        headers = [
            (b"content-type", ctype),
            (b"content-length", str(len(body)).encode()),
            (b"cache-control", b"no-store"),
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send(
            {"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body}
        )


def _head(out: list[str], name: str, kind: str, doc: str) -> None:
    out.append(f"# HELP {name} {doc}")
    out.append(f"# TYPE {name} {kind}")


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _labels(**labels: str) -> str:
    return ",".join(f'{k}="{_escape(v)}"' for k, v in labels.items())


def _num(value: float) -> str:
    return repr(float(value)) if value != int(value) else f"{int(value)}.0"
