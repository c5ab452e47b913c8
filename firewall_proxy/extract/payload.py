"""The typed payload an extractor makes of a request, and that evaluators read.

Flow position: request -> **extract** -> evaluate. Every text or image carries
a ``target`` JSON pointer back into the request document so that an
``impute`` verdict can rewrite exactly that field and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["ImagePart", "Payload", "TextPart", "TextRole"]

TextRole = Literal["user", "system", "assistant", "document", "tool"]
"""What a text is to the application.

- ``user``: something the end user wrote (every user turn, not only the last).
- ``system``: the application's own instructions.
- ``assistant``: the model's previous turn, given as *context* (never an attack).
- ``document``: content the application fetched (retrieved pages, files):
  the place for indirect injection.
- ``tool``: a tool/function result fed back to the model (also indirect).
"""


@dataclass(slots=True)
class TextPart:
    """One text of the request.

    ``target`` is the JSON pointer of the string in the request document
    (``""`` when the whole body is the text). ``turn`` orders conversation
    turns (0 = first message).
    """

    text: str
    role: TextRole = "user"
    target: str = ""
    turn: int = 0


@dataclass(slots=True)
class ImagePart:
    """One image of the request: bytes already decoded from base64/data URL/multipart,
    or a path (datapoint JSON) that the image evaluator resolves under its root."""

    data: bytes | None = None
    path: str | None = None
    media_type: str | None = None
    target: str = ""
    form_field: str | None = None


@dataclass(slots=True)
class Payload:
    """What an extractor found in one request.

    ``document`` is the parsed JSON body (when the body is JSON) that fixes are
    applied to; ``body`` is the raw request body. ``probabilities`` is the
    image model's predicted class distribution when the request carries one.
    ``meta`` holds small extractor facts (model name, stream flag) for events.
    """

    texts: list[TextPart] = field(default_factory=list)
    images: list[ImagePart] = field(default_factory=list)
    probabilities: list[float] | None = None
    document: Any = None
    body: bytes = b""
    content_type: str = ""
    meta: dict[str, Any] = field(default_factory=dict)

    def user_texts(self) -> list[TextPart]:
        return [t for t in self.texts if t.role == "user"]

    def context(self) -> str | None:
        """The previous assistant turn, if any (context for the last user turn)."""
        for t in reversed(self.texts):
            if t.role == "assistant":
                return t.text
        return None

    @property
    def total_chars(self) -> int:
        return sum(len(t.text) for t in self.texts)

    @classmethod
    def from_text(cls, text: str, *, context: str | None = None) -> Payload:
        """A payload for one prompt, as ``scan`` and the verdict API build it."""
        texts: list[TextPart] = []
        if context:
            texts.append(TextPart(context, role="assistant", target="/agent_prompt", turn=0))
        texts.append(TextPart(text, role="user", target="/prompt", turn=len(texts)))
        doc: dict[str, Any] = {"prompt": text}
        if context:
            doc["agent_prompt"] = context
        return cls(texts=texts, document=doc)
