#!/usr/bin/env python3
"""Independent PyTorch reference of the MERT-v1 / HuBERT forward pass (proof 2 of the checkpoint import).

Written from the structure of transformers' HubertModel as MERT-v1 configures it, not from the
project's ONNX graph builder: a 7-layer conv feature encoder (GroupNorm after the first conv for
feat_extract_norm "group", LayerNorm after every conv for "layer"; GELU), feature projection
(LayerNorm + Linear), a grouped positional conv with weight norm (dim=2) and SamePad, and post-LN
(do_stable_layer_norm false) or pre-LN (true) transformer layers with GELU feed-forward. Module names
follow Hugging Face's, and the state dict is loaded strictly, so every tensor name is checked too.

    python3 models/reference_mert.py --config config.json --weights model.safetensors \
        --input input.f32 --output layer_means.f32 [--save-bin pytorch_model.bin]

--input: raw little-endian float32 samples (one chunk, already normalised); --output: the time-mean
of every hidden state, float32 [layers + 1, hidden]. Computed in float64. --save-bin writes the
loaded state dict with torch.save (the zip format the converter must read).
"""
import argparse
import json
import math

import torch
from torch import nn


def gelu(x):
    return 0.5 * x * (1.0 + torch.erf(x / math.sqrt(2.0)))


class ConvLayer(nn.Module):
    def __init__(self, cfg, index):
        super().__init__()
        in_dim = 1 if index == 0 else cfg["conv_dim"][index - 1]
        out_dim = cfg["conv_dim"][index]
        self.conv = nn.Conv1d(in_dim, out_dim, cfg["conv_kernel"][index], stride=cfg["conv_stride"][index], bias=cfg.get("conv_bias", False))
        self.kind = cfg["feat_extract_norm"]
        if self.kind == "layer":
            self.layer_norm = nn.LayerNorm(out_dim, elementwise_affine=True)
        elif index == 0:
            self.layer_norm = nn.GroupNorm(num_groups=out_dim, num_channels=out_dim, affine=True)
        else:
            self.kind = "none"

    def forward(self, x):  # [B, C, T]
        x = self.conv(x)
        if self.kind == "layer":
            x = self.layer_norm(x.transpose(-2, -1)).transpose(-2, -1)
        elif self.kind == "group":
            x = self.layer_norm(x)
        return gelu(x)


class FeatureEncoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.conv_layers = nn.ModuleList(ConvLayer(cfg, i) for i in range(len(cfg["conv_dim"])))

    def forward(self, audio):  # [B, L] → [B, C, T]
        x = audio[:, None]
        for layer in self.conv_layers:
            x = layer(x)
        return x


