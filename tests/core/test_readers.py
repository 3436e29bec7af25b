"""Readers (file bytes -> documents) and parsers (body -> text, blocks, links, source map)."""

from __future__ import annotations

import html
import json
import re

import pytest

from medguard import Document
from medguard.sources import iter_sources

from .conftest import ARTICLES, EXAMPLES, check_text


def read(host, path):
    items = list(iter_sources([str(path)], host))
    assert items, f"nothing read from {path}"
    return items


def parse(host, body: str, fmt: str):
    return host.parsers[fmt].parse(body)


def blocks_of(parsed, kind: str) -> list[str]:
    return [parsed.text[b.start:b.end] for b in parsed.blocks if b.kind == kind]


def flat(text: str) -> str:
    return " ".join(text.split())


def visible(source_slice: str) -> str:
    """What a browser shows for a slice of HTML: tags dropped, entities decoded, spaces collapsed."""
    return flat(html.unescape(re.sub(r"<[^>]*>", " ", source_slice)))


def line_column(source: str, offset: int) -> tuple[int, int]:
    line = source.count("\n", 0, offset) + 1
    return line, offset - (source.rfind("\n", 0, offset) + 1) + 1


# -- readers ---------------------------------------------------------------------------------

def test_text_reader(host):
    [item] = read(host, ARTICLES / "plain-press-release.txt")
    assert item.document.format == "text"
    assert item.document.id == "plain-press-release"
    assert item.document.body.startswith("FOR IMMEDIATE RELEASE")
    assert item.diagnostics == []


@pytest.mark.parametrize("name, encoding", [("notice.html", "utf-16-le"), ("notice.md", "utf-16-be")])
def test_utf16_without_a_byte_order_mark_is_read_and_the_guess_is_said(host, engine, tmp_path, name, encoding):
    """What .NET's Encoding.Unicode.GetBytes or a CMS export script writes: UTF-16 with no BOM.
    Its NUL bytes fall at every other byte, so it is read, not refused as binary, and the
    report says the encoding was guessed."""
    body = ("<h1>Patient notice</h1>\n<p>Café owners say: “Calmadol” cures colds 😀.</p>\n" if name.endswith(".html")
            else "# Patient notice\n\nCafé owners say: “Calmadol” cures colds 😀.\n")
    path = tmp_path / name
    path.write_bytes(body.encode(encoding))
    [item] = read(host, path)
    assert item.document.body == body
    [diagnostic] = item.diagnostics
    assert (diagnostic.level, diagnostic.code) == ("warning", "guessed-encoding")
    assert diagnostic.message == (f"no byte-order mark: read as UTF-16 {encoding[-2:].upper()}, "
                                  "the encoding guessed from where its NUL bytes fall")
    report = engine.check(item.document, source=str(path), diagnostics=item.diagnostics).report
    [finding] = report.findings
    assert body[finding.source_start:finding.source_end] == "cures"
    assert (finding.line, finding.column) == line_column(body, body.index("cures"))
    assert [d.code for d in report.diagnostics] == ["guessed-encoding"]


@pytest.mark.parametrize("data", [
    bytes(b for i in range(2000) for b in (i % 251, 0)),  # 16-bit samples: NULs at every other byte, but control characters
    "It cures colds.".encode("utf-16-le")[:-1],  # an odd number of bytes
    "It cures colds.".encode("utf-16-le") + b"\x00\xd8",  # a lone surrogate at the end
])
def test_binary_with_nul_bytes_at_every_other_byte_is_still_binary(host, tmp_path, data):
    path = tmp_path / "samples.txt"
    path.write_bytes(data)
    [error] = read(host, path)
    assert str(error) == f"{path}: looks like a binary file (NUL bytes), not a document"


def test_markdown_reader_keeps_front_matter_for_the_parser(host):
    [item] = read(host, ARTICLES / "promo-weightloss.md")
    assert item.document.format == "markdown"
    assert item.document.body.startswith("---\ntitle:")
    parsed = parse(host, item.document.body, "markdown")
    assert parsed.title == "Melt Fat Fast With Doctor-Prescribed Semaglutide — No Gym Required"
    assert parsed.metadata["author"] == "SlimRx Health Team"
    assert parsed.metadata["tags"] == ["weight loss", "semaglutide", "GLP-1", "telehealth"]
    # the title is checked as a block of its own; the rest of the front matter is not text
    assert blocks_of(parsed, "title") == [parsed.title]
    assert "SlimRx Health Team" not in parsed.text
    assert "telehealth" not in parsed.text.split("# Melt")[0]


