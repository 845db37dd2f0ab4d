"""Regenerate the hostile input corpus beside this file (run once; the files are committed).

Each file is small and breaks ingest in one specific way; EXPECTED.json (beside it) says what
ingest must yield for it. Big hostile inputs (100 MB files, megabyte lines) are generated in a
temporary directory by the tests instead of being stored here.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
STORY = ("Russian shelling of the city of Kharkiv killed five people and wounded 22 on Monday, "
         "the regional governor said. There was no immediate comment from Moscow.")
FRENCH = ("Les bombardements russes sur la ville de Kharkiv ont tué cinq personnes lundi, a "
          "déclaré le gouverneur régional. Il n'y a pas eu de commentaire immédiat de Moscou.")


def files() -> dict[str, bytes]:
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    return {
        "png-named-txt.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "pdf-named-txt.txt": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n" + bytes(64),
        "elf-named-jsonl.jsonl": b"\x7fELF\x02\x01\x01" + bytes(200),
        "empty.txt": b"",
        "whitespace-only.txt": b" \n\t\r\n   \n",
        "cp1252.txt": f"{STORY} The caf\xe9 \x93owner\x94 said \x96 nothing.".encode("latin-1"),
        "utf16-bom.txt": STORY.encode("utf-16"),
        "nul-bytes.txt": STORY[:40].encode() + b"\x00\x00" + STORY[40:].encode(),
        "future-date.txt": f" date 2099-01-01 {STORY}".encode(),
        "impossible-date.txt": f" date 2022-02-30 {STORY}".encode(),
        "captions-only.txt": (b"A man walks past a destroyed building in Kharkiv, Ukraine "
                              b"June 27, 2022. REUTERS/Jane Doe\nBy John Smith\nRead more: "
                              b"war in Ukraine\n\xc2\xa9 2022 Reuters. All rights reserved."),
        "broken.jsonl": b"\n".join([
            json.dumps({"id": "good-1", "date": "2022-06-28", "text": STORY}).encode(),
            b'{"id": "cut-off", "text": "Russian shel',
            b"[1, 2, 3]",
            json.dumps({"id": "no-text", "date": "2022-06-28"}).encode(),
            json.dumps({"date": "2022-06-28", "text": STORY}).encode(),
            json.dumps({"id": "future", "date": "2999-01-01", "text": STORY}).encode(),
            json.dumps({"id": "number-text", "text": 42}).encode(),
            json.dumps({"id": "surrogate", "text": "Kharkiv \ud800shelled " + STORY}).encode(),
            b'{"id": "cp1252-line", "text": "Caf\xe9 owners in Kharkiv said the shelling '
            b'killed five people and wounded 22 on Monday."}',
            b"[" * 5000 + b"]" * 5000,
            b'{"id": ' + b"9" * 5000 + b', "text": "x"}',
            json.dumps({"id": "good-2", "date": "2022-06-28", "text": STORY}).encode(),
        ]) + b"\n",
        "no-text-column.csv": b"id,date,headline\n1,2022-06-28,Shelling in Kharkiv\n",
        "ragged.csv": (b"id,date,text\n"
                       b"r1,2022-06-28,\"" + STORY.encode() + b"\"\n"
                       b"r2,2022-06-28,too,many,cells\n"
                       b"r3,2022-06-28,\"" + STORY.encode() + b"\"\n"),
        "no-main-text.html": b"<html><head><title>Menu</title></head><body><nav><a href='/'>Home"
                             b"</a></nav><script>var x = 1;</script></body></html>",
        "not-html.html": b"just some words with no markup at all",
        "billion-laughs.xml": (f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY l0 "lol">'
                               f"{laughs}]><rss><channel><item><description>&l9;</description>"
                               f"</item></channel></rss>").encode(),
        "garbage-feed.rss": b"<rss><channel><<<>>>&&& not xml at all",
        "french.txt": f" date 2022-06-28 {FRENCH}".encode(),
        "mhtml-article.mhtml": _mhtml(),
    }


def _mhtml() -> bytes:
    html = ("<html><head><title>Kharkiv shelled</title></head><body><article>"
            + "".join(f"<p>{STORY}</p>" for _ in range(3)) + "</article></body></html>")
    return ("From: <Saved by Blink>\r\nSnapshot-Content-Location: https://example.org/kharkiv\r\n"
            "MIME-Version: 1.0\r\nContent-Type: multipart/related; type=\"text/html\"; "
            "boundary=\"BOUNDARY\"\r\n\r\n--BOUNDARY\r\nContent-Type: text/html\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n"
            "Content-Location: https://example.org/kharkiv\r\n\r\n"
            f"{html}\r\n--BOUNDARY--\r\n").encode()


if __name__ == "__main__":
    for name, data in files().items():
        (HERE / name).write_bytes(data)
    print(f"wrote {len(files())} files to {HERE}")
