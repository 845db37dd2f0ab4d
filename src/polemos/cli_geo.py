"""Geo-stage commands: `polemos geoparse`, `polemos eval geoparse`, `polemos bench geoparse`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from collections.abc import Iterator

    from polemos.geo.geoparser import Geoparser
    from polemos.models import Article, ArticleResult, Rejected

FILE_ARG = typer.Argument(..., help="A text file, or - for standard input.")
DATASET_ARG = typer.Argument(..., exists=True, dir_okay=False, help="Corpus JSONL.")
ERRORS_OPT = typer.Option(None, help="Write per-toponym outcomes (JSONL) here.")
REPAIR_OPT = typer.Option(
    False, "--repair-gold-hemisphere",
    help="Also score against gold points whose lost N/S or E/W sign is repaired from the "
    "document's wikipedia_title qualifier (WikToR); the raw numbers stay the headline.",
)

def geoparse_command(
    file: str = FILE_ARG,
    demonyms: bool = typer.Option(False, help="Also report demonyms ('Ukrainian')."),
    url: str | None = typer.Option(
        None, "--url", help="The article's URL: its host may name the paper's town or country."),
    articles: bool = typer.Option(
        False, "--articles", help="Read FILE as `polemos run` reads its inputs (JSONL, HTML, feeds,"
        " a directory...) and print one JSON line per article; articles of one host hear each"
        " other (polemos.geo.feeds)."),
) -> None:
    """Print the text's toponyms as one JSON object {"toponyms": [...]} (character offsets)."""
    from polemos.geo.geoparser import Geoparser

    parser = Geoparser(include_demonyms=demonyms)
    if articles:
        if url is not None:
            raise typer.BadParameter("--url is for one text; with --articles each has its own")
        _geoparse_articles(file, parser)
        return
    text = _read_text(file)
    toponyms = parser.parse(text, source_url=url)
    typer.echo(json.dumps({"toponyms": [t.as_json() for t in toponyms]}, ensure_ascii=False))


def _geoparse_articles(file: str, parser: Geoparser) -> None:
    """One JSON line per article of FILE, in batches as `polemos run` reads partitions, each
    batch hearing the feed votes of the batches before it; a rejected input or article is
    named on standard error and the rest goes on (exit 1 if any was)."""
    from itertools import islice

    from polemos.geo.feeds import FeedVotes, tallied
    from polemos.ingest import read_inputs
    from polemos.models import Article
    from polemos.pipeline import geoparse_articles
    from polemos.runner import BATCH_SIZE

    known: dict[str, FeedVotes] = {}
    failed = 0
    items = _stdin_articles() if file == "-" else read_inputs([file])
    while batch := list(islice(items, BATCH_SIZE)):
        for rejected in (item for item in batch if not isinstance(item, Article)):
            typer.echo(f"polemos geoparse: rejected {rejected}", err=True)
            failed += 1
        results = geoparse_articles([a for a in batch if isinstance(a, Article)], known, parser)
        for result in results:
            failed += result.error is not None
            typer.echo(json.dumps(_article_line(result), ensure_ascii=False))
        known = tallied(known, [r.article.url for r in results], [r.local_regions for r in results])
    if failed:
        typer.echo(f"polemos geoparse: {failed} input(s) or article(s) failed", err=True)
        raise typer.Exit(1)


def _stdin_articles() -> Iterator[Article | Rejected]:
    """Standard input read as one input file (any format ingest reads; held in memory, so
    bounded as a feed file is)."""
    from polemos.ingest import read_bytes
    from polemos.ingest.limits import DEFAULT_LIMITS
    from polemos.ingest.readers.common import read_bounded

    cap = DEFAULT_LIMITS.max_feed_bytes
    data = read_bounded(sys.stdin.buffer, cap)
    if data is None:
        typer.echo(f"polemos geoparse: standard input: larger than {cap:,} bytes; pass a file",
                   err=True)
        raise typer.Exit(2)
    return read_bytes(data, "standard input")


def _article_line(result: ArticleResult) -> dict:
    article = result.article
    line = {"id": article.doc_id, "origin": article.origin, "url": article.url,
            "toponyms": [t.as_json() for t in result.toponyms]}
    if result.error is not None:
        line["error"] = result.error
    return line


