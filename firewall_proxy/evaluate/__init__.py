"""Evaluators: payload -> findings (second step of the flow)."""

from firewall_proxy.evaluate.base import CannotDecide, EvalContext, Evaluator, EvaluatorOptions

__all__ = ["CannotDecide", "EvalContext", "Evaluator", "EvaluatorOptions"]
