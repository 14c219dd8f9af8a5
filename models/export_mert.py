#!/usr/bin/env python3
"""Export a Hugging Face MERT checkpoint (m-a-p/MERT-v1-95M or m-a-p/MERT-v1-330M) to ONNX files
that follow rbassist's model contract (models/manifest.json "inputContract"):

    input  "input_values" float32 [batch, samples]          mono 24 kHz, each chunk normalised
                                                            to zero mean / unit variance
    output "layer_means"  float32 [batch, layers + 1, hidden]
                                                            every hidden state averaged over time
                                                            (model contract 2)

Contract 2 pools inside the graph and stacks the per-layer means with Concat nodes of at most six
inputs, so no node binds more than 8 storage buffers (WebGPU's per-stage limit) at any depth.

Batch and length are dynamic. The fp16 file keeps float32 input/output (casts inside the graph).
Weights go to an external-data file ("<file>.data") when the model would exceed protobuf's 2 GB
limit, or always/never with --external-data.

Usage (see models/README.md):
    pip install "torch>=2.1" "transformers>=4.38" onnx onnxconverter-common onnxruntime nnAudio
    python models/export_mert.py --model m-a-p/MERT-v1-95M --out-dir exported/
    python models/export_mert.py --model m-a-p/MERT-v1-330M --out-dir exported/ --precision fp16

MERT weights are licensed CC-BY-NC-4.0 (non-commercial); the exported files carry that licence.
"""
from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import math
import os
import sys
import tempfile
from pathlib import Path

SAMPLE_RATE = 24_000
CHUNK_SAMPLES = 120_000  # 5 s: the chunk length rbassist feeds
PROTOBUF_LIMIT = 2 * 1024**3
INPUT_NAME = "input_values"
OUTPUT_NAME = "layer_means"
CONTRACT_VERSION = 2
MAX_CONCAT_INPUTS = 6  # inputs + output stay within WebGPU's 8 storage buffers per stage


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True, help="Hugging Face id (m-a-p/MERT-v1-95M) or a local checkpoint folder")
    p.add_argument("--revision", default=None, help="Hugging Face revision (commit) to pin, for reproducible exports")
    p.add_argument("--out-dir", default="exported", help="folder for the .onnx files (created if missing)")
    p.add_argument("--name", default=None, help="file name stem (default: derived from --model, e.g. mert-v1-95m)")
    p.add_argument("--precision", choices=["fp32", "fp16", "both"], default="both")
    p.add_argument("--opset", type=int, default=17, help="ONNX opset (17 = LayerNormalization; supported by onnxruntime-web)")
    p.add_argument("--external-data", choices=["auto", "always", "never"], default="auto",
                   help="auto: only when the file would exceed 2 GB")
    p.add_argument("--no-verify", action="store_true", help="skip the onnxruntime vs PyTorch comparison")
    return p.parse_args()


def narrow_cat(tensors, dim: int):
    """torch.cat as a tree of cats of at most MAX_CONCAT_INPUTS tensors (each becomes one ONNX Concat)."""
    import torch

    level = list(tensors)
    while len(level) > MAX_CONCAT_INPUTS:
        groups = [level[i:i + MAX_CONCAT_INPUTS] for i in range(0, len(level), MAX_CONCAT_INPUTS)]
        level = [group[0] if len(group) == 1 else torch.cat(group, dim=dim) for group in groups]
    return torch.cat(level, dim=dim)


def layer_means(model):
    """Wrap MERT so the traced graph has one input and one output: the time-mean of every hidden state."""
    import torch

    class LayerMeans(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_values):
            out = self.inner(input_values, output_hidden_states=True, return_dict=True)
            return narrow_cat([h.mean(dim=1, keepdim=True) for h in out.hidden_states], dim=1)

    return LayerMeans(model).eval()


def check_binding_limit(model) -> None:
    """Refuse a graph with a node that binds more than 8 tensors (it would fail on WebGPU)."""
    wide = [(n.op_type, len(n.input) + len(n.output)) for n in model.graph.node if len(n.input) + len(n.output) > 8]
    if wide:
        sys.exit(f"  the exported graph has nodes binding more than 8 tensors: {wide[:5]}; WebGPU cannot run it")


def default_name(model_id: str) -> str:
    return Path(model_id.rstrip("/")).name.lower()


def load_model(model_id: str, revision: str | None):
    import torch
    from transformers import AutoModel

    # MERT ships its modelling code with the checkpoint, hence trust_remote_code.
    model = AutoModel.from_pretrained(model_id, trust_remote_code=True, revision=revision, torch_dtype=torch.float32)
    model.eval()
    config = model.config
    if getattr(config, "feature_extractor_cqt", False):
        sys.exit("This checkpoint uses the CQT feature branch, which the rbassist contract does not cover.")
    return model, config


def deterministic_chunk(batch: int, samples: int):
    """A normalised test signal (chord + noise) so verification does not depend on a dataset."""
    import torch

    g = torch.Generator().manual_seed(1234)
    t = torch.arange(samples, dtype=torch.float64) / SAMPLE_RATE
    x = sum(torch.sin(2 * math.pi * f * t) for f in (220.0, 277.18, 329.63))
    x = x.unsqueeze(0).repeat(batch, 1) + 0.1 * torch.randn(batch, samples, generator=g, dtype=torch.float64)
    x = (x - x.mean(dim=1, keepdim=True)) / torch.sqrt(x.var(dim=1, unbiased=False, keepdim=True) + 1e-7)
    return x.float()


