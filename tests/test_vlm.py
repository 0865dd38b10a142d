"""Vision-language backends: an OpenAI-compatible endpoint (a real HTTP server in the test that
speaks the chat-completions API: good, malformed, rate-limited, failing, unauthorised and slow
answers) and a local transformers model (a tiny random Qwen2.5-VL through the real processor,
chat template and generate())."""

from __future__ import annotations

import base64

import numpy as np
import pytest
from tiny_models import save_pretrained, tiny_qwen25_vl

from vipscene_sim.errors import UserError
from vipscene_sim.perceive.vocabulary import VocabularySettings, build_vocabulary
from vipscene_sim.vlm import LocalChat, OpenAIChat, VlmSettings, make_chat, parse_json

FRAMES = np.random.default_rng(0).integers(0, 255, (6, 90, 120, 3), dtype=np.uint8)


def _settings(url, **kw):
    return VlmSettings(backend="openai", model="test-vlm", base_url=url, backoff_s=0.01, timeout_s=2.0, **kw)


def test_openai_endpoint_gets_images_and_key_and_answers_are_parsed(serve, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    s = serve((200, 'Here you go:\n```json\n{"objects": ["bed", "desk lamp"]}\n```', 0, {}))
    chat = make_chat(_settings(s.url))
    assert isinstance(chat, OpenAIChat)
    terms, report = build_vocabulary(None, VocabularySettings(catalog=False, vlm_frames=3), chat, FRAMES)
    assert terms == ["bed", "desk lamp"] and report["vlm"]["parsed"]
    req = s.requests[0]
    assert req["path"] == "/v1/chat/completions" and req["auth"] == "Bearer sk-test"
    content = req["body"]["messages"][0]["content"]
    assert req["body"]["model"] == "test-vlm" and req["body"]["temperature"] == 0
    images = [c for c in content if c["type"] == "image_url"]
    assert len(images) == 3 and content[0]["type"] == "text"
    jpeg = base64.b64decode(images[0]["image_url"]["url"].split(",", 1)[1])
    assert jpeg[:2] == b"\xff\xd8"  # a real JPEG


def test_openai_endpoint_retries_rate_limits_and_server_errors(serve, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    s = serve((429, "slow down", 0, {"Retry-After": "0.05"}), (503, "busy", 0, {}), (200, '["sofa"]', 0, {}))
    chat = make_chat(_settings(s.url, retries=3))
    assert chat("list", FRAMES[:1]) == '["sofa"]' and chat.attempts == 3
    s = serve(*[(500, "down", 0, {})] * 3)
    with pytest.raises(UserError, match="no answer after 3 attempts.*HTTP 500"):
        make_chat(_settings(s.url, retries=2))("list", [])
    s = serve((200, "late", 3.0, {}), (200, '["bed"]', 0, {}))  # the first answer comes after the timeout
    chat = make_chat(_settings(s.url, retries=1))
    assert chat("list", []) == '["bed"]' and chat.attempts == 2


def test_openai_endpoint_user_errors_are_one_clear_line(serve, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-wrong")
    s = serve((401, "invalid key", 0, {}))
    with pytest.raises(UserError, match=r"key in \$OPENAI_API_KEY was refused"):
        make_chat(_settings(s.url))("x", [])
    s = serve((404, "no such model", 0, {}))
    with pytest.raises(UserError, match="not found"):
        make_chat(_settings(s.url))("x", [])
    with pytest.raises(UserError, match="no answer"):  # nothing listens there
        make_chat(_settings("http://127.0.0.1:9/v1", retries=0))("x", [])
    monkeypatch.delenv("OPENAI_API_KEY")
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    with pytest.raises(UserError, match="API key"):
        make_chat(VlmSettings(backend="openai"))
    with pytest.raises(UserError, match="--vlm"):
        make_chat(VlmSettings(backend="gpt"))
    assert make_chat(VlmSettings()) is None


def test_prose_answers_are_retried_then_reported_not_crashed(serve, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    s = serve((200, "I see a bed and a chair.", 0, {}), (200, "Really, a bed.", 0, {}))
    terms, report = build_vocabulary(None, VocabularySettings(catalog=False), make_chat(_settings(s.url)), FRAMES)
    assert terms == [] and report["vlm"]["attempts"] == 2 and not report["vlm"]["parsed"]
    assert "Really" in report["vlm"]["last_answer"]


def test_parse_json_finds_the_json_in_an_answer():
    assert parse_json('{"a": 1}') == {"a": 1}
    assert parse_json('Sure. ```json\n[1, 2]\n``` hope it helps') == [1, 2]
    assert parse_json('scores: {"x": {"y": [3]}} and {"z": 1}') == {"x": {"y": [3]}}
    assert parse_json("{broken [not json") is None and parse_json("") is None and parse_json(None) is None


def test_local_vlm_runs_a_tiny_qwen25_vl_from_a_folder(tmp_path):
    model, processor = tiny_qwen25_vl()
    folder = save_pretrained(model, processor, tmp_path / "qwen")
    chat = make_chat(VlmSettings(backend="local", model=str(folder), max_new_tokens=8, max_image_side=112))
    assert isinstance(chat, LocalChat)
    answer = chat("List the objects as JSON.", FRAMES[:2])
    assert isinstance(answer, str) and answer.strip()  # random words, but generated through the real path
    assert chat("no image at all", []).strip()
    # whatever it says, the vocabulary step never crashes and says what happened
    terms, report = build_vocabulary("a bedroom with a bed", VocabularySettings(catalog=False), chat, FRAMES)
    assert terms[0] == "bed" and report["vlm"]["attempts"] >= 1
