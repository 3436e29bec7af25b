"""The JSONL, WXR and CSV readers, and the streaming extension of the reader protocol."""

from __future__ import annotations

import io

import pytest

from medguard import InputError, PluginHost, SourceDocument
from medguard.readers.csv import CsvReader
from medguard.readers.jsonl import FieldMap, JsonlReader
from medguard.readers.wxr import WxrReader
from medguard.sources import iter_sources, read_file

from .conftest import WXR_HEAD, XML_BOMB, wxr_item


def docs(results) -> list[SourceDocument]:
    return [r for r in results if isinstance(r, SourceDocument)]


def errors(results) -> list[InputError]:
    return [r for r in results if isinstance(r, InputError)]


# -- JSONL -----------------------------------------------------------------------------------------
def test_jsonl_default_fields_and_bad_lines_are_per_line():
    data = (b'{"id": 1, "title": "A", "body": "one"}\n'
            b'\n'
            b'not json at all\n'
            b'[1, 2]\n'
            b'{"id": 5, "title": "no body"}\n'
            b'{"id": 6, "content": {"rendered": "<p>WordPress REST</p>"}, "link": "https://x/6"}\n'
            b'{"id": 7, "text": "cut sho')
    results = list(JsonlReader().read(data, "export.jsonl"))
    assert [d.source for d in docs(results)] == ["export.jsonl:1", "export.jsonl:6"]
    first, wp = docs(results)
    assert (first.document.id, first.document.title, first.document.body, first.document.format) == ("1", "A", "one", "text")
    assert (wp.document.body, wp.document.format, wp.document.url) == ("<p>WordPress REST</p>", "html", "https://x/6")
    bad = errors(results)
    assert [e.source for e in bad] == ["export.jsonl:3", "export.jsonl:4", "export.jsonl:5", "export.jsonl:7"]
    assert "invalid JSON" in str(bad[0]) and "expected a JSON object" in str(bad[1])
    assert "no body" in str(bad[2]) and "--fields body=NAME" in str(bad[2])
    assert "truncated" in str(bad[3])


def test_jsonl_configured_field_names_dotted_paths_and_metadata():
    fields = FieldMap.parse("id=story_id,title=meta.headline,body=payload.html,format=kind,url=permalink,metadata=date|author")
    data = (b'{"story_id": "s-1", "meta": {"headline": "H"}, "payload": {"html": "<p>x</p>"}, "kind": "html", '
            b'"permalink": "https://p/1", "date": "2024-01-02", "author": "ann", "text": "ignored"}\n')
    (result,) = JsonlReader(fields).read(data, "f.jsonl")
    document = result.document
    assert (document.id, document.title, document.body, document.format, document.url) == ("s-1", "H", "<p>x</p>", "html", "https://p/1")
    assert document.metadata == {"date": "2024-01-02", "author": "ann"}


def test_jsonl_field_names_the_records_lack_are_reported_on_each_document():
    fields = FieldMap.parse("id=stroy_id,body=text,metadata=date|autor")
    data = b'{"story_id": "s-1", "text": "Zolvex cures arthritis.", "date": "2024-01-02", "author": "ann"}\n'
    (result,) = JsonlReader(fields).read(data, "f.jsonl")
    assert result.document.id is None
    assert [(d.code, d.level) for d in result.diagnostics] == [("field-missing", "warning")] * 2
    assert "no field 'stroy_id' (named by --fields id=stroy_id)" in result.diagnostics[0].message
    assert "'autor'" in result.diagnostics[1].message
    (clean,) = JsonlReader(FieldMap.parse("id=story_id,body=text")).read(data, "f.jsonl")
    assert clean.diagnostics == [] and clean.document.id == "s-1"


def test_field_map_rejects_unknown_fields_and_formats():
    with pytest.raises(ValueError, match="unknown field 'bodyy'"):
        FieldMap.parse("bodyy=text")
    with pytest.raises(ValueError, match="FIELD=NAME"):
        FieldMap.parse("body")
    with pytest.raises(ValueError, match="unknown body format"):
        FieldMap.parse(None, default_format="docx")
    assert FieldMap.parse(None, default_format="markdown").default_format == "markdown"


