from __future__ import annotations

import base64

import orjson
import pytest

from firewall_proxy import MalformedPayload
from firewall_proxy.extract.dispatch import extract

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\nfake").decode()


def _extract(kind: str, doc: object, **options: object) -> object:
    return extract(kind, orjson.dumps(doc), "application/json", dict(options))


def test_openai_extracts_every_user_turn_with_roles_and_pointers() -> None:
    doc = {
        "model": "gpt",
        "messages": [
            {"role": "system", "content": "You are a bank bot."},
            {"role": "user", "content": "first question"},
            {"role": "assistant", "content": "Which account?"},
            {"role": "tool", "content": "tool output"},
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "the second one"},
                    {"type": "image_url", "image_url": {"url": f"data:image/png;base64,{PNG}"}},
                ],
            },
        ],
    }
    payload = _extract("openai_chat", doc)
    roles = [(t.role, t.text, t.target) for t in payload.texts]
    assert roles == [
        ("system", "You are a bank bot.", "/messages/0/content"),
        ("user", "first question", "/messages/1/content"),
        ("assistant", "Which account?", "/messages/2/content"),
        ("tool", "tool output", "/messages/3/content"),
        ("user", "the second one", "/messages/4/content/0/text"),
    ]
    assert [t.text for t in payload.user_texts()] == ["first question", "the second one"]
    assert payload.context() == "Which account?"
    assert payload.images[0].data == b"\x89PNG\r\n\x1a\nfake"
    assert payload.images[0].media_type == "image/png"
    assert payload.images[0].target == "/messages/4/content/1/image_url/url"


@pytest.mark.parametrize(
    ("doc", "field"),
    [
        ([1, 2], "body"),
        ({"messages": "hi"}, "messages"),
        ({"messages": [{"role": "wizard", "content": "x"}]}, "messages[0].role"),
        ({"messages": [{"role": [[], 5.2], "content": "x"}]}, "messages[0].role"),
        ({"messages": [{"role": {"a": 1}, "content": "x"}]}, "messages[0].role"),
        ({"messages": [{"role": "user", "content": 5}]}, "messages[0].content"),
        (
            {"messages": [{"role": "user", "content": [{"type": "text", "text": 1}]}]},
            "messages[0].content[0].text",
        ),
        (
            {
                "messages": [
                    {
                        "role": "user",
                        "content": [
                            {"type": "image_url", "image_url": {"url": "data:image/png;base64,@@@"}}
                        ],
                    }
                ]
            },
            "messages[0].content[0].image_url.url",
        ),
    ],
)
def test_openai_malformed_bodies_name_the_field(doc: object, field: str) -> None:
    with pytest.raises(MalformedPayload) as info:
        _extract("openai_chat", doc)
    assert info.value.field == field


def test_invalid_json_is_malformed() -> None:
    with pytest.raises(MalformedPayload, match="not valid JSON"):
        extract("openai_chat", b"{", "application/json", {})
    with pytest.raises(MalformedPayload, match="empty"):
        extract("openai_chat", b"", "application/json", {})


def test_anthropic_system_turns_tool_results_and_images() -> None:
    doc = {
        "system": "Be brief.",
        "messages": [
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "look"},
                    {
                        "type": "image",
                        "source": {"type": "base64", "media_type": "image/png", "data": PNG},
                    },
                ],
            },
            {"role": "assistant", "content": "ok"},
            {
                "role": "user",
                "content": [{"type": "tool_result", "tool_use_id": "t", "content": "fetched page"}],
            },
        ],
    }
    payload = _extract("anthropic_messages", doc)
    assert [(t.role, t.text) for t in payload.texts] == [
        ("system", "Be brief."),
        ("user", "look"),
        ("assistant", "ok"),
        ("tool", "fetched page"),
    ]
    assert payload.images[0].target == "/messages/0/content/1/source/data"


def test_aiandme_prompt_and_agent_prompt() -> None:
    payload = _extract("aiandme", {"prompt": "yes, the second one", "agent_prompt": "Which?"})
    assert [(t.role, t.text) for t in payload.texts] == [
        ("assistant", "Which?"),
        ("user", "yes, the second one"),
    ]
    messages = _extract("aiandme", {"messages": [{"role": "user", "content": "hi"}]})
    assert [t.text for t in messages.texts] == ["hi"]
    with pytest.raises(MalformedPayload) as info:
        _extract("aiandme", {"prompt": 3})
    assert info.value.field == "prompt"


def test_json_pointer_fields_with_wildcards() -> None:
    doc = {"input": "main text", "docs": [{"body": "doc one"}, {"body": "doc two"}, {"x": 1}]}
    payload = _extract("json", doc, fields={"/input": "user", "/docs/*/body": "document"})
    assert [(t.role, t.text, t.target) for t in payload.texts] == [
        ("user", "main text", "/input"),
        ("document", "doc one", "/docs/0/body"),
        ("document", "doc two", "/docs/1/body"),
    ]
    with pytest.raises(MalformedPayload):
        _extract("json", {"other": 1}, fields={"/input": "user"}, required=True)


def test_datapoint_with_base64_path_and_probabilities() -> None:
    payload = _extract("datapoint", {"image": PNG, "probabilities": [0.2, 0.8], "label": "cat"})
    assert payload.images[0].data.startswith(b"\x89PNG")
    assert payload.probabilities == [0.2, 0.8]
    assert payload.meta["label"] == "cat"
    by_path = _extract("datapoint", {"image_path": "imgs/a.jpg"})
    assert by_path.images[0].path == "imgs/a.jpg"
    with pytest.raises(MalformedPayload) as info:
        _extract("datapoint", {"image": PNG, "probabilities": ["high"]})
    assert info.value.field == "probabilities"
    with pytest.raises(MalformedPayload) as info:
        _extract("datapoint", {"label": "x"})
    assert info.value.field == "image"


def test_raw_image_and_text_bodies() -> None:
    image = extract("image", b"\xff\xd8\xffjpeg", "image/jpeg", {})
    assert image.images[0].data == b"\xff\xd8\xffjpeg"
    assert image.images[0].media_type == "image/jpeg"
    text = extract("text", "héllo".encode(), "text/plain", {})
    assert text.texts[0].text == "héllo"
    with pytest.raises(MalformedPayload, match="UTF-8"):
        extract("text", b"\xff\xfe", "text/plain", {})


def _multipart(boundary: str, parts: list[tuple[str, str | None, str | None, bytes]]) -> bytes:
    out = b""
    for name, filename, ctype, data in parts:
        disp = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        out += f"--{boundary}\r\nContent-Disposition: {disp}\r\n".encode()
        if ctype:
            out += f"Content-Type: {ctype}\r\n".encode()
        out += b"\r\n" + data + b"\r\n"
    return out + f"--{boundary}--\r\n".encode()


def test_multipart_images_and_fields() -> None:
    body = _multipart(
        "XyZ",
        [("note", None, None, b"please classify"), ("file", "a.png", "image/png", b"\x89PNGdata")],
    )
    payload = extract("multipart", body, "multipart/form-data; boundary=XyZ", {})
    assert [t.text for t in payload.texts] == ["please classify"]
    assert payload.images[0].data == b"\x89PNGdata"
    assert payload.images[0].form_field == "file"
    with pytest.raises(MalformedPayload):
        extract("multipart", body[:-10], "multipart/form-data; boundary=XyZ", {})
    with pytest.raises(MalformedPayload) as info:
        extract("multipart", body, "multipart/form-data", {})
    assert info.value.field == "content-type"
