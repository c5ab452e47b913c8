"""The OpenAPI 3.1 document of the verdict API, served at ``/firewall/openapi.json``.

Flow position: documentation of the verdict API surface; no request flows
through here. Written out by hand (not generated) so it says exactly what the
handlers in :mod:`firewall_proxy.api.app` accept and answer; a schemathesis
test keeps the two in step.
"""

from __future__ import annotations

from typing import Any

from firewall_proxy.api.projects import PROJECT_ID_PATTERN

__all__ = ["openapi_document"]

_TEXT = {"type": "string"}
_MESSAGE_PART = {
    "oneOf": [
        {
            "type": "object",
            "required": ["type", "text"],
            "properties": {"type": {"const": "text"}, "text": _TEXT},
        },
        {
            "type": "object",
            "required": ["type", "image_url"],
            "description": "An image: a base64 data URL is evaluated; a remote URL is noted.",
            "properties": {
                "type": {"const": "image_url"},
                "image_url": {
                    "type": "object",
                    "required": ["url"],
                    "properties": {"url": {"type": "string", "pattern": "^https?://"}},
                },
            },
        },
    ],
}
_MESSAGE = {
    "type": "object",
    "required": ["role", "content"],
    "properties": {
        "role": {"enum": ["system", "developer", "user", "assistant", "tool", "function"]},
        "content": {"anyOf": [_TEXT, {"type": "array", "minItems": 1, "items": _MESSAGE_PART}]},
    },
}
_BASE64 = {
    "type": "string",
    "format": "byte",
    "minLength": 4,
    "description": "Base64 image bytes (or a base64 data URL).",
}

_PROMPT_REQUEST = {
    "type": "object",
    "description": "One prompt (ai+me shape) or an OpenAI-style conversation, optionally "
    "with an image. With both 'prompt' and 'messages', 'prompt' is evaluated.",
    "properties": {
        "prompt": {**_TEXT, "description": "The end user's prompt."},
        "agent_prompt": {
            "type": ["string", "null"],
            "description": "The assistant's previous turn, as context.",
        },
        "messages": {"type": "array", "minItems": 1, "items": _MESSAGE},
        "image": _BASE64,
    },
    "anyOf": [{"required": ["prompt"]}, {"required": ["messages"]}, {"required": ["image"]}],
}
_DATAPOINT = {
    "type": "object",
    "description": "An image-classification datapoint: the image (or its path under the "
    "server's image root) and the model's predicted probabilities.",
    "properties": {
        "image": _BASE64,
        "image_path": {"type": "string", "minLength": 1},
        "probabilities": {"type": "array", "items": {"type": "number"}},
        "label": {"type": ["string", "number"]},
    },
    "anyOf": [
        {"required": ["image"]},
        {"required": ["image_path"]},
        {"required": ["probabilities"]},
    ],
}
_ANSWER = {
    "type": "object",
    "required": [
        "id",
        "status",
        "action",
        "fail_category",
        "explanation",
        "confidence",
        "findings",
        "latency_ms",
    ],
    "properties": {
        "id": {"type": "string", "description": "Verdict (event) id, or the request id."},
        "status": {"type": "boolean", "description": "True when the input may proceed."},
        "action": {
            "enum": ["pass", "flag", "impute", "block", None],
            "description": "The policy's action; null on errors.",
        },
        "fail_category": {
            "type": ["string", "null"],
            "description": "Deciding category (off_topic, violation, "
            "restriction, injection, jailbreak, harmful, pii, ...) or error code.",
        },
        "explanation": {
            "type": "string",
            "description": "Human explanation; with "
            "api.compat aiandme: the category token (pass, off_topic, ...).",
        },
        "reason": {"type": "string", "description": "aiandme shape: the human explanation."},
        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        "findings": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["category", "score", "explanation", "evaluator"],
                "properties": {
                    "category": _TEXT,
                    "score": {"type": "number"},
                    "explanation": _TEXT,
                    "evaluator": _TEXT,
                },
            },
        },
        "latency_ms": {"type": "number", "minimum": 0},
        "imputed": {"description": "For impute verdicts: the corrected request body."},
        "error": {
            "type": "object",
            "properties": {
                "status": {"type": "integer"},
                "code": _TEXT,
                "message": _TEXT,
                "field": {"type": ["string", "null"]},
            },
        },
    },
}


def _responses() -> dict[str, Any]:
    answer = {"application/json": {"schema": {"$ref": "#/components/schemas/Answer"}}}
    described = {
        "200": "Passed (pass, or flag: proceed and it is recorded; always 200 in shadow mode).",
        "401": "No API key, or an unknown or revoked one.",
        "403": "The API key is valid, but not for this project.",
        "404": "No such project on this server.",
        "406": "Not passed: see fail_category.",
        "413": "The body is larger than the project's limits.max_body_bytes.",
        "418": "The firewall cannot decide (an evaluator failed or timed out).",
        "422": "Malformed body; error.field names the field.",
        "429": "Over this key's rate limit; see the Retry-After header.",
    }
    out: dict[str, Any] = {
        code: {"description": text, "content": answer} for code, text in described.items()
    }
    out["429"]["headers"] = {
        "Retry-After": {
            "schema": {"type": "integer", "minimum": 1},
            "description": "Seconds to wait.",
        }
    }
    return out


def _operation(summary: str, op_id: str, content: dict[str, Any]) -> dict[str, Any]:
    return {
        "summary": summary,
        "operationId": op_id,
        "parameters": [
            {
                "name": "project_id",
                "in": "path",
                "required": True,
                "schema": {"type": "string", "pattern": PROJECT_ID_PATTERN},
            }
        ],
        "requestBody": {"required": True, "content": content},
        "responses": _responses(),
    }


def openapi_document(prefix: str = "/firewall") -> dict[str, Any]:
    """The OpenAPI document for routes mounted under ``prefix``."""
    multipart = {
        "schema": {
            "type": "object",
            "required": ["file"],
            "description": "Image files are evaluated as images, other fields as user texts.",
            "properties": {"file": {"type": "string", "format": "binary"}},
            "additionalProperties": {"type": "string"},
        },
        "encoding": {"file": {"contentType": "image/png, image/jpeg, image/webp"}},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "firewall-proxy verdict API",
            "version": "1",
            "description": "Ask the firewall for a verdict and decide yourself.",
        },
        "paths": {
            prefix + "/{project_id}": {
                "post": _operation(
                    "Evaluate a prompt, a conversation or an image",
                    "evaluate",
                    {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/PromptRequest"}
                        },
                        "multipart/form-data": multipart,
                    },
                )
            },
            prefix + "/{project_id}/images": {
                "post": _operation(
                    "Evaluate an image datapoint",
                    "evaluateImage",
                    {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Datapoint"}},
                        "multipart/form-data": multipart,
                        "image/*": {"schema": {"type": "string", "format": "binary"}},
                    },
                )
            },
        },
        "components": {
            "schemas": {
                "PromptRequest": _PROMPT_REQUEST,
                "Datapoint": _DATAPOINT,
                "Answer": _ANSWER,
            },
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "apiKey": {"type": "apiKey", "in": "header", "name": "X-Api-Key"},
            },
        },
        "security": [{"bearer": []}, {"apiKey": []}],
    }