def test_html_reader(host):
    [item] = read(host, EXAMPLES / "suboxone-clinic.html")
    assert item.document.format == "html"
    assert item.document.id == "suboxone-clinic"
    parsed = parse(host, item.document.body, "html")
    assert parsed.title == "Suboxone Treatment in Columbus, OH | ClearPath Recovery Clinic"


def test_cms_json_reader_wordpress_rest_post(host):
    [item] = read(host, ARTICLES / "wordpress-post.json")
    document = item.document
    assert document.id == "48213"
    assert document.format == "html"
    assert document.title == "How to Calm Anxiety Naturally (Without Antidepressants)"
    assert document.url == "https://www.purevitalewellness.example/blog/calm-anxiety-naturally-calmroot/"
    assert document.metadata["slug"] == "calm-anxiety-naturally-calmroot"
    assert document.metadata["categories"] == [12, 31]
    assert document.body.startswith("<p>If you&#8217;ve ever lain awake")
    parsed = parse(host, document.body, "html")
    assert "If you’ve ever lain awake" in parsed.text
    assert "— just calm, clear focus." in parsed.text


def test_cms_json_reader_list_of_documents_with_a_bad_item(host, tmp_path):
    wordpress = json.loads((ARTICLES / "wordpress-post.json").read_text())
    posts = [
        {"id": "faq-12", "title": "Does it hurt?", "body": "# FAQ\n\nIt cures migraines.", "format": "markdown",
         "url": "https://example.org/faq/12", "metadata": {"locale": "en-GB"}},
        42,
        wordpress,
        {"title": "No body here"},
        {"body": "<p>Our tonic is a miracle cure.</p>", "content": {"rendered": "<p>Hello</p>"}},
    ]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(posts))
    items = read(host, path)
    assert len(items) == 5
    first, bad_item, wp, missing_body, mixed = items
    assert "both `body` and `content.rendered`" in str(mixed)  # neither read, so no body goes unchecked
    assert first.source == f"{path}#0"
    assert first.document.model_dump() == {
        "id": "faq-12", "title": "Does it hurt?", "body": "# FAQ\n\nIt cures migraines.", "format": "markdown",
        "url": "https://example.org/faq/12", "metadata": {"locale": "en-GB"},
    }
    assert "expected a JSON object, got int" in str(bad_item)
    assert str(bad_item).startswith(f"{path}#1")
    assert wp.document.id == "48213" and wp.source == f"{path}#2"
    assert "body" in str(missing_body) and "required" in str(missing_body).lower()


def test_cms_json_reader_invalid_json_names_line_and_column(host, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{\n  "title": "x",\n  "body": "y",,\n}\n')
    [error] = read(host, path)
    assert isinstance(error, Exception)
    assert f"{path}:3:" in str(error) and "invalid JSON" in str(error)


def test_folder_is_walked_in_order_and_unknown_extensions_reported(host, tmp_path):
    (tmp_path / "b.md").write_text("It cures.")
    (tmp_path / "a.txt").write_text("It cures.")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    items = list(iter_sources([str(tmp_path), str(tmp_path / "notes.docx"), str(tmp_path / "missing.txt")], host))
    assert [i.source for i in items[:2]] == [str(tmp_path / "a.txt"), str(tmp_path / "b.md")]
    assert "no reader for .docx" in str(items[2])
    assert "no such file or directory" in str(items[3])


def test_paths_that_cannot_be_looked_at_are_input_errors_and_the_rest_is_read(host, tmp_path, deny):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "x.md").write_text("It cures.")
    (tmp_path / "site" / "private").mkdir(parents=True)
    (tmp_path / "site" / "private" / "y.md").write_text("It cures.")
    (tmp_path / "site" / "z.md").write_text("It cures.")
    deny(tmp_path / "locked")
    deny(tmp_path / "site" / "private")
    long = tmp_path / ("a" * 300 + ".md")  # longer than a file name may be (255 bytes)
    items = list(iter_sources([str(p) for p in (tmp_path / "locked" / "x.md", tmp_path / "site", tmp_path / "locked", long)], host))
    assert [str(i) for i in items if isinstance(i, Exception)] == [
        f"{tmp_path / 'locked' / 'x.md'}: cannot read: permission denied",
        f"{tmp_path / 'site' / 'private'}: cannot read folder: permission denied",
        f"{tmp_path / 'locked'}: cannot read folder: permission denied",
        f"{long}: cannot read: file name too long",
    ]
    assert [i.source for i in items] == [str(tmp_path / "locked" / "x.md"), str(tmp_path / "site" / "private"),
                                         str(tmp_path / "site" / "z.md"), str(tmp_path / "locked"), str(long)]


