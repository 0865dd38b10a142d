"""CLIP image matching for retrieval, run for real on a tiny randomly initialised model.

Needs the 'gen' extra (torch, transformers); skipped, with that reason, where it is not installed.
"""

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="needs the 'gen' extra (torch)")
transformers = pytest.importorskip("transformers", reason="needs the 'gen' extra (transformers)")

from assets.registry import LibrarySet  # noqa: E402
from assets.render import render_asset  # noqa: E402
from vipscene_sim.errors import UserError  # noqa: E402
from vipscene_sim.retrieve import Query, Retriever  # noqa: E402
from vipscene_sim.retrieve.clip import ClipImageScorer, ClipSettings  # noqa: E402


@pytest.fixture(scope="module")
def tiny_clip(tmp_path_factory):
    """A 2-layer CLIP with 16-d embeddings, saved like a hub checkpoint (config + weights + processor)."""
    from transformers import (
        CLIPConfig,
        CLIPImageProcessor,
        CLIPModel,
        CLIPTextConfig,
        CLIPVisionConfig,
    )

    torch.manual_seed(0)
    text = CLIPTextConfig(vocab_size=99, hidden_size=32, intermediate_size=37, num_attention_heads=4,
                          num_hidden_layers=2, projection_dim=16, max_position_embeddings=32,
                          bos_token_id=0, eos_token_id=2, pad_token_id=1)
    vision = CLIPVisionConfig(image_size=32, patch_size=8, hidden_size=32, intermediate_size=37,
                              num_attention_heads=4, num_hidden_layers=2, projection_dim=16)
    model = CLIPModel(CLIPConfig(text_config=text.to_dict(), vision_config=vision.to_dict(), projection_dim=16))
    folder = tmp_path_factory.mktemp("tiny_clip")
    model.save_pretrained(folder)
    CLIPImageProcessor(size={"shortest_edge": 32}, crop_size={"height": 32, "width": 32}).save_pretrained(folder)
    return folder


def test_the_rendered_asset_is_its_own_best_match(tiny_clip, builtin_library, tmp_path):
    libs = LibrarySet([builtin_library])
    settings = ClipSettings(str(tiny_clip), device="cpu", render_px=64)
    scorer = ClipImageScorer.from_pretrained(libs, settings, cache_dir=tmp_path)
    keys = [f"builtin/{i.id}" for i in builtin_library.infos() if i.category in ("sofa", "armchair", "chair")]
    crop = np.asarray(render_asset(builtin_library.geometry("sofa__chesterfield"), 64))
    sims = scorer(crop, keys)
    assert sims.shape == (len(keys),) and ((0 <= sims) & (sims <= 1)).all()
    assert keys[int(np.argmax(sims))] == "builtin/sofa__chesterfield"
    assert sims.max() == pytest.approx(1.0, abs=1e-4)
    # embeddings are cached on disk: a new scorer does not render the assets again
    again = ClipImageScorer.from_pretrained(libs, settings, cache_dir=tmp_path)
    again.libraries = None  # would fail if it tried to render
    assert np.allclose(again(crop, keys), sims, atol=1e-5)


def test_image_breaks_a_tie_between_variants(tiny_clip, builtin_library):
    libs = LibrarySet([builtin_library])
    scorer = ClipImageScorer.from_pretrained(libs, ClipSettings(str(tiny_clip), device="cpu", render_px=64))
    crop = np.asarray(render_asset(builtin_library.geometry("armchair__wingback"), 64))
    best = Retriever([builtin_library], image_scorer=scorer).rank(Query("armchair", image=crop), 1).best
    assert best.id == "armchair__wingback" and best.image == pytest.approx(1.0, abs=1e-4)


def test_missing_model_names_the_model_and_the_fix(builtin_library, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(UserError, match="no-such-org/no-such-clip.*hf download"):
        ClipImageScorer.from_pretrained(LibrarySet([builtin_library]), ClipSettings("no-such-org/no-such-clip"))
