"""Tiny randomly initialised models built from configs in code, with processors and tokenizers
built offline, so the real loading, inference and post-processing code of the ML backends runs
in CI without weights or network (as diffusers' and transformers' own fast tests do).

Their outputs are random: tests check shapes, conventions, hand-over between stages and our own
logic around the models, never accuracy.
"""

from __future__ import annotations

from pathlib import Path


def tiny_depth_anything(seed: int = 0):
    """Depth Anything (metric head, max depth 10 m) with a 2-layer DINOv2 backbone at 56 px."""
    import torch
    from transformers import DepthAnythingConfig, DepthAnythingForDepthEstimation, Dinov2Config

    torch.manual_seed(seed)
    backbone = Dinov2Config(image_size=56, patch_size=14, hidden_size=16, num_hidden_layers=4, num_attention_heads=2,
                            intermediate_size=32, out_features=["stage1", "stage2", "stage3", "stage4"],
                            reshape_hidden_states=False)
    config = DepthAnythingConfig(backbone_config=backbone, reassemble_hidden_size=16, patch_size=14,
                                 reassemble_factors=[4, 2, 1, 0.5], neck_hidden_sizes=[8, 8, 16, 16],
                                 fusion_hidden_size=16, head_hidden_size=8, depth_estimation_type="metric",
                                 max_depth=10)
    model = DepthAnythingForDepthEstimation(config).eval()
    processor = _image_processor("DPT")(do_resize=True, size={"height": 56, "width": 56}, keep_aspect_ratio=True,
                                  ensure_multiple_of=14, do_pad=False)
    return model, processor