# -- parsers: blocks -----------------------------------------------------------------------------

def test_html_blocks_kinds_and_links(host):
    parsed = parse(host, (EXAMPLES / "suboxone-clinic.html").read_text(), "html")
    headings = [(b.level, parsed.text[b.start:b.end]) for b in parsed.blocks if b.kind == "heading"]
    assert headings[0] == (1, "Suboxone Treatment That Gets You Your Life Back")
    assert (2, "Is Suboxone Safe?") in headings
    assert "Guaranteed results, or your next month of visits is free" in blocks_of(parsed, "list-item")
    assert blocks_of(parsed, "caption") == ["Our Columbus clinic: private entrance, no signage, and zero judgment."]
    assert blocks_of(parsed, "alt-text") == [
        "Bright, welcoming waiting room at ClearPath Recovery Clinic with plants and comfortable chairs"]
    quotes = blocks_of(parsed, "quote")
    assert quotes[0].startswith("“I tried rehab three times") and quotes[0].endswith("got a second chance.”")
    cells = blocks_of(parsed, "table-cell")
    assert cells[:2] == ["ClearPath Suboxone Program", "Other Treatments"]
    assert "Virtually none" in cells and "100%*" in cells
    paragraphs = blocks_of(parsed, "paragraph")
    assert any(p.startswith("Studies have shown that Suboxone") for p in paragraphs)
    links = {parsed.text[link.start:link.end]: link.href for link in parsed.links}
    assert links["Call (614) 555-0142"] == "tel:+16145550142"
    assert links["Book your same-day appointment →"] == "/book"
    assert links["Privacy Policy"] == "/privacy"


def test_html_skips_navigation_scripts_styles_and_code(host):
    parsed = parse(host, (EXAMPLES / "suboxone-clinic.html").read_text(), "html")
    assert "Insurance & Pricing" not in parsed.text  # <nav>
    assert "DOMContentLoaded" not in parsed.text  # <script>
    assert "font-family" not in parsed.text  # <style>
    assert "Google Tag Manager" not in parsed.text  # comment
    assert "Suboxone Treatment in Columbus" not in parsed.text  # <head><title>
    body = """<main><p>Keep this sentence.</p>
      <pre>pre: it cures everything</pre><p>Run <code>cures --all</code> now.</p>
      <noscript>noscript cures</noscript><template><p>template cures</p></template>
      <form><label>form cures</label><button>button cures</button></form>
      <svg><text>svg cures</text></svg><p>After all of that.</p></main>"""
    parsed = parse(host, body, "html")
    assert "cures" not in parsed.text
    assert blocks_of(parsed, "paragraph") == ["Keep this sentence.", "Run now.", "After all of that."]


def test_html_unclosed_tags_close_like_a_browser(host):
    parsed = parse(host, (ARTICLES / "malformed.html").read_text(), "html")
    assert blocks_of(parsed, "heading") == ["Say Goodbye to Joint Pain — For Good", "Doctor-formulated. Clinically proven."]
    paragraphs = blocks_of(parsed, "paragraph")
    assert any(p.startswith("FlexiJoint Plus rebuilds damaged cartilage") for p in paragraphs)
    assert any(p.startswith("It's 100% safe for everyone") for p in paragraphs)
    assert blocks_of(parsed, "list-item") == [
        "Guaranteed relief or your money back",
        "Unlike prescription NSAIDs, FlexiJoint never harms your kidneys",
        "Trusted by over 250,000 customers",
    ]
    assert blocks_of(parsed, "table-cell") == ["FlexiJoint Plus", "Works in days", "Other supplements", "Weeks or never"]
    assert blocks_of(parsed, "alt-text") == ["FlexiJoint"]  # unquoted alt= stops at the space, as in a browser
    assert "tracking pixel" not in parsed.text  # a comment left open runs to the end
    assert parsed.title == "Joint Pain Relief That Actually Works | FlexiJoint Plus"