def _read_text(file: str) -> str:
    """The text of FILE or standard input, decoded as ingest decodes an article (encoding
    sniffed, binary refused, one article's size bound); a bad input ends the command with a
    message naming it, not a traceback."""
    from polemos.ingest.decode import DecodeError, decode_bytes
    from polemos.ingest.limits import DEFAULT_LIMITS
    from polemos.ingest.readers.common import read_bounded

    name = "standard input" if file == "-" else file
    cap = DEFAULT_LIMITS.max_article_bytes
    try:
        if file == "-":
            data = read_bounded(sys.stdin.buffer, cap)
        else:
            with Path(file).open("rb") as handle:
                data = read_bounded(handle, cap)
        if data is None:
            raise DecodeError(f"larger than one article's limit ({cap:,} bytes)")
        decoded = decode_bytes(data)
    except (OSError, DecodeError) as error:
        typer.echo(f"polemos geoparse: {name}: {_reason(error)}", err=True)
        raise typer.Exit(2) from None
    if decoded.warning:
        typer.echo(f"polemos geoparse: {name}: {decoded.warning}", err=True)
    return decoded.text


def _reason(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error)


def eval_geoparse_command(
    dataset: Path = DATASET_ARG,
    gold_spans: bool = typer.Option(False, "--gold-spans", help="Resolve gold mentions only."),
    split: str = typer.Option("eval", help="eval | train | all (mordecai3_split_approx)."),
    demonyms: bool = typer.Option(False, help="Detect demonyms as toponyms (TR-News, GWN)."),
    limit: int = typer.Option(0, help="Score only the first N documents (0: all)."),
    errors: Path | None = ERRORS_OPT,
    repair_gold_hemisphere: bool = REPAIR_OPT,
    as_json: bool = typer.Option(False, "--json", help="One JSON object on the last line."),
    no_url: bool = typer.Option(
        False, "--no-url", help="Ignore the documents' URLs (text only, the published protocol)."),
    feeds: bool = typer.Option(
        False, "--feeds", help="Read the corpus as one batch: each document also hears where its"
        " host's other documents are (polemos.geo.feeds; needs the URLs)."),
    feed_batch: int = typer.Option(
        0, "--feed-batch", min=0, help="With --feeds: read the corpus in batches of N documents,"
        " in its order, each hearing only its own and the earlier batches, as `polemos run`"
        " partitions hear the store (0: one batch)."),
) -> None:
    """Detection P/R/F1 and resolution accuracy (Acc@161km, exact id, errors, AUC). Each
    document's `url` is the parser's source hint unless --no-url."""
    from polemos.evaluate.geoparse import (
        evaluate_repaired,
        evaluate_report,
        load_docs,
        render_text,
    )
    from polemos.geo.geoparser import Geoparser

    if split not in ("eval", "train", "all"):
        raise typer.BadParameter("split must be eval, train or all")
    problems: list[str] = []
    docs = load_docs(dataset, split, problems)
    for problem in problems:
        typer.echo(problem, err=True)
    if limit:
        docs = docs[:limit]
    parser = Geoparser(include_demonyms=demonyms)
    if feeds and (no_url or repair_gold_hemisphere):
        raise typer.BadParameter("--feeds needs the URLs and goes without --repair-gold-hemisphere")
    if repair_gold_hemisphere:  # outcomes (for --errors) are the repaired ones
        result, outcomes, _ = evaluate_repaired(docs, parser, gold_spans, use_url=not no_url)
    else:
        result, outcomes = evaluate_report(docs, parser, gold_spans, use_url=not no_url,
                                           feeds=feeds, feed_batch=feed_batch)
    result["dataset"] = dataset.name
    result["split"] = split
    if errors:
        from polemos.evaluate.geoparse import iter_outcome_rows

        with errors.open("w", encoding="utf-8") as handle:
            for row in iter_outcome_rows(outcomes):
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    typer.echo(render_text(result))
    if as_json:
        typer.echo(json.dumps(result))


def bench_geoparse_command(
    docs: int = typer.Option(200, help="Documents to time (from the shipped corpora)."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object on the last line."),
) -> None:
    """Geoparser docs/s next to spaCy en_core_web_sm NER alone on the same documents."""
    from polemos.geo.bench import run_bench

    result = run_bench(docs)
    typer.echo(
        f"geoparser {result['geoparser_docs_per_s']:.1f} docs/s, spaCy NER "
        f"{result['spacy_ner_docs_per_s']:.1f} docs/s, ratio {result['ratio_vs_spacy_sm']:.2f}x"
    )
    if as_json:
        typer.echo(json.dumps(result))


def register(app: typer.Typer, eval_app: typer.Typer, bench_app: typer.Typer) -> None:
    """Add the geo stage's commands to the main CLI."""
    app.command("geoparse")(geoparse_command)
    eval_app.command("geoparse")(eval_geoparse_command)
    bench_app.command("geoparse")(bench_geoparse_command)