def save_pretrained(model, processor, folder: Path) -> Path:
    """Write both to a folder, as a user's local model copy; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(folder)
    processor.save_pretrained(folder)
    return folder


def _image_processor(name: str):
    """transformers 5 has two image processor backends: torchvision's and PIL's; CI installs no
    torchvision, so take the PIL one when it exists (same outputs, no fallback warning)."""
    import transformers

    return getattr(transformers, f"{name}ImageProcessorPil", None) or getattr(transformers, f"{name}ImageProcessor")


def tiny_bert_tokenizer():
    """A WordPiece tokenizer (the kind Grounding DINO uses) over the catalog's words, with single
    letters and '##' letters so that any other word still tokenizes."""
    import string

    from transformers import BertTokenizer

    from vipscene_sim.catalog import CATEGORIES

    words = set()
    for spec in CATEGORIES.values():
        for phrase in (spec.name.replace("_", " "), *spec.synonyms, *spec.terms):
            words.update(phrase.lower().split())
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ".", ","] + list(string.ascii_lowercase) + [
        f"##{c}" for c in string.ascii_lowercase] + sorted(w for w in words if w.isalpha() and len(w) > 1)
    return BertTokenizer(vocab={w: i for i, w in enumerate(dict.fromkeys(vocab))}, do_lower_case=True)


def tiny_grounding_dino(seed: int = 0):
    """Grounding DINO with a 4-stage Swin of width 8, a 1-layer BERT, 1 encoder and 2 decoder layers,
    20 queries, at 64-96 px."""
    import torch
    from transformers import (
        BertConfig,
        GroundingDinoConfig,
        GroundingDinoForObjectDetection,
        GroundingDinoProcessor,
        SwinConfig,
    )

    torch.manual_seed(seed)
    tok = tiny_bert_tokenizer()
    backbone = SwinConfig(image_size=64, patch_size=4, embed_dim=8, depths=[1, 1, 1, 1], num_heads=[1, 1, 1, 1],
                          window_size=4, out_features=["stage2", "stage3", "stage4"])
    text = BertConfig(vocab_size=len(tok), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                      intermediate_size=32, max_position_embeddings=256)
    config = GroundingDinoConfig(backbone_config=backbone, text_config=text, d_model=32, encoder_layers=1,
                                 decoder_layers=2, encoder_attention_heads=2, decoder_attention_heads=2,
                                 encoder_ffn_dim=32, decoder_ffn_dim=32, num_queries=20, num_feature_levels=4,
                                 encoder_n_points=2, decoder_n_points=2, max_text_len=64, use_timm_backbone=False)
    model = GroundingDinoForObjectDetection(config).eval()
    processor = GroundingDinoProcessor(
        image_processor=_image_processor("GroundingDino")(size={"shortest_edge": 64, "longest_edge": 96}),
        tokenizer=tok)
    return model, processor


def _sam2_vision(hidden: int):
    from transformers import Sam2HieraDetConfig, Sam2VisionConfig

    backbone = Sam2HieraDetConfig(hidden_size=12, image_size=128, patch_stride=4, patch_kernel_size=7,
                                  patch_padding=3, blocks_per_stage=[1, 2, 7, 2], embed_dim_per_stage=[12, 24, 48, 96])
    return Sam2VisionConfig(backbone_config=backbone, backbone_channel_list=[96, 48, 24, 12],
                            backbone_feature_sizes=[[32, 32], [16, 16], [8, 8]], fpn_hidden_size=hidden)


def tiny_sam2(seed: int = 0):
    """SAM 2 image model: a Hiera of width 12 at 128 px, prompt encoder and mask decoder of width 32."""
    import torch
    from transformers import (
        Sam2Config,
        Sam2ImageProcessor,
        Sam2MaskDecoderConfig,
        Sam2Model,
        Sam2Processor,
        Sam2PromptEncoderConfig,
    )

    torch.manual_seed(seed)
    config = Sam2Config(vision_config=_sam2_vision(32),
                        prompt_encoder_config=Sam2PromptEncoderConfig(hidden_size=32, image_size=128, patch_size=16,
                                                                      mask_input_channels=8),
                        mask_decoder_config=Sam2MaskDecoderConfig(hidden_size=32, mlp_dim=64, num_attention_heads=4,
                                                                  iou_head_hidden_dim=32))
    processor = Sam2Processor(image_processor=Sam2ImageProcessor(size={"height": 128, "width": 128},
                                                                 mask_size={"height": 32, "width": 32}),
                              target_size=128)
    return Sam2Model(config).eval(), processor


def tiny_sam2_video(seed: int = 0):
    """SAM 2 video model at 128 px with a 1-layer memory attention and 3 memory frames. Widths are
    128 where SAM 2 splits object pointers into 64-wide memory tokens."""
    import torch
    from transformers import (
        Sam2ImageProcessor,
        Sam2VideoConfig,
        Sam2VideoMaskDecoderConfig,
        Sam2VideoModel,
        Sam2VideoProcessor,
        Sam2VideoPromptEncoderConfig,
        Sam2VideoVideoProcessor,
    )

    torch.manual_seed(seed)
    config = Sam2VideoConfig(
        vision_config=_sam2_vision(128),
        prompt_encoder_config=Sam2VideoPromptEncoderConfig(hidden_size=128, image_size=128, patch_size=16,
                                                           mask_input_channels=8),
        mask_decoder_config=Sam2VideoMaskDecoderConfig(hidden_size=128, mlp_dim=64, num_attention_heads=4,
                                                       iou_head_hidden_dim=32),
        image_size=128, num_maskmem=3, memory_attention_hidden_size=128, memory_attention_num_layers=1,
        memory_attention_feed_forward_hidden_size=32, memory_attention_rope_feat_sizes=[8, 8],
        memory_encoder_hidden_size=128, memory_encoder_output_channels=64, mask_downsampler_embed_dim=128,
        memory_fuser_embed_dim=128, memory_fuser_intermediate_dim=64, max_object_pointers_in_encoder=4)
    processor = Sam2VideoProcessor(image_processor=Sam2ImageProcessor(size={"height": 128, "width": 128},
                                                                      mask_size={"height": 32, "width": 32}),
                                   video_processor=Sam2VideoVideoProcessor(size={"height": 128, "width": 128}),
                                   target_size=128)
    return Sam2VideoModel(config).eval(), processor


QWEN_SPECIAL = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|vision_start|>", "<|vision_end|>", "<|image_pad|>",
                "<|video_pad|>", "[UNK]"]
QWEN_TEMPLATE = (
    "{% for message in messages %}<|im_start|>{{ message['role'] }}\n{% if message['content'] is string %}"
    "{{ message['content'] }}{% else %}{% for c in message['content'] %}{% if c['type'] == 'image' %}"
    "<|vision_start|><|image_pad|><|vision_end|>{% elif c['type'] == 'video' %}<|vision_start|><|video_pad|><|vision_end|>"
    "{% elif c['type'] == 'text' %}{{ c['text'] }}{% endif %}{% endfor %}"
    "{% endif %}<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}")


def tiny_qwen25_vl(seed: int = 0):
    """Qwen2.5-VL with a 2-layer vision tower and a 2-layer language model of width 32, a word-level
    tokenizer (JSON punctuation, a few object words and Qwen's special tokens) and a ChatML template
    like Qwen's, so the real processor, chat template, image tokens and generate() all run."""
    import torch
    import transformers as tf
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers

    words = sorted(set(['{', '}', '[', ']', '"', ':', ',', '.', 'objects', 'bed', 'chair', 'sofa', 'table', 'lamp', 'scores', 'justification', 'the', 'a', 'of']))
    vocab = {w: i for i, w in enumerate(QWEN_SPECIAL + words)}
    backend = Tokenizer(models.WordLevel(vocab=vocab, unk_token="[UNK]"))
    backend.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Punctuation()])
    backend.decoder = decoders.WordPiece(prefix="##")
    tok = tf.PreTrainedTokenizerFast(tokenizer_object=backend, unk_token="[UNK]", eos_token="<|im_end|>",
                                     pad_token="<|endoftext|>", additional_special_tokens=QWEN_SPECIAL[1:7])
    tok.image_token, tok.video_token = "<|image_pad|>", "<|video_pad|>"
    processor = tf.Qwen2_5_VLProcessor(
        image_processor=tf.Qwen2VLImageProcessor(min_pixels=28 * 28 * 4, max_pixels=28 * 28 * 16),
        tokenizer=tok, video_processor=tf.Qwen2VLVideoProcessor(), chat_template=QWEN_TEMPLATE)
    ids = {k: vocab[t] for k, t in (("image_token_id", "<|image_pad|>"), ("video_token_id", "<|video_pad|>"),
                                     ("vision_start_token_id", "<|vision_start|>"),
                                     ("vision_end_token_id", "<|vision_end|>"))}
    config = tf.Qwen2_5_VLConfig(
        text_config=dict(vocab_size=len(vocab), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=512,
                         bos_token_id=vocab["<|endoftext|>"], eos_token_id=vocab["<|im_end|>"],
                         pad_token_id=vocab["<|endoftext|>"],
                         rope_scaling={"type": "mrope", "mrope_section": [2, 1, 1]}),
        vision_config=dict(depth=2, hidden_size=32, intermediate_size=64, num_heads=2, out_hidden_size=32,
                           patch_size=14, spatial_merge_size=2, temporal_patch_size=2, fullatt_block_indexes=[1],
                           window_size=56),
        eos_token_id=vocab["<|im_end|>"], pad_token_id=vocab["<|endoftext|>"], **ids)
    torch.manual_seed(seed)
    return tf.Qwen2_5_VLForConditionalGeneration(config).eval(), processor