def test_markdown_blocks_kinds_and_links(host):
    parsed = parse(host, (EXAMPLES / "careful-buprenorphine.md").read_text(), "markdown")
    headings = [(b.level, parsed.text[b.start:b.end]) for b in parsed.blocks if b.kind == "heading"]
    assert headings[:3] == [
        (1, "Buprenorphine for Opioid Use Disorder: What the Evidence Says"),
        (2, "How buprenorphine works"),
        (2, "What studies have found"),
    ]
    assert (3, "Overdose and death") in headings
    assert "constipation" in blocks_of(parsed, "list-item")
    quotes = blocks_of(parsed, "quote")
    assert quotes[0].startswith('"Buprenorphine is not a cure')
    assert any(q.startswith("— Dr. Samuel Ortiz") for q in quotes)
    cells = blocks_of(parsed, "table-cell")
    assert cells[:4] == ["Comparison", "Source", "Participants", "Main finding"]
    assert "~49% vs ~9% successful outcome" in cells
    links = {flat(parsed.text[link.start:link.end]): link.href for link in parsed.links}
    assert links["Mattick et al., Cochrane 2014"] == "https://doi.org/10.1002/14651858.CD002207.pub4"
    # markup is blanked, not removed: emphasis and link syntax leave spaces, offsets stay the file's
    assert "**" not in parsed.text and "](" not in parsed.text
    assert len(parsed.text) == len((EXAMPLES / "careful-buprenorphine.md").read_text())


def test_markdown_skips_code_comments_and_front_matter(host):
    body = ("---\ntitle: Code samples\nsummary: it cures everything\n---\n\nIntro paragraph.\n\n"
            "```\nThis fenced code cures nothing.\n```\n\n    indented code cures\n\n"
            "Use `cures` inline. A comment <!-- which cures --> is not text.\n")
    parsed = parse(host, body, "markdown")
    assert "cures" not in parsed.text
    assert [flat(p) for p in blocks_of(parsed, "paragraph")] == ["Intro paragraph.", "Use inline. A comment is not text."]
    assert len(parsed.text) == len(body)
    assert [c.text for c in parsed.comments] == [" which cures "]


def test_raw_html_in_markdown_is_read_as_html(host):
    """A Markdown page's <p> and <div> blocks hold text a writer publishes: it is checked, with
    tags blanked, entities decoded in place and links kept; scripts and comments are not text."""
    body = ("# Tonic\n\n<div class=\"callout\">\n<h2>Why our tonic</h2>\n"
            "<p>Our tonic is a <strong>miracle</strong> cure &mdash; guaranteed.</p>\n"
            "<script>var claim = \"it cures\";</script>\n<!-- it cures -->\n"
            "<p>See <a href=\"https://pubmed.ncbi.nlm.nih.gov/123/\">the trial</a>.</p>\n</div>\n")
    parsed = parse(host, body, "markdown")
    assert [(b.kind, b.level, flat(parsed.text[b.start:b.end])) for b in parsed.blocks] == [
        ("heading", 1, "Tonic"), ("heading", 2, "Why our tonic"),
        ("paragraph", 0, "Our tonic is a miracle cure — guaranteed."), ("paragraph", 0, "See the trial .")]
    assert "cures" not in parsed.text and len(parsed.text) == len(body)
    [link] = parsed.links
    assert (parsed.text[link.start:link.end], link.href) == ("the trial", "https://pubmed.ncbi.nlm.nih.gov/123/")


def test_text_paragraphs(host):
    parsed = parse(host, (ARTICLES / "plain-press-release.txt").read_text(), "text")
    paragraphs = blocks_of(parsed, "paragraph")
    assert paragraphs[0] == "FOR IMMEDIATE RELEASE"
    assert paragraphs[2].startswith("- Velorin met its primary endpoint") and paragraphs[2].count("\n") == 2
    assert paragraphs[-1] == "###"
    assert parsed.text == (ARTICLES / "plain-press-release.txt").read_text()


def test_text_paragraph_bounds(host):
    """Blank lines (spaces and tabs allowed) end paragraphs; a CR keeps a line from being blank;
    whitespace around a paragraph is not part of it."""
    body = "  First line\nsecond line  \n \t\nSecond.\r\n\r\nstill second\n\n\n\n  Third\u00a0\n"
    assert blocks_of(parse(host, body, "text"), "paragraph") == [
        "First line\nsecond line", "Second.\r\n\r\nstill second", "Third"]
    assert parse(host, " \n\n\t", "text").blocks == []


