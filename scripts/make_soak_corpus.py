"""Generate a soak corpus: N mixed good and hostile articles across every input format.

    python scripts/make_soak_corpus.py OUT_DIR [--n 20000] [--seed 0] [--hostile-share 0.05]
    polemos run OUT_DIR/corpus --db sqlite:///soak.db   # compare with OUT_DIR/manifest.json

Good articles recombine the bundled samples (src/polemos/samples: paragraphs shuffled and mixed
across samples, dates shifted), or synthetic sentences when no samples are there; a share are
syndicated near-copies (agency dateline added, a paragraph dropped) to exercise dedup. Hostile
inputs: binary files, empty files, Windows-1252 text, NUL bytes, broken JSONL lines, future
dates, megabyte lines, HTML without text, non-English text. No network is used.
manifest.json states how many articles and rejections `read_inputs` must yield: the run's
summary should match it (articles read = "articles", rejected = "rejected").
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "polemos" / "samples"
PLACES = ["Kharkiv", "Izium", "Bakhmut", "Khartoum", "El Fasher", "Mogadishu", "Goma", "Sittwe"]
ACTORS = ["Government forces", "Rebel fighters", "Militiamen", "Unidentified gunmen", "Police"]
VERBS = ["shelled", "attacked", "raided", "bombed", "clashed with residents in"]
FRENCH = ("Des tirs d'artillerie ont frappé la ville dans la nuit, ont indiqué les autorités "
          "locales. Plusieurs maisons ont été détruites et les habitants ont fui vers le sud.")
SPANISH = ("Un ataque con drones alcanzó un depósito de combustible el lunes, según las "
           "autoridades regionales. No se registraron víctimas, pero el incendio duró horas.")


@dataclass
class Corpus:
    out: Path
    rng: random.Random
    paragraphs: list[list[str]]
    counts: dict[str, int] = field(default_factory=lambda: {"articles": 0, "rejected": 0})
    serial: int = 0

    def next_id(self, prefix: str = "soak") -> str:
        self.serial += 1
        return f"{prefix}-{self.serial:06d}"

    def story(self) -> tuple[str, date]:
        base = list(self.rng.choice(self.paragraphs))
        if self.rng.random() < 0.5:
            base += self.rng.sample(self.rng.choice(self.paragraphs), 1)
        self.rng.shuffle(base)
        day = date(2022, 1, 1) + timedelta(days=self.rng.randrange(900))
        return "\n\n".join(base), day


def load_paragraphs() -> list[list[str]]:
    found = []
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8").lstrip()
        if text.startswith("date "):
            text = text.split(" ", 2)[2]
        paragraphs = [part.strip() for part in text.split("\n\n") if part.strip()]
        if paragraphs:
            found.append(paragraphs)
    return found


def synthetic_paragraphs(rng: random.Random) -> list[list[str]]:
    articles = []
    for _ in range(40):
        sentences = [f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(PLACES)} on "
                     f"{rng.choice(['Monday', 'Tuesday', 'Friday'])}, killing {rng.randint(1, 30)} "
                     f"people, officials said." for _ in range(6)]
        articles.append([" ".join(sentences[:3]), " ".join(sentences[3:])])
    return articles


def write_good(corpus: Corpus, total: int) -> None:
    """Good articles spread over JSONL, text, CSV, HTML and RSS files."""
    records = []
    for _ in range(total):
        text, day = corpus.story()
        if records and corpus.rng.random() < 0.1:  # syndicated near-copy of an earlier story
            earlier = corpus.rng.choice(records)
            parts = earlier["text"].split("\n\n")
            text = "KYIV (Reuters) - " + "\n\n".join(parts[:-1] if len(parts) > 2 else parts)
            day = date.fromisoformat(earlier["date"])
        records.append({"id": corpus.next_id(), "date": day.isoformat(), "text": text,
                        "title": text.split(".")[0][:80], "source": "soak"})
    corpus.counts["articles"] += len(records)
    formats = ["jsonl"] * 10 + ["text"] * 4 + ["csv"] * 3 + ["html"] * 2 + ["feed"]
    groups: dict[str, list[dict]] = {kind: [] for kind in set(formats)}
    for record in records:
        groups[corpus.rng.choice(formats)].append(record)
    _write_jsonl(corpus.out / "jsonl", groups["jsonl"], 1000)
    for record in groups["text"]:
        _write(corpus.out / "text" / f"{record['id']}.txt",
               f" date {record['date']} {record['text']}".encode())
    _write_csv(corpus.out / "csv", groups["csv"], 500)
    for record in groups["html"]:
        body = "".join(f"<p>{escape(part)}</p>" for part in record["text"].split("\n\n"))
        page = (f"<html><head><title>{escape(record['title'])}</title><meta name='date' "
                f"content='{record['date']}'></head><body><article>{body}</article></body></html>")
        _write(corpus.out / "html" / f"{record['id']}.html", page.encode())
    _write_feeds(corpus.out / "feeds", groups["feed"], 50)


def write_hostile(corpus: Corpus, total: int) -> None:
    """Inputs that must each yield exactly one Rejected, or one Article with a warning."""
    makers = [_binary, _empty, _cp1252, _nul, _broken_line, _future, _long_line, _no_text_html,
              _foreign]
    for number in range(total):
        makers[number % len(makers)](corpus)


def _binary(corpus: Corpus) -> None:
    _write(corpus.out / "hostile" / f"{corpus.next_id('bin')}.txt",
           b"\x89PNG\r\n\x1a\n" + corpus.rng.randbytes(2_000))
    corpus.counts["rejected"] += 1


def _empty(corpus: Corpus) -> None:
    _write(corpus.out / "hostile" / f"{corpus.next_id('empty')}.txt", b"  \n")
    corpus.counts["rejected"] += 1


def _cp1252(corpus: Corpus) -> None:
    text, day = corpus.story()
    data = f" date {day} {text} \u201cQuoted\u201d \u2013 caf\u00e9.".encode("cp1252", "replace")
    _write(corpus.out / "hostile" / f"{corpus.next_id('cp1252')}.txt", data)
    corpus.counts["articles"] += 1


def _nul(corpus: Corpus) -> None:
    text, day = corpus.story()
    data = f" date {day} {text}".encode().replace(b". ", b".\x00 ", 3)
    _write(corpus.out / "hostile" / f"{corpus.next_id('nul')}.txt", data)
    corpus.counts["articles"] += 1


def _broken_line(corpus: Corpus) -> None:
    _write(corpus.out / "hostile" / f"{corpus.next_id('broken')}.jsonl",
           b'{"id": "cut", "text": "Shelling hit the town of\n')
    corpus.counts["rejected"] += 1


def _future(corpus: Corpus) -> None:
    text, _ = corpus.story()
    record = {"id": corpus.next_id("future"), "date": "2099-01-01", "text": text}
    _write(corpus.out / "hostile" / f"{record['id']}.jsonl", (json.dumps(record) + "\n").encode())
    corpus.counts["articles"] += 1


def _long_line(corpus: Corpus) -> None:
    words = " ".join(corpus.rng.choice(PLACES) for _ in range(20_000))
    _write(corpus.out / "hostile" / f"{corpus.next_id('long')}.txt", words.encode())
    corpus.counts["articles"] += 1


def _no_text_html(corpus: Corpus) -> None:
    _write(corpus.out / "hostile" / f"{corpus.next_id('nav')}.html",
           b"<html><body><nav><a href='/'>Home</a></nav><script>x=1</script></body></html>")
    corpus.counts["rejected"] += 1


def _foreign(corpus: Corpus) -> None:
    text = corpus.rng.choice([FRENCH, SPANISH])
    _write(corpus.out / "hostile" / f"{corpus.next_id('foreign')}.txt", text.encode())
    corpus.counts["articles"] += 1


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _chunks(records: list[dict], size: int):
    for start in range(0, len(records), size):
        yield start // size, records[start : start + size]


def _write_jsonl(folder: Path, records: list[dict], size: int) -> None:
    for number, chunk in _chunks(records, size):
        lines = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in chunk)
        _write(folder / f"batch-{number:04d}.jsonl", lines.encode())


def _write_csv(folder: Path, records: list[dict], size: int) -> None:
    for number, chunk in _chunks(records, size):
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=["id", "date", "title", "source", "text"])
        writer.writeheader()
        writer.writerows(chunk)
        _write(folder / f"batch-{number:04d}.csv", buffer.getvalue().encode())


def _write_feeds(folder: Path, records: list[dict], size: int) -> None:
    for number, chunk in _chunks(records, size):
        items = "".join(
            f"<item><guid>{record['id']}</guid><title>{escape(record['title'])}</title>"
            f"<pubDate>{date.fromisoformat(record['date']).strftime('%a, %d %b %Y')} 12:00:00 "
            f"GMT</pubDate><description>{escape(record['text'])}</description></item>"
            for record in chunk
        )
        feed = f"<?xml version='1.0'?><rss version='2.0'><channel><title>Soak</title>{items}" \
               "</channel></rss>"
        _write(folder / f"feed-{number:04d}.xml", feed.encode())


def make_corpus(out: Path, n: int = 20_000, seed: int = 0, hostile_share: float = 0.05) -> dict:
    rng = random.Random(seed)
    paragraphs = load_paragraphs() or synthetic_paragraphs(rng)
    corpus = Corpus(out / "corpus", rng, paragraphs)
    hostile = round(n * hostile_share)
    write_good(corpus, n - hostile)
    write_hostile(corpus, hostile)
    manifest = {"n": n, "seed": seed, "hostile": hostile, **corpus.counts,
                "samples": "bundled" if load_paragraphs() else "synthetic"}
    out.mkdir(parents=True, exist_ok=True)
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--hostile-share", type=float, default=0.05)
    args = parser.parse_args()
    print(json.dumps(make_corpus(args.out, args.n, args.seed, args.hostile_share)))


if __name__ == "__main__":
    main()