def _tiny_t5(umt5: bool = False):
    """A 2-layer T5 (or UMT5, Wan's text encoder) of width 32 with the offline byte-level ByT5
    tokenizer: the video pipelines' real text encoding runs without any download."""
    import torch
    import transformers as tf

    tok = tf.ByT5Tokenizer()
    cfg = dict(vocab_size=len(tok), d_model=32, d_kv=8, d_ff=37, num_layers=2, num_heads=4,
               relative_attention_num_buckets=8, pad_token_id=tok.pad_token_id, eos_token_id=tok.eos_token_id)
    torch.manual_seed(0)
    if umt5:
        return tok, tf.UMT5EncoderModel(tf.UMT5Config(**cfg)).eval()
    return tok, tf.T5EncoderModel(tf.T5Config(**cfg)).eval()


def tiny_wan(image: bool = False):
    """Wan with a 2-layer transformer and a 3-channel VAE (sizes from diffusers' fast tests); with
    ``image``: Wan 2.2's image-to-video form (image latents expand the timesteps, no CLIP)."""
    import diffusers as d
    import torch

    tok, enc = _tiny_t5(umt5=True)
    torch.manual_seed(0)
    vae = d.AutoencoderKLWan(base_dim=3, z_dim=16, dim_mult=[1, 1, 1, 1], num_res_blocks=1,
                             temperal_downsample=[False, True, True])
    torch.manual_seed(0)
    transformer = d.WanTransformer3DModel(patch_size=(1, 2, 2), num_attention_heads=2, attention_head_dim=12,
                                          in_channels=16, out_channels=16, text_dim=32, freq_dim=256, ffn_dim=32,
                                          num_layers=2, cross_attn_norm=True, qk_norm="rms_norm_across_heads",
                                          rope_max_seq_len=32)
    scheduler = d.FlowMatchEulerDiscreteScheduler(shift=3.0)
    if image:
        return d.WanImageToVideoPipeline(tokenizer=tok, text_encoder=enc, vae=vae, scheduler=scheduler,
                                         transformer=transformer, image_processor=None, image_encoder=None,
                                         expand_timesteps=True)
    return d.WanPipeline(tokenizer=tok, text_encoder=enc, vae=vae, scheduler=scheduler, transformer=transformer)