def test_a_text_file_in_one_long_paragraph(host):
    """A 5 MB export without blank lines is one paragraph (the regex it was split with ran out of memory)."""
    body = "A miracle cure, guaranteed. " * 190_000
    [block] = parse(host, body, "text").blocks
    assert (block.start, block.end) == (0, len(body) - 1)


# -- offsets ------------------------------------------------------------------------------------

def test_html_finding_offsets_map_to_text_source_and_line_column(engine):
    source = (EXAMPLES / "suboxone-clinic.html").read_text()
    checked = engine.check(Document(body=source, format="html"), "suboxone-clinic.html")
    findings = checked.report.findings
    text = checked.analyzed.text
    assert {f.rule for f in findings} >= {"absolute.cure", "absolute.guarantee", "safety.no-side-effects"}
    for finding in findings:
        assert flat(text[finding.start:finding.end]) == finding.excerpt
        assert visible(source[finding.source_start:finding.source_end]) == finding.excerpt
        assert (finding.line, finding.column) == line_column(source, finding.source_start)
    guaranteed = next(f for f in findings if f.excerpt == "Guaranteed results")
    offset = source.index("<li>Guaranteed results") + len("<li>")
    assert (guaranteed.source_start, guaranteed.source_end) == (offset, offset + len("Guaranteed results"))
    assert (guaranteed.line, guaranteed.column) == line_column(source, offset)
    assert guaranteed.column == source.splitlines()[guaranteed.line - 1].index("Guaranteed") + 1


def test_html_offsets_through_entities(host):
    source = (ARTICLES / "careful-statins.html").read_text()
    parsed = parse(host, source, "html")
    cases = {
        "Cholesterol Treatment Trialists’": "Cholesterol Treatment Trialists&rsquo;",  # ends with an entity
        "“bad”": "&ldquo;bad&rdquo;",  # starts and ends with one
        "1.0 mmol/L (about 39 mg/dL)": "1.0&nbsp;mmol/L (about 39&nbsp;mg/dL)",  # entities inside
        "Raman, Health Reporter · February": "Raman, Health Reporter &middot; February",
    }
    for shown, markup in cases.items():
        start = parsed.text.index(shown)
        end = start + len(shown)
        source_start = parsed.source_map.to_source(start)
        source_end = parsed.source_map.to_source_end(end)
        assert source[source_start:source_end] == markup, shown


def test_html_offsets_across_inline_tags_and_collapsed_whitespace(engine):
    source = '<p>Our formula is\n   <strong>clinically</strong>\n   proven &amp; <em>cures</em>&nbsp;anxiety.</p>'
    report = check_text(engine, source, "html")
    proven = next(f for f in report.findings if f.rule == "efficacy.clinically-proven")
    assert proven.excerpt == "clinically proven"
    assert source[proven.source_start:proven.source_end] == "clinically</strong>\n   proven"
    cure = next(f for f in report.findings if f.rule == "absolute.cure")
    assert source[cure.source_start:cure.source_end] == "cures"
    assert (cure.line, cure.column) == (3, source.splitlines()[2].index("cures") + 1)


def test_markdown_and_text_offsets_index_the_file(engine):
    for path, fmt in ((ARTICLES / "promo-weightloss.md", "markdown"), (ARTICLES / "plain-press-release.txt", "text")):
        source = path.read_text()
        body = source if fmt == "markdown" else source.replace("rapid, lasting relief", "guaranteed relief")
        checked = engine.check(Document(body=body, format=fmt), str(path))
        assert checked.report.findings, path
        for finding in checked.report.findings:
            assert (finding.source_start, finding.source_end) == (finding.start, finding.end)
            assert flat(body[finding.start:finding.end]) == finding.excerpt
            assert (finding.line, finding.column) == line_column(body, finding.start)


def test_the_title_is_checked_with_offsets_into_the_title_as_sent(engine):
    """A headline is where a page promises most; a CMS sends it apart from the body."""
    body = "<p>Our clinic is open on Mondays. Call us to book a visit.</p>"
    title = "Our formula &#8211; the <em>miracle cure</em> for anxiety"
    checked = engine.check(Document(title=title, body=body, format="html"), "post")
    cure = next(f for f in checked.report.findings if f.rule == "absolute.cure")
    assert cure.field == "title" and cure.excerpt == "miracle cure"
    assert title[cure.source_start:cure.source_end] == "miracle cure"
    assert (cure.line, cure.column) == (None, None)
    assert checked.analyzed.text[cure.start:cure.end] == "miracle cure"  # start/end: the text as read
    assert checked.report.findings[0].field == "title"  # the headline comes first in the report
    assert check_text(engine, body, "html").findings == []


