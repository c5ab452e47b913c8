"""Batch evaluation ("continuous tests"): run a policy over data sets and traffic logs.

The same extract -> evaluate -> decide path as live traffic, fed from files
instead of requests, and summarised into a report a team reads and a CI gates
on (``firewall-proxy test``)::

    sources ──► rows ──► runner (engine, N processes) ──► Collector ──► report
    (JSONL, CSV,  (payload,  (results in input order)      (metrics,       ├─ table
     images,       label,                                    bins, drift)   ├─ JSON / HTML
     events)       time)                                                    └─ gates
"""

from __future__ import annotations

from firewall_proxy.batch.bins import DriftThresholds
from firewall_proxy.batch.columns import Columns
from firewall_proxy.batch.gates import Gate, GateResult, check_gates, parse_gate
from firewall_proxy.batch.html import render_html
from firewall_proxy.batch.report import REPORT_FORMAT, Collector, load_baseline
from firewall_proxy.batch.rows import RowResult, row_payload, run_row
from firewall_proxy.batch.runner import default_workers, run_records
from firewall_proxy.batch.sources import Record, count_records, iter_jsonl, iter_source
from firewall_proxy.batch.table import render_table

__all__ = [
    "REPORT_FORMAT",
    "Collector",
    "Columns",
    "DriftThresholds",
    "Gate",
    "GateResult",
    "Record",
    "RowResult",
    "check_gates",
    "count_records",
    "default_workers",
    "iter_jsonl",
    "iter_source",
    "load_baseline",
    "parse_gate",
    "render_html",
    "render_table",
    "row_payload",
    "run_records",
    "run_row",
]