def tiny_cogvideox(image: bool = False):
    """CogVideoX with a 1-layer transformer and an 8-channel VAE (diffusers' fast-test sizes);
    image-to-video doubles the transformer's input channels for the image latents."""
    import diffusers as d
    import torch

    tok, enc = _tiny_t5()
    torch.manual_seed(0)
    transformer = d.CogVideoXTransformer3DModel(
        num_attention_heads=2, attention_head_dim=16, in_channels=8 if image else 4, out_channels=4, time_embed_dim=2,
        text_embed_dim=32, num_layers=1, sample_width=4, sample_height=4, sample_frames=9, patch_size=2,
        temporal_compression_ratio=4, max_text_seq_length=226, use_rotary_positional_embeddings=image,
        use_learned_positional_embeddings=image)
    torch.manual_seed(0)
    vae = d.AutoencoderKLCogVideoX(in_channels=3, out_channels=3, down_block_types=("CogVideoXDownBlock3D",) * 4,
                                   up_block_types=("CogVideoXUpBlock3D",) * 4, block_out_channels=(8, 8, 8, 8),
                                   latent_channels=4, layers_per_block=1, norm_num_groups=2,
                                   temporal_compression_ratio=4)
    cls = d.CogVideoXImageToVideoPipeline if image else d.CogVideoXPipeline
    return cls(tokenizer=tok, text_encoder=enc, vae=vae, transformer=transformer, scheduler=d.DDIMScheduler())


def tiny_ltx(image: bool = False):
    """LTX-Video with a 1-layer transformer and an 8-channel VAE (diffusers' fast-test sizes)."""
    import diffusers as d
    import torch

    tok, enc = _tiny_t5()
    torch.manual_seed(0)
    transformer = d.LTXVideoTransformer3DModel(in_channels=8, out_channels=8, patch_size=1, patch_size_t=1,
                                               num_attention_heads=4, attention_head_dim=8, cross_attention_dim=32,
                                               num_layers=1, caption_channels=32)
    torch.manual_seed(0)
    vae = d.AutoencoderKLLTXVideo(latent_channels=8, block_out_channels=(8, 8, 8, 8),
                                  spatio_temporal_scaling=(True, True, False, False), layers_per_block=(1, 1, 1, 1, 1),
                                  patch_size=1, patch_size_t=1, encoder_causal=True, decoder_causal=False)
    vae.use_framewise_encoding = False
    vae.use_framewise_decoding = False
    cls = d.LTXImageToVideoPipeline if image else d.LTXPipeline
    return cls(scheduler=d.FlowMatchEulerDiscreteScheduler(), vae=vae, text_encoder=enc, tokenizer=tok,
               transformer=transformer)