class FeatureProjection(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.layer_norm = nn.LayerNorm(cfg["conv_dim"][-1], eps=cfg["layer_norm_eps"])
        self.projection = nn.Linear(cfg["conv_dim"][-1], cfg["hidden_size"])

    def forward(self, x):
        return self.projection(self.layer_norm(x))


class PositionalConvEmbedding(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        k = cfg["num_conv_pos_embeddings"]
        self.conv = nn.Conv1d(cfg["hidden_size"], cfg["hidden_size"], kernel_size=k, padding=k // 2, groups=cfg["num_conv_pos_embedding_groups"])
        self.conv = nn.utils.weight_norm(self.conv, name="weight", dim=2)
        self.remove = 1 if k % 2 == 0 else 0  # SamePad

    def forward(self, x):  # [B, T, H]
        y = self.conv(x.transpose(1, 2))
        if self.remove:
            y = y[:, :, : -self.remove]
        return gelu(y).transpose(1, 2)


class Attention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        h = cfg["hidden_size"]
        self.heads = cfg["num_attention_heads"]
        self.head_dim = h // self.heads
        self.scaling = self.head_dim ** -0.5
        self.q_proj, self.k_proj, self.v_proj, self.out_proj = (nn.Linear(h, h) for _ in range(4))

    def forward(self, x):
        b, t, h = x.shape
        split = lambda y: y.view(b, t, self.heads, self.head_dim).transpose(1, 2)
        q, k, v = split(self.q_proj(x) * self.scaling), split(self.k_proj(x)), split(self.v_proj(x))
        weights = torch.softmax(q @ k.transpose(-1, -2), dim=-1)
        return self.out_proj((weights @ v).transpose(1, 2).reshape(b, t, h))


class FeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.intermediate_dense = nn.Linear(cfg["hidden_size"], cfg["intermediate_size"])
        self.output_dense = nn.Linear(cfg["intermediate_size"], cfg["hidden_size"])

    def forward(self, x):
        return self.output_dense(gelu(self.intermediate_dense(x)))


class EncoderLayer(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.stable = cfg["do_stable_layer_norm"]
        self.attention = Attention(cfg)
        self.layer_norm = nn.LayerNorm(cfg["hidden_size"], eps=cfg["layer_norm_eps"])
        self.feed_forward = FeedForward(cfg)
        self.final_layer_norm = nn.LayerNorm(cfg["hidden_size"], eps=cfg["layer_norm_eps"])

    def forward(self, x):
        if self.stable:  # HubertEncoderLayerStableLayerNorm
            x = x + self.attention(self.layer_norm(x))
            return x + self.feed_forward(self.final_layer_norm(x))
        x = self.layer_norm(x + self.attention(x))  # HubertEncoderLayer
        return self.final_layer_norm(x + self.feed_forward(x))


class Encoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.stable = cfg["do_stable_layer_norm"]
        self.pos_conv_embed = PositionalConvEmbedding(cfg)
        self.layer_norm = nn.LayerNorm(cfg["hidden_size"], eps=cfg["layer_norm_eps"])
        self.layers = nn.ModuleList(EncoderLayer(cfg) for _ in range(cfg["num_hidden_layers"]))

    def forward(self, x):
        x = x + self.pos_conv_embed(x)
        states = []
        if not self.stable:
            x = self.layer_norm(x)
        for layer in self.layers:
            states.append(x)
            x = layer(x)
        states.append(self.layer_norm(x) if self.stable else x)
        return states


class Mert(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.feature_extractor = FeatureEncoder(cfg)
        self.feature_projection = FeatureProjection(cfg)
        self.encoder = Encoder(cfg)

    def forward(self, audio):
        features = self.feature_extractor(audio).transpose(1, 2)
        return self.encoder(self.feature_projection(features))


DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    n = int.from_bytes(data[:8], "little")
    header = json.loads(data[8 : 8 + n])
    out = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        raw = bytearray(data[8 + n + begin : 8 + n + end])
        out[name] = torch.frombuffer(raw, dtype=DTYPES[entry["dtype"]]).reshape(entry["shape"]).clone() if raw else torch.zeros(entry["shape"])
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    parser.add_argument("--weights", required=True)
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--save-bin")
    args = parser.parse_args()
    with open(args.config) as f:
        cfg = json.load(f)
    if args.weights.endswith(".safetensors"):
        state = read_safetensors(args.weights)
    else:
        state = torch.load(args.weights, map_location="cpu", weights_only=True)
    if args.save_bin:
        torch.save(state, args.save_bin)
    renamed = {}
    for name, value in state.items():
        name = name.replace("parametrizations.weight.original0", "weight_g").replace("parametrizations.weight.original1", "weight_v")
        if name != "masked_spec_embed":
            renamed[name] = value.to(torch.float64)
    model = Mert(cfg).double().eval()
    model.load_state_dict(renamed, strict=True)
    with open(args.input, "rb") as f:
        audio = torch.frombuffer(bytearray(f.read()), dtype=torch.float32).to(torch.float64)[None]
    with torch.no_grad():
        means = torch.stack([s.mean(dim=1)[0] for s in model(audio)])
    with open(args.output, "wb") as f:
        f.write(means.to(torch.float32).numpy().tobytes())


if __name__ == "__main__":
    main()
