"""Throughput of the geoparser next to spaCy en_core_web_sm NER alone, same documents, same run.

Only a ratio measured in one run means anything on a shared machine; both sides see the same
texts, the geoparser warm (gazetteer opened, caches empty per document set) like spaCy (loaded).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from polemos.geo.geoparser import Geoparser
from polemos.nlp.model import load_model

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def shared_dir() -> Path | None:
    """shared/ beside the checkout (as CI lays it out), or POLEMOS_SHARED_DIR."""
    override = os.environ.get("POLEMOS_SHARED_DIR")
    candidates = [Path(override)] if override else []
    candidates.append(Path(__file__).resolve().parents[3] / ".." / "shared")
    return next((c for c in candidates if (c / "eval").is_dir()), None)


def bench_texts(limit: int) -> list[str]:
    """News-like documents: the annotated news dev set and LGL when shared/ is there, else the
    shipped samples (repeated)."""
    texts: list[str] = []
    shared = shared_dir()
    if shared is not None:
        for path in (shared / "eval" / "news" / "dev.jsonl",
                     shared / "eval" / "geoparsing" / "lgl.jsonl"):
            if path.exists():
                texts += [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    if not texts:
        texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    while len(texts) < limit:
        texts = texts + texts
    return texts[:limit]


def run_bench(limit: int = 200) -> dict:
    texts = bench_texts(limit)
    parser = Geoparser()
    parser.parse("warm up in Kyiv")
    nlp = load_model()
    nlp("warm up in Kyiv")
    parser.gazetteer.entries.cache_clear()
    parser.gazetteer.has_name.cache_clear()
    started = time.perf_counter()
    toponyms = sum(len(found) for found in parser.parse_many(texts))  # as `polemos run` does
    geo_seconds = time.perf_counter() - started
    started = time.perf_counter()
    entities = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=32))
    ner_seconds = time.perf_counter() - started
    chars = sum(len(t) for t in texts)
    return {
        "docs": len(texts),
        "chars_per_doc": round(chars / len(texts)),
        "geoparser_docs_per_s": round(len(texts) / geo_seconds, 2),
        "spacy_ner_docs_per_s": round(len(texts) / ner_seconds, 2),
        "ratio_vs_spacy_sm": round(ner_seconds / geo_seconds, 3),
        "toponyms": toponyms,
        "spacy_entities": entities,
    }