def test_jsonl_invalid_utf8_is_replaced_and_reported_on_its_document():
    (result,) = JsonlReader().read(b'{"text": "caf\xe9 ok"}\n', "f.jsonl")
    assert result.document.body == "caf\ufffd ok"
    assert [d.code for d in result.diagnostics] == ["invalid-utf8"]


def test_jsonl_overlong_line_is_skipped_without_loading_it():
    reader = JsonlReader(max_line_bytes=100)
    data = b'{"text": "' + b"x" * 500 + b'"}\n{"text": "after"}\n'
    results = list(reader.read(data, "big.jsonl"))
    assert [str(e) for e in errors(results)] == ["big.jsonl:1: line is longer than 0 MiB; skipped"]
    assert [d.source for d in docs(results)] == ["big.jsonl:2"]


def test_jsonl_shard_reading_matches_whole_file(tmp_path):
    from medguard.scan.ray_engine import shard_jsonl

    path = tmp_path / "many.jsonl"
    path.write_bytes(b"".join(b'{"id": %d, "text": "document number %d"}\n' % (i, i) for i in range(200)) + b'{"id": 999, "text": "no newline"}')
    reader = JsonlReader()
    whole = [(r.source, r.document.id) for r in reader.read_path(path, str(path))]
    shards = shard_jsonl(path, 700)
    assert len(shards) > 5 and shards[0][0] == 0 and shards[-1][1] == path.stat().st_size
    pieces = []
    with open(path, "rb") as stream:
        for start, end, line in shards:
            stream.seek(start)
            pieces.extend((r.source, r.document.id) for r in reader.read_stream(stream, str(path), first_line=line, end=end))
    assert pieces == whole and len(whole) == 201


# -- WXR -------------------------------------------------------------------------------------------
def test_wxr_reads_posts_and_pages_and_skips_attachments():
    data = (WXR_HEAD + wxr_item(11, "Post", "<p>Body one</p>") + wxr_item(12, "Logo", "", "attachment")
            + wxr_item(13, "About", "<p>Page</p>", "page") + "</channel></rss>").encode()
    results = list(WxrReader().read(data, "site.xml"))
    assert not errors(results)
    post, page = docs(results)
    assert (post.source, post.document.id, post.document.title, post.document.format, post.document.url) == (
        "site.xml#0", "11", "Post", "html", "https://clinic.example/11")
    assert post.document.metadata["post_type"] == "post" and post.document.metadata["author"] == "editor"
    assert (page.source, page.document.body) == ("site.xml#2", "<p>Page</p>")


def test_wxr_xml_bomb_is_refused_with_a_clear_error(tmp_path):
    path = tmp_path / "bomb.xml"
    path.write_text(XML_BOMB)
    (error,) = list(read_file(path, PluginHost(entry_points=False)))
    assert isinstance(error, InputError)
    assert "refused to parse" in str(error) and "entity" in str(error) and "billion laughs" in str(error)


def test_wxr_external_entity_is_refused():
    data = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss><channel><item>&xxe;</item></channel></rss>'
    with pytest.raises(InputError, match="refused to parse"):
        list(WxrReader().read(data, "xxe.xml"))


def test_wxr_truncated_file_keeps_items_before_the_damage():
    data = (WXR_HEAD + wxr_item(1, "One", "<p>first</p>") + wxr_item(2, "Two", "<p>second</p>") + "<item><title>cut").encode()
    results = list(WxrReader().read(data, "cut.xml"))
    assert [d.document.id for d in docs(results)] == ["1", "2"]
    (error,) = errors(results)
    assert error.source == "cut.xml#error" and "malformed XML" in str(error) and "2 item(s) read before it" in str(error)


def test_wxr_invalid_utf8_and_control_characters_are_repaired():
    data = (WXR_HEAD + wxr_item(1, "One", "<p>caf\udcff\x0b ok</p>") + "</channel></rss>").encode("utf-8", "surrogateescape")
    (result,) = list(WxrReader().read(data, "bad.xml"))
    assert "\ufffd" in result.document.body
    assert [d.code for d in result.diagnostics] == ["invalid-utf8"]


def test_wxr_other_xml_is_not_taken_for_an_export():
    with pytest.raises(InputError, match="not a WordPress export"):
        list(WxrReader().read(b"<urlset><url/></urlset>", "sitemap.xml"))