def test_a_title_leaves_the_body_findings_as_they_were(engine):
    source = (EXAMPLES / "suboxone-clinic.html").read_text()
    alone = engine.check(Document(body=source, format="html")).report.findings
    titled = engine.check(Document(title="Suboxone clinic hours", body=source, format="html")).report.findings
    assert [f.model_dump() for f in titled] == [f.model_dump() for f in alone]


def test_a_title_the_body_repeats_is_checked_once(engine):
    body = "# Our tonic is a miracle cure\n\nIt is sold in every pharmacy.\n"
    report = engine.check(Document(title="Our tonic is a  MIRACLE cure", body=body, format="markdown")).report
    cures = [f for f in report.findings if f.rule == "absolute.cure"]
    assert [(f.field, f.line) for f in cures] == [("body", 1)]


def test_markdown_finding_line_column_after_front_matter(engine):
    source = (ARTICLES / "promo-weightloss.md").read_text()
    report = check_text(engine, source, "markdown")
    side_effects = next(f for f in report.findings if f.rule == "safety.no-side-effects")
    offset = source.index("no side effects")
    assert side_effects.start == offset
    assert (side_effects.line, side_effects.column) == line_column(source, offset)
    assert source.splitlines()[side_effects.line - 1].startswith("Unlike phentermine")


@pytest.mark.parametrize("body", ["", "   \n\n  ", "<html><head><style>p {}</style></head><body></body></html>"])
def test_bodies_without_text(engine, body):
    report = check_text(engine, body, "html")
    assert report.findings == [] and report.decision.value == "pass"
    assert [d.code for d in report.diagnostics] == ["empty-document"]


def test_an_html_pages_title_is_checked_unless_the_body_repeats_it(engine):
    """The <title> is published too (search results, tabs); a Markdown front-matter title already is."""
    page = "<html><head><title>A miracle cure for colds | Acme</title></head><body><p>Visit us.</p></body></html>"
    [finding] = [f for f in check_text(engine, page, "html").findings if f.rule == "absolute.cure"]
    assert (finding.field, finding.excerpt, finding.line) == ("title", "miracle cure", None)
    repeated = page.replace("<p>Visit us.</p>", "<h1>A miracle cure for colds | Acme</h1>")
    assert [f.field for f in check_text(engine, repeated, "html").findings if f.rule == "absolute.cure"] == ["body"]


def test_an_ampersand_in_an_html_pages_title_is_decoded_once(engine):
    """"J&amp;J" in a <title> is "J&J", which the <h1> repeats: not a separate title to check as "J&J;"."""
    page = ("<html><head><title>J&amp;J cures colds, guaranteed</title></head>"
            "<body><h1>J&amp;J cures colds, guaranteed</h1><p>Visit us.</p></body></html>")
    assert {f.field for f in check_text(engine, page, "html").findings} == {"body"}
    alone = page.replace("<h1>J&amp;J cures colds, guaranteed</h1>", "")
    excerpts = {f.excerpt for f in check_text(engine, alone, "html").findings if f.field == "title"}
    assert excerpts and not any("J&J;" in e for e in excerpts)


def test_a_numeric_id_and_a_format_in_capitals_are_read_as_a_cms_sends_them():
    from medguard import Document

    document = Document.model_validate({"id": 48213, "body": "<p>Hi</p>", "format": "HTML"})
    assert (document.id, document.format) == ("48213", "html")


@pytest.mark.parametrize("post_id, read_as", [(48213, "48213"), (None, "post"), ("p-7", "p-7")])
def test_a_wordpress_posts_id_is_read_as_text_and_a_missing_one_falls_back(post_id, read_as):
    from medguard.readers.cms_json import document_from_json

    post = {"id": post_id, "title": {"rendered": "T"}, "content": {"rendered": "<p>Hi</p>"}}
    assert document_from_json(post, "post").id == read_as


def test_a_wordpress_post_whose_id_is_true_or_false_is_refused():
    from medguard.readers.base import InputError
    from medguard.readers.cms_json import document_from_json

    with pytest.raises(InputError, match="id: Input should be a valid string"):
        document_from_json({"id": True, "title": {"rendered": "T"}, "content": {"rendered": "<p>Hi</p>"}}, "post")
