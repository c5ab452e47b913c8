"""Enforcement: apply a verdict to the request (middleware, proxy, responses)."""