def export_fp32(wrapper, path: Path, opset: int) -> None:
    import torch

    example = deterministic_chunk(1, CHUNK_SAMPLES)
    kwargs = dict(
        input_names=[INPUT_NAME],
        output_names=[OUTPUT_NAME],
        dynamic_axes={INPUT_NAME: {0: "batch", 1: "samples"}, OUTPUT_NAME: {0: "batch"}},
        opset_version=opset,
        do_constant_folding=True,
    )
    # Newer torch defaults to the dynamo exporter; the TorchScript exporter handles MERT's remote
    # code and dynamic_axes reliably, so ask for it explicitly where the switch exists.
    if "dynamo" in inspect.signature(torch.onnx.export).parameters:
        kwargs["dynamo"] = False
    with torch.no_grad():
        torch.onnx.export(wrapper, (example,), str(path), **kwargs)


def initializer_bytes(model) -> int:
    return sum(len(t.raw_data) if t.raw_data else t.ByteSize() for t in model.graph.initializer)


def save(model, path: Path, external: str) -> Path | None:
    """Save with or without external data; returns the data file path when one was written."""
    import onnx

    use_external = external == "always" or (external == "auto" and initializer_bytes(model) > PROTOBUF_LIMIT - 64 * 1024**2)
    data_path = path.with_name(path.name + ".data")
    for stale in (path, data_path):
        if stale.exists():
            stale.unlink()
    if use_external:
        onnx.save_model(model, str(path), save_as_external_data=True, all_tensors_to_one_file=True,
                        location=data_path.name, size_threshold=1024)
        return data_path
    onnx.save_model(model, str(path))
    return None


def to_fp16(model):
    from onnxconverter_common import float16

    # keep_io_types: callers always feed/read float32; the graph casts at its edges.
    return float16.convert_float_to_float16(model, keep_io_types=True, disable_shape_infer=False)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def verify(path: Path, wrapper, hidden_size: int, hidden_states: int, precision: str) -> None:
    """Run the file with onnxruntime on a batch of two chunks of different content and compare the
    pooled vectors (what rbassist uses) with PyTorch."""
    try:
        import onnxruntime as ort
    except ImportError:
        print("  (onnxruntime not installed: skipping verification)")
        return
    import numpy as np
    import torch

    x = deterministic_chunk(2, CHUNK_SAMPLES)
    x[1] = torch.flip(x[1], dims=[0])
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    got = session.run([OUTPUT_NAME], {INPUT_NAME: x.numpy()})[0]
    if got.shape != (2, hidden_states, hidden_size):
        sys.exit(f"  {path.name}: output shape {got.shape}, expected (2, {hidden_states}, {hidden_size})")
    with torch.no_grad():
        ref = wrapper(x).numpy()
    pooled_got = got.mean(axis=1)
    pooled_ref = ref.mean(axis=1)
    cos = [float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b))) for a, b in zip(pooled_got, pooled_ref)]
    print(f"  verified {path.name}: max |diff| {np.abs(got - ref).max():.3g}, pooled cosine {min(cos):.6f}")
    if min(cos) < (0.9999 if precision == "fp32" else 0.995):
        sys.exit(f"  {path.name}: pooled vectors differ from PyTorch (cosine {min(cos):.6f}); do not use this file")


def main() -> None:
    args = parse_args()
    import onnx

    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    name = args.name or default_name(args.model)
    model, config = load_model(args.model, args.revision)
    hidden_size = int(config.hidden_size)
    hidden_states = int(config.num_hidden_layers) + 1
    wrapper = layer_means(model)
    print(f"{args.model}: hidden size {hidden_size}, {hidden_states} hidden states, "
          f"{sum(p.numel() for p in model.parameters()):,} parameters")

    precisions = ["fp32", "fp16"] if args.precision == "both" else [args.precision]
    variants = []
    with tempfile.TemporaryDirectory() as tmp:
        # Export into a temp folder first: torch may write external data itself for big graphs.
        raw_path = Path(tmp) / "raw.onnx"
        export_fp32(wrapper, raw_path, args.opset)
        metadata = (("rbassist.contract", CONTRACT_VERSION),
                    ("rbassist.hidden_size", hidden_size), ("rbassist.hidden_states", hidden_states),
                    ("rbassist.sample_rate", SAMPLE_RATE), ("rbassist.source", args.model),
                    ("rbassist.revision", args.revision or "unpinned"), ("rbassist.licence", "CC-BY-NC-4.0"))
        for precision in precisions:
            # A fresh load per precision: saving with external data and the fp16 conversion both
            # modify the in-memory model.
            graph = onnx.load(str(raw_path), load_external_data=True)
            check_binding_limit(graph)
            graph.doc_string = f"{args.model} exported for rbassist (contract {CONTRACT_VERSION}: time-mean of every hidden state, dynamic batch/length, {precision})"
            for key, value in metadata:
                entry = graph.metadata_props.add()
                entry.key, entry.value = key, str(value)
            if precision == "fp16":
                graph = to_fp16(graph)
            path = out_dir / f"{name}.{precision}.onnx"
            data_path = save(graph, path, args.external_data)
            if not args.no_verify:
                verify(path, wrapper, hidden_size, hidden_states, precision)
            variants.append({
                "precision": precision,
                "file": path.name,
                "externalDataFile": data_path.name if data_path else None,
                "bytes": path.stat().st_size,
                "sha256": sha256(path),
                "approxBytes": path.stat().st_size + (data_path.stat().st_size if data_path else 0),
            })
            print(f"  wrote {path}" + (f" + {data_path.name}" if data_path else ""))

    print("\nManifest \"variants\" for these files (paste into models/manifest.json if you host them):")
    print(json.dumps(variants, indent=2))


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    main()
