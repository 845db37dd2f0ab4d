"""Near-duplicate articles: syndicated copies of one wire story under different ids.

Copies differ by a headline, a dropped paragraph, a local byline. MinHash over word 5-gram
shingles estimates their Jaccard similarity, LSH finds candidates without comparing every
pair. The dedup stage links copies to the first-seen original so one wire story counts as one
source, however many outlets reprint it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from datasketch import MinHash, MinHashLSH

from polemos.models import Article

_WORD = re.compile(r"\w+")
_SEED = 1  # fixed: signatures must agree across runs and processes


@dataclass(slots=True)
class NearDuplicateIndex:
    """Remembers articles and answers "is this a near copy of one seen before?".

    Two texts are copies when the estimated Jaccard similarity of their shingle sets reaches
    `threshold` (0.7 keeps light rewrites of one wire story together while two agencies'
    independent reports of the same event, in their own words, stay apart), or when one is
    mostly contained in the other (`containment`: an outlet that cut the last paragraphs) and
    they are still similar overall (`min_jaccard`, so a long feature quoting a short brief is
    not a copy of it). LSH retrieves candidates at `min_jaccard`, so it misses few copies.
    """

    threshold: float = 0.7
    containment: float = 0.85
    min_jaccard: float = 0.4
    num_perm: int = 128
    shingle_words: int = 5
    _lsh: MinHashLSH = field(init=False)
    _signatures: dict[str, MinHash] = field(init=False, default_factory=dict)
    _sizes: dict[str, int] = field(init=False, default_factory=dict)
    _order: dict[str, int] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._lsh = MinHashLSH(threshold=self.min_jaccard, num_perm=self.num_perm)

    def __len__(self) -> int:
        return len(self._signatures)

    def signature(self, text: str) -> MinHash:
        return self._signature(shingle(text, self.shingle_words))

    def _signature(self, shingles: set[str]) -> MinHash:
        minhash = _empty_minhash(self.num_perm)
        if shingles:
            minhash.update_batch([item.encode("utf-8") for item in shingles])
        return minhash

    def find(self, article: Article) -> str | None:
        """The doc_id of the earliest-added near copy of `article` (never itself), or None."""
        shingles = shingle(article.text, self.shingle_words)
        return self._best(article.doc_id, self._signature(shingles), len(shingles))

    def add(self, article: Article) -> str | None:
        """Index `article`; return the doc_id of an earlier near copy, or None.

        Adding the same doc_id again (a rerun) re-answers without indexing it twice.
        """
        shingles = shingle(article.text, self.shingle_words)
        minhash = self._signature(shingles)
        original = self._best(article.doc_id, minhash, len(shingles))
        if article.doc_id not in self._signatures:
            self._signatures[article.doc_id] = minhash
            self._sizes[article.doc_id] = len(shingles)
            self._order[article.doc_id] = len(self._order)
            self._lsh.insert(article.doc_id, minhash)
        return original

    def similarity(self, first: Article, second: Article) -> float:
        """Estimated Jaccard similarity of two articles' shingle sets."""
        return self.signature(first.text).jaccard(self.signature(second.text))

    def _best(self, doc_id: str, minhash: MinHash, size: int) -> str | None:
        if minhash.is_empty():
            return None
        matches = [
            key
            for key in self._lsh.query(minhash)
            if key != doc_id and self._is_copy(minhash, size, key)
        ]
        if not matches:
            return None
        return min(matches, key=lambda key: self._order[key])

    def _is_copy(self, minhash: MinHash, size: int, key: str) -> bool:
        jaccard = self._signatures[key].jaccard(minhash)
        if jaccard >= self.threshold:
            return True
        if jaccard < self.min_jaccard:
            return False
        other = self._sizes[key]
        # |A ∩ B| from J = |A ∩ B| / |A ∪ B| and |A ∪ B| = |A| + |B| - |A ∩ B|.
        shared = jaccard * (size + other) / (1 + jaccard)
        return shared / max(1, min(size, other)) >= self.containment


def _empty_minhash(num_perm: int) -> MinHash:
    """A new MinHash with the permutations of `MinHash(num_perm, seed=_SEED)`, drawn once:
    drawing them (a seeded RandomState per sketch) cost a quarter of each signature."""
    template = _template(num_perm)
    return MinHash(num_perm=num_perm, seed=_SEED, permutations=template.permutations,
                   scheme=template.scheme)


@cache
def _template(num_perm: int) -> MinHash:
    return MinHash(num_perm=num_perm, seed=_SEED)


def shingle(text: str, size: int) -> set[str]:
    """Lower-cased word n-grams; a text shorter than `size` words is one shingle."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[index : index + size]) for index in range(len(words) - size + 1)}
