"""Shared fixtures for the scan tests: a small policy, fault-injecting plugins, archive builders."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from medguard.cli import main

HERE = Path(__file__).parent
POLICY = HERE / "policy.yaml"
FAULTS_POLICY = HERE / "faults-policy.yaml"
PLUGINS = HERE / "plugins"

FLAGGED = "This miracle cure melts fat. Studies show it works."
CLEAN = "Exercise helps many people feel better. Talk to your doctor."

WXR_HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:wp="http://wordpress.org/export/1.2/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Clinic blog</title>
"""
XML_BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<rss><channel><item><title>&lol3;</title></item></channel></rss>
"""


def wxr_item(post_id: int, title: str, body: str, post_type: str = "post") -> str:
    return (f"<item><title>{title}</title><link>https://clinic.example/{post_id}</link><dc:creator>editor</dc:creator>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded><wp:post_id>{post_id}</wp:post_id>"
            f"<wp:post_type>{post_type}</wp:post_type><wp:status>publish</wp:status></item>\n")


def write_jsonl(path: Path, records: list[dict], tail: bytes = b"") -> Path:
    with open(path, "wb") as out:
        for record in records:
            out.write(json.dumps(record).encode() + b"\n")
        out.write(tail)
    return path


def make_archive(root: Path) -> Path:
    """A folder of every supported format with one of each kind of bad input among good documents."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pages").mkdir()
    (root / "pages" / "a-flagged.html").write_text(f"<html><body><h1>Offer</h1><p>{FLAGGED}</p></body></html>")
    (root / "pages" / "b-clean.md").write_text(f"# Clean\n\n{CLEAN}\n")
    (root / "pages" / "c-corrupt.txt").write_bytes(b"\x00\x01\x02 binary \x00 junk" * 10)
    (root / "pages" / "d-latin1.txt").write_bytes("Caf\xe9 miracle cure, guaranteed results.".encode("latin-1"))
    (root / "pages" / "e-kaboom.txt").write_text("KABOOM: this document makes the boom rule raise. Miracle cure!")
    write_jsonl(root / "export.jsonl", [
        {"id": "j1", "title": "Flagged", "text": FLAGGED},
        {"id": "j2", "title": "Clean", "text": CLEAN},
        {"id": "j3", "title": "HTML body", "text": f"<p>{FLAGGED}</p>"},
    ], tail=b'{"id": "j4", "title": "Invalid UTF-8", "text": "caf\xe9 \xff wonder drug"}\n{"id": "j5", "text": "truncated li')
    (root / "export.csv").write_text(f'id,title,body\nc1,Flagged,"{FLAGGED}"\nc2,Clean,"{CLEAN}\nsecond line"\n')
    (root / "site.xml").write_text(WXR_HEAD + wxr_item(11, "Post", f"<p>{FLAGGED}</p>")
                                   + wxr_item(12, "Logo", "", "attachment") + wxr_item(13, "Page", f"<p>{CLEAN}</p>", "page")
                                   + "</channel></rss>\n")
    (root / "zz-bomb.xml").write_text(XML_BOMB)
    return root


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return make_archive(tmp_path / "archive")


def scan(*args: str) -> int:
    return main(["scan", *map(str, args)])


def report(*args: str) -> int:
    return main(["report", *map(str, args)])


def rows(store: Path, query: str = "SELECT * FROM documents ORDER BY key", params: tuple = ()) -> list[dict]:
    db = sqlite3.connect(store)
    db.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in db.execute(query, params)]
    finally:
        db.close()


def by_key(store: Path) -> dict[str, dict]:
    return {r["key"]: r for r in rows(store)}


def comparable(store: Path) -> dict[str, tuple]:
    """What two scans of the same archive must agree on, document by document."""
    out = {}
    for key, row in by_key(store).items():
        findings = json.loads(row["findings"])
        diagnostics = json.loads(row["diagnostics"])
        out[key] = (row["status"], row["decision"], row["content_hash"], row["doc_id"],
                    [(f["rule"], f["fingerprint"], f.get("start"), f.get("end")) for f in findings],
                    sorted(d["code"] for d in diagnostics if d["code"] != "worker-restarted"))
    return out
