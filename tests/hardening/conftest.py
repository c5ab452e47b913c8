"""Hypothesis settings for the fuzz tests of this package.

One profile, ``hardening``: derandomized (the same examples on every run, so CI
cannot fail by chance and a failure reproduces), no per-example deadline (a slow
machine must not turn into a flaky test; running time is measured by
``bench/fuzz.py``, not asserted), no example database written into the tree, and a
bounded number of examples so the fuzz tests together stay well under a minute.
Each test applies it with ``@settings(parent=settings.get_profile("hardening"))``
rather than loading it globally, which would change other packages' hypothesis tests.

The long, coverage-guided part of the fuzzing is ``bench/fuzz.py`` (atheris).
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

settings.register_profile(
    "hardening",
    derandomize=True,
    deadline=None,
    database=None,
    max_examples=60,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
