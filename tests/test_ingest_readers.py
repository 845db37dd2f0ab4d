"""Each reader on well-formed input: the fields it fills and the order it yields them in."""

from __future__ import annotations

import json
import os
import plistlib
from datetime import date
from pathlib import Path

import httpx
import pytest

from polemos.ingest import FieldNames, Limits, read_bytes, read_inputs
from polemos.ingest.fetch import FetchError, fetch
from polemos.models import Article, Rejected

SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "seed" / "telegraph-2022-07-05.txt"
STORY = ("Russian shelling of the city of Kharkiv killed five people and wounded 22 on Monday, "
         "the regional governor said. There was no immediate comment from Moscow.")
LIMITS = Limits(today=date(2024, 1, 1))


def articles(records) -> list[Article]:
    records = list(records)
    assert all(isinstance(record, Article) for record in records), [str(r) for r in records]
    return records


def test_seed_article_date_prefix_and_caption_removed() -> None:
    (article,) = articles(read_inputs([SEED]))
    assert article.doc_id == "telegraph-2022-07-05.txt"
    assert article.published == date(2022, 7, 5)
    assert article.text.startswith("Vladimir Putin ordered his army")
    assert "REUTERS/" not in article.text and "date 2022" not in article.text
    assert article.language == "en"
    assert any("caption" in warning for warning in article.warnings)


