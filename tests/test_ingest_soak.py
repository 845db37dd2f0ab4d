"""The soak corpus generator: a small corpus reads back exactly as its manifest promises."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

from polemos.ingest import read_inputs
from polemos.models import Article

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "make_soak_corpus.py"


def load_script():
    spec = importlib.util.spec_from_file_location("make_soak_corpus", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def test_small_soak_corpus_matches_its_manifest(tmp_path: Path) -> None:
    manifest = load_script().make_corpus(tmp_path, n=300, seed=3, hostile_share=0.1)
    records = list(read_inputs([tmp_path / "corpus"]))
    kinds = Counter("articles" if isinstance(r, Article) else "rejected" for r in records)
    assert kinds == Counter(articles=manifest["articles"], rejected=manifest["rejected"])
    assert manifest["articles"] + manifest["rejected"] == 300
    formats = {Path(r.origin.split(":")[0].split("#")[0]).suffix for r in records}
    assert {".jsonl", ".txt", ".csv", ".html", ".xml"} <= formats
    languages = Counter(r.language for r in records if isinstance(r, Article))
    assert languages["en"] >= 250 and sum(languages.values()) > languages["en"]


def test_generation_is_deterministic(tmp_path: Path) -> None:
    script = load_script()
    script.make_corpus(tmp_path / "a", n=60, seed=5)
    script.make_corpus(tmp_path / "b", n=60, seed=5)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*"))
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*"))
    assert files_a == files_b
    for relative in files_a:
        if (tmp_path / "a" / relative).is_file():
            first, second = tmp_path / "a" / relative, tmp_path / "b" / relative
            assert first.read_bytes() == second.read_bytes()