# -- CSV -------------------------------------------------------------------------------------------
def test_csv_rows_are_named_by_their_first_line_and_bad_rows_are_per_row():
    data = b'ID,Title,Body,URL\n1,A,"multi\nline body",https://x/1\n2,B,,\n3,C\n4,D,fine,\n'
    results = list(CsvReader().read(data, "posts.csv"))
    assert [(d.source, d.document.id, d.document.body) for d in docs(results)] == [
        ("posts.csv:2", "1", "multi\nline body"), ("posts.csv:4", "2", ""), ("posts.csv:6", "4", "fine")]
    assert docs(results)[0].document.url == "https://x/1"
    (error,) = errors(results)
    assert error.source == "posts.csv:5" and "no body" in str(error)


def test_csv_configured_columns_tsv_and_invalid_utf8():
    reader = CsvReader(FieldMap.parse("id=slug,body=article_text"))
    results = list(reader.read(b"slug\tarticle_text\nfirst\tcaf\xe9\n", "x.tsv"))
    (result,) = results
    assert (result.document.id, result.document.body) == ("first", "caf\ufffd")
    assert [d.code for d in result.diagnostics] == ["invalid-utf8"]


def test_csv_without_a_body_column_is_one_clear_error():
    with pytest.raises(InputError, match="no body column .* columns are id, name"):
        list(CsvReader().read(b"id,name\n1,x\n", "people.csv"))


def test_csv_columns_named_by_fields_must_be_in_the_header():
    reader = CsvReader(FieldMap.parse("id=slugg,body=article_text,url=Permalink"))
    with pytest.raises(InputError, match=r"no column for --fields id=slugg \(columns are slug, article_text, permalink\)"):
        list(reader.read(b"slug,article_text,permalink\nx1,Zolvex cures arthritis.,https://x\n", "posts.csv"))


# -- registration and streaming ----------------------------------------------------------------------
def test_readers_are_registered_and_stream_from_paths(tmp_path, monkeypatch):
    host = PluginHost(entry_points=False)
    for extension, name in ((".jsonl", "jsonl"), (".ndjson", "jsonl"), (".xml", "wxr"), (".wxr", "wxr"), (".csv", "csv"), (".tsv", "csv"),
                            (".mkd", "markdown"), (".mdown", "markdown")):
        assert host.readers[extension].name == name
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "one"}\n')
    reader = host.readers[".jsonl"]
    monkeypatch.setattr(type(reader), "read", lambda self, data, source: (_ for _ in ()).throw(AssertionError("read() used")))
    (result,) = list(iter_sources([str(tmp_path)], host))
    assert result.document.body == "one"  # read_path was preferred over read(bytes)


def test_a_reader_without_read_path_still_gets_bytes(tmp_path):
    host = PluginHost(entry_points=False)
    path = tmp_path / "page.txt"
    path.write_text("plain")
    (result,) = list(read_file(path, host))
    assert not hasattr(host.readers[".txt"], "read_path") and result.document.body == "plain"


def test_read_stream_accepts_any_binary_stream():
    assert [d.document.body for d in JsonlReader().read_stream(io.BytesIO(b'{"body": "x"}\n'), "s")] == ["x"]


@pytest.mark.parametrize("defused", [True, False], ids=["defusedxml", "stdlib-fallback"])
def test_wxr_refuses_entities_with_and_without_defusedxml(defused, monkeypatch):
    import sys

    if defused:
        pytest.importorskip("defusedxml")
    else:
        monkeypatch.setitem(sys.modules, "defusedxml", None)  # import fails: the stdlib guards are used
    with pytest.raises(InputError, match=r"refused to parse: the XML declares an entity \('lol'\)"):
        list(WxrReader().read(XML_BOMB.encode(), "bomb.xml"))
    xxe = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss><channel><item>&xxe;</item></channel></rss>'
    with pytest.raises(InputError, match="refused to parse"):
        list(WxrReader().read(xxe, "xxe.xml"))
    ok = (WXR_HEAD + wxr_item(1, "One", "<p>fine</p>") + "</channel></rss>").encode()
    assert [d.document.id for d in WxrReader().read(ok, "ok.xml")] == ["1"]