def test_jsonl_fields_and_line_origins(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    rows = [{"id": "a", "date": "2022-06-28", "text": STORY, "url": "https://x.org/a",
             "title": "Kharkiv  shelled", "source": "Reuters"},
            {"id": 7, "date": "2022-06-29T10:00:00Z", "text": STORY}]
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n\n")
    first, second = articles(read_inputs([path]))
    assert (first.doc_id, first.published, first.url, first.title, first.source) == (
        "a", date(2022, 6, 28), "https://x.org/a", "Kharkiv shelled", "Reuters")
    assert first.origin == f"{path}:1"
    assert (second.doc_id, second.published, second.origin) == ("7", date(2022, 6, 29),
                                                                 f"{path}:2")


def test_csv_default_columns_semicolons_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("\ufeffID;Headline;Published;Body\nx1;Kharkiv;2022-06-28;\"" + STORY
                    + "\"\n", encoding="utf-8")
    (article,) = articles(read_inputs([path]))
    assert (article.doc_id, article.title, article.published) == ("x1", "Kharkiv",
                                                                  date(2022, 6, 28))
    assert article.text == STORY


def test_csv_column_mapping_override_and_missing_id(tmp_path: Path) -> None:
    path = tmp_path / "custom.tsv"
    path.write_text("story_body\twhen\n" + STORY + "\t2022-06-28\n" + STORY + "\t\n")
    fields = FieldNames(text=("story_body",), date=("when",))
    first, second = articles(read_inputs([path], fields=fields))
    assert (first.doc_id, second.doc_id) == ("custom.tsv#1", "custom.tsv#2")
    assert first.published == date(2022, 6, 28) and second.published is None


def test_html_main_text_title_date_author() -> None:
    page = ("<html><head><title>Five killed in Kharkiv</title>"
            '<meta name="author" content="Jane Doe">'
            '<meta property="article:published_time" content="2022-06-28T09:00:00Z">'
            "</head><body><nav>Home | World | Sign in</nav><article><h1>Five killed in Kharkiv"
            "</h1>" + "".join(f"<p>{STORY} Paragraph {n}.</p>" for n in range(4))
            + "</article><footer>© 2022 Example News. All rights reserved.</footer></body></html>")
    (article,) = articles(read_bytes(page.encode(), "kharkiv.html", limits=LIMITS))
    assert article.doc_id == "kharkiv.html"
    assert article.title == "Five killed in Kharkiv"
    assert article.published == date(2022, 6, 28)
    assert article.author == "Jane Doe"
    assert "regional governor said" in article.text
    assert "Sign in" not in article.text and "All rights reserved" not in article.text


def test_webarchive_reads_main_resource() -> None:
    page = "<html><body><article>" + f"<p>{STORY}</p>" * 3 + "</article></body></html>"
    archive = plistlib.dumps({"WebMainResource": {
        "WebResourceData": page.encode(), "WebResourceURL": "https://x.org/k",
        "WebResourceMIMEType": "text/html"}}, fmt=plistlib.FMT_BINARY)
    (article,) = articles(read_bytes(archive, "page.webarchive", limits=LIMITS))
    assert article.url == "https://x.org/k" and "Kharkiv" in article.text


RSS = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><guid>urn:1</guid><title>One</title><link>https://x.org/1</link>
<pubDate>Tue, 28 Jun 2022 10:00:00 GMT</pubDate>
<description><![CDATA[<p>{STORY}</p><p>Second paragraph here.</p>]]></description></item>
<item><title>Two</title><link>https://x.org/2</link><description>{STORY}</description></item>
</channel></rss>"""
ATOM = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom wire</title><entry><id>tag:x.org,2022:1</id><title>One</title>
<updated>2022-06-28T10:00:00Z</updated><content type="html">&lt;p&gt;{STORY}&lt;/p&gt;</content>
</entry></feed>"""


def test_rss_entries_become_articles() -> None:
    first, second = articles(read_bytes(RSS.encode(), "wire.rss", limits=LIMITS))
    assert (first.doc_id, first.title, first.url, first.source) == ("urn:1", "One",
                                                                    "https://x.org/1", "Wire")
    assert first.published == date(2022, 6, 28)
    assert first.text == STORY + "\nSecond paragraph here."
    assert second.doc_id == "https://x.org/2" and second.published is None


def test_atom_entry_content() -> None:
    (entry,) = articles(read_bytes(ATOM.encode(), "wire.xml", limits=LIMITS))
    assert entry.doc_id == "tag:x.org,2022:1" and entry.text == STORY
    assert entry.published == date(2022, 6, 28) and entry.source == "Atom wire"


def test_format_sniffed_when_extension_is_mute() -> None:
    (feed_entry, _) = read_bytes(RSS.encode(), "download", limits=LIMITS)
    assert feed_entry.doc_id == "urn:1"
    line = json.dumps({"id": "j", "text": STORY}).encode()
    (record,) = read_bytes(line, "download", limits=LIMITS)
    assert record.doc_id == "j"


def test_json_array_file() -> None:
    data = json.dumps({"articles": [{"id": "a", "text": STORY}, "oops"]}).encode()
    article, rejected = read_bytes(data, "dump.json", limits=LIMITS)
    assert article.doc_id == "a"
    assert isinstance(rejected, Rejected) and "item 2" in rejected.reason


def test_directories_recursive_sorted_hidden_skipped_and_deduplicated(tmp_path: Path) -> None:
    for relative in ["b/2.txt", "a/1.txt", "a/z/3.txt", ".git/x.txt", "a/.DS_Store", "c.txt"]:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(STORY)
    records = list(read_inputs([tmp_path, tmp_path / "c.txt", str(tmp_path / "a" / "*.txt")]))
    names = [Path(record.origin).relative_to(tmp_path).as_posix() for record in records]
    assert names == ["a/1.txt", "a/z/3.txt", "b/2.txt", "c.txt"]


def test_missing_inputs_and_empty_globs_are_named(tmp_path: Path) -> None:
    records = list(read_inputs([tmp_path / "nope.txt", str(tmp_path / "*.jsonl"),
                                tmp_path / "icon.png"]))
    (tmp_path / "icon.png").write_bytes(b"\x89PNG")
    records.extend(read_inputs([tmp_path / "icon.png"]))
    reasons = [(Path(record.origin).name, record.reason) for record in records]
    assert reasons == [("nope.txt", "no such file or directory"),
                       ("*.jsonl", "no files match this pattern"),
                       ("icon.png", "no such file or directory"),
                       ("icon.png", "not an article file (binary format by its extension)")]


def test_unreadable_file_is_rejected_not_raised(tmp_path: Path, monkeypatch) -> None:
    import polemos.ingest

    path = tmp_path / "secret.txt"
    path.write_text(STORY)

    def refuse(name, mode="r"):
        if str(name) == str(path):
            raise PermissionError(13, "Permission denied")
        return open(name, mode)  # noqa: SIM115

    monkeypatch.setattr(polemos.ingest, "open", refuse, raising=False)
    records = list(read_inputs([path, SEED]))
    assert isinstance(records[0], Rejected)
    assert "cannot open: Permission denied" in records[0].reason
    assert isinstance(records[1], Article)


def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (record,) = read_inputs([fifo])
    assert isinstance(record, Rejected) and record.reason == "not a regular file"


def test_fetch_bounds_size_and_reports_http_errors() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/feed":
            return httpx.Response(200, content=RSS.encode(),
                                  headers={"content-type": "application/rss+xml"})
        if request.url.path == "/big":
            return httpx.Response(200, content=b"x" * 5_000)
        return httpx.Response(404)

    client = httpx.Client(transport=httpx.MockTransport(handler))
    stream, kind = fetch("https://x.org/feed", LIMITS, client)
    assert kind == "feed" and stream.read().startswith(b"<?xml")
    with pytest.raises(FetchError, match="too large"):
        fetch("https://x.org/big", Limits(max_feed_bytes=1_000), client)
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch("https://x.org/missing", LIMITS, client)


def test_unreachable_url_is_rejected() -> None:
    (record,) = read_inputs(["http://127.0.0.1:9/feed.xml"])
    assert isinstance(record, Rejected) and "could not fetch" in record.reason


def test_non_english_is_tagged_not_dropped() -> None:
    text = ("Российские войска обстреляли Харьков в понедельник, погибли пять человек, "
            "сообщил губернатор области.")
    line = json.dumps({"id": "ru", "text": text}).encode()
    (article,) = articles(read_bytes(line, "x.jsonl", limits=LIMITS))
    assert article.language == "ru"


def test_feed_entry_html_with_control_characters() -> None:
    """Found by the fuzzer: lxml refused to build text nodes holding NUL/control characters."""
    feed = ("<?xml version='1.0'?><rss><channel><title>f</title><item><description><![CDATA["
            "<p>Shelling\x00 hit\x01 Izium.</p><p>Five\x1f died.</p>]]></description></item>"
            "</channel></rss>")
    (entry,) = articles(read_bytes(feed.encode(), "a.xml", limits=LIMITS))
    assert entry.text == "Shelling hit Izium.\nFive died."
