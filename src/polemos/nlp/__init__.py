"""nlp stage: Article -> AnalyzedDoc (sentences; entities where a later stage asks for them)."""

from polemos.models import AnalyzedDoc, Article
from polemos.nlp.sentences import split_sentences


def analyze(article: Article) -> AnalyzedDoc:
    return AnalyzedDoc(article=article, sentences=split_sentences(article.text))


__all__ = ["analyze", "split_sentences"]
