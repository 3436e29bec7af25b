"""The HTTP service against a real uvicorn server: every endpoint, positions, limits, errors."""

from __future__ import annotations

import gc
import json
import threading
import time
import weakref
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install 'medguard[server]')")
pytest.importorskip("uvicorn", reason="the server extra is not installed (pip install 'medguard[server]')")
pytest.importorskip("prometheus_client", reason="the server extra is not installed (pip install 'medguard[server]')")
httpx = pytest.importorskip("httpx", reason="httpx is needed to test the server")

from .conftest import AUTH, MAX_BODY, MAX_DOCUMENTS, SLEEP_S, TIMEOUT_S, TOKEN_B, policy_yaml  # noqa: E402

FIXTURES = Path(__file__).parents[1] / "fixtures" / "articles"
EXAMPLES = Path(__file__).parents[2] / "examples" / "articles"


def only(report: dict) -> dict:
    assert len(report["documents"]) == 1
    return report["documents"][0]


# -- health, readiness, policy, metrics, schema ----------------------------------------------------

def test_health_and_readiness_need_no_token(server):
    assert httpx.get(f"{server.url}/healthz").json() == {"status": "ok"}
    ready = httpx.get(f"{server.url}/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready", "policy": {"name": "test-pack", "version": "1.0.0"},
                            "active_rules": 4, "skipped_rules": 0}


def test_policy_endpoint_describes_the_active_pack(client):
    policy = client.get("/v1/policy").json()
    assert (policy["name"], policy["version"], policy["on_error"]) == ("test-pack", "1.0.0", "fail-closed")
    assert policy["decision"] == {"block": "error", "warn": "warning"}
    assert len(policy["digest"]) == 16
    rules = {r["id"]: r for r in policy["rules"]}
    assert set(rules) == {"claims.miracle", "evidence.studies", "test.sleep", "test.explode"}
    assert rules["claims.miracle"]["references"] == ["FTC Health Products Compliance Guidance (2022) §3"]
    assert rules["claims.miracle"]["severity"] == "error" and rules["claims.miracle"]["skipped"] is None


def test_metrics_count_requests_findings_and_errors(client):
    client.post("/v1/check", json={"body": "A miracle cure.", "format": "text"})
    client.post("/v1/check", json={"body": "EXPLODE", "format": "text"})
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert 'medguard_http_requests_total{method="POST",route="/v1/check",status="200"}' in text
    assert 'medguard_http_request_duration_seconds_bucket{le="0.05",method="POST",route="/v1/check"}' in text
    assert 'medguard_findings_total{rule="claims.miracle",severity="error"}' in text
    assert 'medguard_check_errors_total{code="rule-error"}' in text
    assert 'medguard_documents_checked_total{decision="block"}' in text
    assert 'medguard_policy_info{digest="' in text and 'version="1.0.0"' in text


def test_metrics_have_every_known_series_from_the_start(start_server):
    """Series with known labels exist at 0 before their first event, so rate() and alerts see it."""
    running = start_server(token_lines=[TOKEN_B])
    text = httpx.get(f"{running.url}/metrics", headers={"Authorization": f"Bearer {TOKEN_B}"}).text
    for series in ('medguard_documents_checked_total{decision="block"} 0.0',
                   'medguard_findings_total{rule="claims.miracle",severity="error"} 0.0',
                   'medguard_findings_total{rule="evidence.studies",severity="warning"} 0.0',
                   'medguard_check_errors_total{code="timeout"} 0.0',
                   'medguard_checker_replacements_total{reason="stuck"} 0.0',
                   'medguard_policy_reloads_total{result="failed"} 0.0'):
        assert series in text
    assert "including those answered from the report cache" in text  # documents_checked's HELP says what it counts


def test_openapi_schema_and_docs(client):
    schema = client.get("/openapi.json").json()
    assert schema["info"]["title"] == "medguard"
    assert {"/v1/check", "/v1/policy", "/v1/reload", "/healthz", "/readyz", "/metrics"} <= set(schema["paths"])
    assert schema["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert schema["paths"]["/healthz"]["get"]["security"] == []
    components = schema["components"]["schemas"]
    assert {"Report", "Finding", "Document", "WordPressPost"} <= set(components)
    assert "source_start" in components["Finding"]["properties"]
    body = schema["paths"]["/v1/check"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["oneOf"][1]["maxItems"] == MAX_DOCUMENTS
    assert components["Document"]["properties"]["format"]["enum"] == ["html", "markdown", "text"]  # the parsers loaded
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert {"400", "500"} <= set(operation["responses"]), (method, path)  # bad Content-Length, internal error
    assert client.get("/docs").status_code == 200


# -- checking -------------------------------------------------------------------------------------

def test_check_text_document(client):
    body = "Our tonic is a miracle cure. Studies show it works."
    response = client.post("/v1/check", json={"id": "post-1", "body": body, "format": "text"})
    assert response.status_code == 200
    assert response.headers["x-medguard-policy"] == "test-pack@1.0.0"
    assert response.headers["x-medguard-decision"] == "block"
    report = response.json()
    assert report["policy"] == {"name": "test-pack", "version": "1.0.0"}
    document = only(report)
    assert (document["source"], document["id"], document["decision"]) == ("request", "post-1", "block")
    by_rule = {f["rule"]: f for f in document["findings"]}
    assert set(by_rule) == {"claims.miracle", "evidence.studies"}
    miracle = by_rule["claims.miracle"]
    assert body[miracle["start"]:miracle["end"]] == "miracle cure"
    assert body[miracle["source_start"]:miracle["source_end"]] == "miracle cure"
    assert (miracle["line"], miracle["column"]) == (1, 16)
    assert miracle["references"] and miracle["fingerprint"]


def test_html_offsets_index_what_the_client_sent(client):
    """source_start/source_end index the HTML as sent (for highlighting); start/end the extracted text."""
    body = "<article>\n<h1>Tonic</h1>\n<p>Our <b>new</b> tonic &amp; tea is a <em>miracle cure</em>.</p>\n</article>"
    document = only(client.post("/v1/check", json={"body": body, "format": "html"}).json())
    [finding] = document["findings"]
    assert body[finding["source_start"]:finding["source_end"]] == "miracle cure"
    assert (finding["line"], finding["column"]) == (3, body.splitlines()[2].index("miracle") + 1)
    assert finding["excerpt"] == "miracle cure"
    assert finding["start"] < finding["source_start"]  # the extracted text has no markup before it


def test_markdown_document(client):
    body = "---\ntitle: Tonic\n---\n# Tonic\n\nIt is a **miracle cure**, really.\n"
    document = only(client.post("/v1/check", json={"body": body, "format": "markdown"}).json())
    [finding] = document["findings"]
    assert body[finding["source_start"]:finding["source_end"]] == "miracle cure"
    assert finding["line"] == 6


def test_a_clean_document_passes(client):
    response = client.post("/v1/check", json={"body": "Talk to your doctor about treatment options.", "format": "text"})
    assert response.headers["x-medguard-decision"] == "pass"
    document = only(response.json())
    assert document["decision"] == "pass" and document["findings"] == [] and document["diagnostics"] == []


def test_list_of_documents_in_order(client):
    payload = [
        {"id": "a", "body": "Talk to your doctor.", "format": "text"},
        {"id": "b", "body": "Studies show it helps.", "format": "text"},
        {"id": "c", "body": "<p>A miracle cure!</p>", "format": "html"},
    ]
    response = client.post("/v1/check", json=payload)
    assert response.status_code == 200
    assert response.headers["x-medguard-decision"] == "block"
    documents = response.json()["documents"]
    assert [(d["source"], d["id"], d["decision"]) for d in documents] == [
        ("request[0]", "a", "pass"), ("request[1]", "b", "warn"), ("request[2]", "c", "block")]


def test_wordpress_post_forwarded_unchanged(client):
    content = "<p>Ashwagandha is a <strong>miracle cure</strong> for stress.</p>\n<p>Studies show it.</p>"
    post = {
        "id": 48213, "date": "2026-04-02T09:15:32", "slug": "calm", "status": "draft", "type": "post",
        "link": "https://example.org/blog/calm/", "guid": {"rendered": "https://example.org/?p=48213"},
        "title": {"rendered": "Calm &#8211; naturally"},
        "content": {"rendered": content, "protected": False},
        "excerpt": {"rendered": "<p>Calm</p>", "protected": False},
        "categories": [3], "tags": [], "_links": {"self": [{"href": "https://example.org/wp-json/wp/v2/posts/48213"}]},
    }
    response = client.post("/v1/check", json=post)
    assert response.status_code == 200, response.text
    document = only(response.json())
    assert document["id"] == "48213" and document["decision"] == "block"
    by_rule = {f["rule"]: f for f in document["findings"]}
    miracle = by_rule["claims.miracle"]
    assert content[miracle["source_start"]:miracle["source_end"]] == "miracle cure"
    assert content[by_rule["evidence.studies"]["source_start"]:by_rule["evidence.studies"]["source_end"]] == "Studies show"


def test_a_wordpress_title_is_checked_and_located_in_the_title(client):
    title = "Ashwagandha &#8211; a <em>miracle cure</em> for stress"
    post = {"id": 7, "title": {"rendered": title}, "content": {"rendered": "<p>Opening hours: 9 to 5.</p>"}}
    response = client.post("/v1/check", json=post)
    assert response.status_code == 200, response.text
    document = only(response.json())
    assert document["decision"] == "block"
    [miracle] = [f for f in document["findings"] if f["rule"] == "claims.miracle"]
    assert miracle["field"] == "title" and miracle["line"] is None
    assert title[miracle["source_start"]:miracle["source_end"]] == "miracle cure"


def test_a_body_beside_a_wordpress_content_is_refused_not_skipped(client):
    payload = {"id": "h1", "body": "<p>Our tonic is a miracle cure.</p>", "format": "html", "content": {"rendered": "<p>Hello</p>"}}
    response = client.post("/v1/check", json=payload)
    assert response.status_code == 422
    assert "both `body` and `content.rendered`" in response.text


def test_wordpress_fixture_file(client):
    post = json.loads((FIXTURES / "wordpress-post.json").read_text(encoding="utf-8"))
    response = client.post("/v1/check", json=[post, post])
    assert response.status_code == 200, response.text
    documents = response.json()["documents"]
    assert [d["id"] for d in documents] == [str(post["id"])] * 2
    for finding in documents[0]["findings"]:
        field = post["content"]["rendered"] if finding["field"] == "body" else post["title"]["rendered"]
        assert 0 <= finding["source_start"] < finding["source_end"] <= len(field)


def test_default_pack_through_the_api(start_server):
    """The default pack changes under us: check the contract, not its findings."""
    running = start_server(policy_text=None, policy="default", plugin_dirs=[])
    body = (EXAMPLES / "suboxone-clinic.html").read_text(encoding="utf-8")
    response = httpx.post(f"{running.url}/v1/check", json={"body": body, "format": "html"}, timeout=10)
    assert response.status_code == 200
    report = response.json()
    assert report["policy"]["name"] == httpx.get(f"{running.url}/v1/policy").json()["name"]
    document = only(report)
    assert document["decision"] in ("pass", "warn", "block")
    for finding in document["findings"]:
        assert 0 <= finding["source_start"] < finding["source_end"] <= len(body)
        assert finding["line"] >= 1 and finding["column"] >= 1


# -- auth -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("headers, challenge", [
    ({}, 'Bearer realm="medguard"'),
    ({"Authorization": "Bearer not-the-token-xxxxxxxxxxx"}, 'Bearer realm="medguard", error="invalid_token"'),
    ({"Authorization": "Basic dXNlcjpwYXNz"}, 'Bearer realm="medguard"'),
    ({"Authorization": "Bearer"}, 'Bearer realm="medguard"'),
])
@pytest.mark.parametrize("method, path", [
    ("POST", "/v1/check"), ("GET", "/v1/policy"), ("POST", "/v1/reload"), ("GET", "/metrics"),
    ("GET", "/openapi.json"), ("GET", "/docs"), ("GET", "/no-such-path"),
])
def test_missing_or_wrong_token_is_refused(server, headers, challenge, method, path):
    response = httpx.request(method, f"{server.url}{path}", headers=headers, json={"body": "x"})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == challenge
    assert "token" in response.json()["detail"]


def test_every_configured_token_is_accepted(server):
    for token in (AUTH["Authorization"], f"Bearer {TOKEN_B}", f"bearer {TOKEN_B}"):
        response = httpx.get(f"{server.url}/v1/policy", headers={"Authorization": token})
        assert response.status_code == 200


def test_token_rotation_through_the_token_file(start_server):
    old, new = "old-token-1111111111111111", "new-token-2222222222222222"
    running = start_server(token_lines=["# current", old])
    assert httpx.get(f"{running.url}/v1/policy", headers={"Authorization": f"Bearer {old}"}).status_code == 200
    assert httpx.get(f"{running.url}/v1/policy", headers={"Authorization": f"Bearer {new}"}).status_code == 401
    running.token_file.write_text(f"{old}\n{new}\n")  # step 1: both accepted while clients move over
    assert httpx.post(f"{running.url}/v1/reload", headers={"Authorization": f"Bearer {old}"}).json()["tokens"] == 2
    for token in (old, new):
        assert httpx.get(f"{running.url}/v1/policy", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    running.token_file.write_text(f"{new}\n")  # step 2: the old one is retired
    assert httpx.post(f"{running.url}/v1/reload", headers={"Authorization": f"Bearer {new}"}).status_code == 200
    assert httpx.get(f"{running.url}/v1/policy", headers={"Authorization": f"Bearer {old}"}).status_code == 401
    assert httpx.get(f"{running.url}/v1/policy", headers={"Authorization": f"Bearer {new}"}).status_code == 200
    running.token_file.write_text("# emptied by mistake\n")  # a reload never turns authentication off
    failed = httpx.post(f"{running.url}/v1/reload", headers={"Authorization": f"Bearer {new}"})
    assert failed.status_code == 409 and "no API token" in failed.json()["detail"]
    assert httpx.get(f"{running.url}/v1/policy", headers={"Authorization": f"Bearer {new}"}).status_code == 200


def test_without_tokens_no_auth_is_asked(start_server):
    running = start_server()
    assert httpx.get(f"{running.url}/v1/policy").status_code == 200


def test_a_suppression_naming_no_rule_gets_a_warning(client):
    body = "<!-- medguard-disable-next-line claims.miracel: quoted -->\n<p>A miracle cure.</p>"
    document = only(client.post("/v1/check", json={"body": body, "format": "html"}).json())
    assert document["decision"] == "block" and not document["findings"][0]["suppression"]
    [diagnostic] = document["diagnostics"]
    assert diagnostic["code"] == "suppression-unknown-rule" and diagnostic["level"] == "warning"
    assert "'claims.miracel' (did you mean 'claims.miracle'?)" in diagnostic["message"]


# -- limits and errors ----------------------------------------------------------------------------

def test_body_over_the_limit_gets_413(client):
    big = {"body": "word " * (MAX_BODY // 5 + 10), "format": "text"}
    response = client.post("/v1/check", json=big)
    assert response.status_code == 413
    assert str(MAX_BODY) in response.json()["detail"]


def test_chunked_body_over_the_limit_gets_413(client):
    def chunks():
        yield b'{"format": "text", "body": "'
        for _ in range(MAX_BODY // 1024 + 4):
            yield b"a" * 1024
        yield b'"}'

    response = client.post("/v1/check", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_an_invalid_content_length_gets_400_as_the_schema_says(server, client):
    import socket
    from urllib.parse import urlsplit

    address = urlsplit(server.url)
    with socket.create_connection((address.hostname, address.port), timeout=5) as sock:
        sock.sendall(b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: ten\r\nConnection: close\r\n\r\n")
        answer = b""
        while chunk := sock.recv(4096):
            answer += chunk
    head = answer.partition(b"\r\n\r\n")[0].decode().lower()
    assert head.startswith("http/1.1 400")
    content_type = head.partition("content-type: ")[2].split(";")[0].split("\r\n")[0]
    declared = client.get("/openapi.json").json()["paths"]["/v1/check"]["post"]["responses"]["400"]["content"]
    assert content_type in declared


def test_too_many_documents_gets_422(client):
    response = client.post("/v1/check", json=[{"body": "x"}] * (MAX_DOCUMENTS + 1))
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body"] and str(MAX_DOCUMENTS) in error["msg"] and error["type"] == "too_long"


@pytest.mark.parametrize("payload, loc, words", [
    ({"title": "no body"}, ["body", "body"], "Field required"),
    ({}, ["body", "body"], "Field required"),
    ({"body": 5}, ["body", "body"], "valid string"),
    ({"body": "x", "colour": "red"}, ["body", "colour"], "Extra inputs"),
    ({"body": "x", "format": "docx"}, ["body", "format"], "unknown document format (known: html, markdown, text)"),
    ({"content": {"raw": "x"}}, ["body", "content", "rendered"], "Field required"),
    ({"title": 5, "content": {"rendered": "x"}}, ["body", "title"], "a string or an object with a string 'rendered'"),
    ({"id": True, "content": {"rendered": "x"}}, ["body", "id"], "a string or an integer"),
    ({"id": False, "body": "x"}, ["body", "id"], "valid string"),
    ([{"body": "x"}, {"body": "y", "format": "pdf"}], ["body", 1, "format"], "unknown document format"),
    ([{"body": "x"}, {}], ["body", 1, "body"], "Field required"),
    ([{"body": "x"}, {"content": {}}], ["body", 1, "content", "rendered"], "Field required"),
    ([], ["body"], "at least 1 item"),
    ("just a string", ["body"], "valid dictionary"),
])
def test_invalid_requests_get_422_saying_what_was_wrong(client, payload, loc, words):
    """Locations name the request as the client wrote it: no tags of the unions the server uses."""
    response = client.post("/v1/check", json=payload)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert any(e["loc"] == loc and words in e["msg"] for e in detail), detail
    assert not {"one", "many", "document", "wordpress"} & {part for e in detail for part in e["loc"]}, detail


def test_a_wordpress_post_without_content_is_told_so(client):
    response = client.post("/v1/check", json={"id": 7, "title": {"rendered": "Calm"}, "link": "https://example.org/"})
    assert response.status_code == 422
    assert response.json()["detail"] == [{"loc": ["body", "content"], "msg": "Field required", "type": "missing"}]


def test_422_never_echoes_input_or_a_stack_trace(client):
    secret = "sk-live-DO-NOT-ECHO-1234567890"
    response = client.post("/v1/check", json={"body": ["x"], "title": {"api_key": secret}, "url": secret * 2})
    assert response.status_code == 422
    assert secret not in response.text
    assert "Traceback" not in response.text and "File \"" not in response.text
    assert all(set(e) == {"loc", "msg", "type"} for e in response.json()["detail"])
    response = client.post("/v1/check", json={"body": "x", "format": secret})
    assert response.status_code == 422 and secret not in response.text


def test_half_of_a_utf16_pair_is_read_as_a_replacement_character(client):
    """JavaScript that cuts a string inside an emoji sends a lone surrogate escape: one character
    for one, so the offsets still index what was sent."""
    raw = b'{"id": "p\\ud83d", "body": "A miracle cure \\ud800 for all. \\ud83d\\ude00", "format": "text"}'
    response = client.post("/v1/check", content=raw, headers={"content-type": "application/json"})
    assert response.status_code == 200
    document = only(response.json())
    assert document["id"] == "p\ufffd"
    [finding] = document["findings"]
    assert (finding["source_start"], finding["source_end"]) == (2, 14)  # "miracle cure"


def test_json_nested_too_deeply_is_a_422_that_says_so(client):
    response = client.post("/v1/check", content=b"[" * 3000, headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"].startswith("invalid JSON: the body could not be parsed")


def test_invalid_json_and_wrong_content_type(client):
    response = client.post("/v1/check", content=b'{"body": "x",', headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"].startswith("invalid JSON")
    response = client.post("/v1/check", content=b'{"body": "x"}', headers={"content-type": "text/plain"})
    assert response.status_code == 422
    assert "Content-Type: application/json" in response.json()["detail"][0]["msg"]


# -- faults: time limit and a raising rule ----------------------------------------------------------

def test_time_limit_gives_a_fail_closed_report_and_the_loop_keeps_serving(server, client):
    result = {}

    def slow():
        started = time.monotonic()
        result["response"] = client.post("/v1/check", json={"body": "SLEEPNOW and a miracle cure", "format": "text"})
        result["elapsed"] = time.monotonic() - started

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.1)
    probe_started = time.monotonic()
    assert httpx.get(f"{server.url}/healthz").status_code == 200
    assert time.monotonic() - probe_started < 0.5  # the event loop is not blocked by the check
    thread.join()
    assert result["elapsed"] < SLEEP_S  # answered at the time limit, not when the rule finished
    response = result["response"]
    assert response.status_code == 200
    document = only(response.json())
    assert document["decision"] == "block"
    [diagnostic] = document["diagnostics"]
    assert diagnostic["code"] == "timeout" and diagnostic["level"] == "error"
    assert f"{TIMEOUT_S:g} s" in diagnostic["message"] and "fail-closed" in diagnostic["message"]


def test_a_check_that_overran_its_time_limit_stops_and_frees_the_thread(start_server):
    """A page far longer than an article: its answer goes out at the limit, and the analysis stops
    soon after instead of holding the only checker thread for seconds."""
    running = start_server('name: t\nversion: "1"\nextends: default\n', threads=1, timeout_s=1.0, max_body_bytes=1_000_000)
    huge = only(httpx.post(f"{running.url}/v1/check", json={"body": "Suboxone is a miracle cure. " * 16_000, "format": "text"},
                           timeout=30).json())
    assert [d["code"] for d in huge["diagnostics"]] == ["timeout"] and huge["decision"] == "block"
    started = time.monotonic()
    small = only(httpx.post(f"{running.url}/v1/check", json={"body": "Suboxone is a miracle cure.", "format": "text"},
                            timeout=30).json())
    assert small["diagnostics"] == [] and small["findings"]  # the thread was free again within the limit
    assert time.monotonic() - started < 1.0


def test_the_time_limit_runs_from_the_requests_arrival(start_server):
    """A client waiting --timeout seconds gets its answer even when the request spent part of the
    limit arriving (a loaded service reads bodies late): the limit is not restarted after it."""
    running = start_server(timeout_s=1.0)

    def slow_upload():
        yield b'{"format": "text", "body": "SLEEPNOW and '
        time.sleep(0.7)
        yield b'a miracle cure"}'

    started = time.monotonic()
    response = httpx.post(f"{running.url}/v1/check", content=slow_upload(), headers={"content-type": "application/json"})
    elapsed = time.monotonic() - started
    assert [d["code"] for d in only(response.json())["diagnostics"]] == ["timeout"]
    assert elapsed < 1.4  # 0.7 s arriving + the whole 1 s limit again would be 1.7 s


def test_time_limit_only_hits_the_slow_documents_of_a_list(client):
    payload = [{"body": "a miracle cure", "format": "text"}, {"body": "SLEEPNOW", "format": "text"}]
    documents = client.post("/v1/check", json=payload).json()["documents"]
    assert [f["rule"] for f in documents[0]["findings"]] == ["claims.miracle"] and documents[0]["diagnostics"] == []
    assert [d["code"] for d in documents[1]["diagnostics"]] == ["timeout"]


def test_raising_rule_is_isolated_and_fails_closed(client):
    document = only(client.post("/v1/check", json={"body": "EXPLODE. Studies show it works.", "format": "text"}).json())
    [diagnostic] = document["diagnostics"]
    assert (diagnostic["code"], diagnostic["rule"]) == ("rule-error", "test.explode")
    assert "RuntimeError" in diagnostic["message"]
    assert [f["rule"] for f in document["findings"]] == ["evidence.studies"]  # the other rules still ran
    assert document["decision"] == "block"  # fail-closed
    assert client.get("/healthz").status_code == 200


def test_fail_open_decides_from_the_findings(start_server):
    running = start_server(policy_yaml(on_error="fail-open"))
    boom = only(httpx.post(f"{running.url}/v1/check", json={"body": "EXPLODE. Studies show it.", "format": "text"}).json())
    assert boom["decision"] == "warn" and boom["diagnostics"][0]["code"] == "rule-error"
    slow = only(httpx.post(f"{running.url}/v1/check", json={"body": "SLEEPNOW", "format": "text"}).json())
    assert slow["decision"] == "pass" and slow["diagnostics"][0]["code"] == "timeout"
    assert "fail-open" in slow["diagnostics"][0]["message"]


MODEL_TIME = """\
- id: test.model-time
  type: test-model-time
  severity: info
  message: never shown
  options: {{trigger: MODELTIME, seconds: {seconds}}}
"""


@pytest.mark.parametrize("workers", [1, 2])
def test_the_model_must_stop_before_the_time_limit(start_server, workers):
    """Half a second before the time limit (a quarter of it when shorter), or at --model-time-limit."""
    running = start_server(policy_yaml(extra_rules=MODEL_TIME.format(seconds=0)), workers=workers, timeout_s=2.0)
    [finding] = only(httpx.post(f"{running.url}/v1/check", json={"body": "MODELTIME", "format": "text"}).json())["findings"]
    assert 1.0 < finding["explanation"]["model_seconds_left"] <= 1.5
    limited = start_server(policy_yaml(extra_rules=MODEL_TIME.format(seconds=0)), workers=workers, timeout_s=2.0,
                           model_time_limit_s=0.8)
    [finding] = only(httpx.post(f"{limited.url}/v1/check", json={"body": "MODELTIME", "format": "text"}).json())["findings"]
    assert 0 < finding["explanation"]["model_seconds_left"] <= 0.8


def test_a_rule_out_of_model_time_is_a_warning_and_the_others_decide(start_server):
    running = start_server(policy_yaml(extra_rules=MODEL_TIME.format(seconds=SLEEP_S)))  # fail-closed, 0.6 s limit
    started = time.monotonic()
    document = only(httpx.post(f"{running.url}/v1/check", json={"body": "MODELTIME: a miracle cure", "format": "text"}).json())
    assert time.monotonic() - started < TIMEOUT_S
    [diagnostic] = document["diagnostics"]
    assert (diagnostic["level"], diagnostic["code"], diagnostic["rule"]) == ("warning", "model-timeout", "test.model-time")
    assert "ran out of time" in diagnostic["message"]
    assert [f["rule"] for f in document["findings"]] == ["claims.miracle"]
    assert document["decision"] == "block"  # from the finding's severity, not fail-closed: nothing failed
    clean = only(httpx.post(f"{running.url}/v1/check", json={"body": "MODELTIME", "format": "text"}).json())
    assert clean["decision"] == "pass" and clean["diagnostics"][0]["code"] == "model-timeout"
    metrics = httpx.get(f"{running.url}/metrics").text
    assert 'medguard_model_timeouts_total{rule="test.model-time"} 2.0' in metrics
    assert 'medguard_check_errors_total{code="model-timeout"}' not in metrics  # a warning, not an error


# -- report cache ---------------------------------------------------------------------------------

def _cache_hits(running) -> float:
    line = next(line for line in httpx.get(f"{running.url}/metrics").text.splitlines()
                if line.startswith("medguard_report_cache_hits_total "))
    return float(line.split()[1])


def test_a_document_checked_again_unchanged_is_answered_from_the_report_cache(start_server):
    running = start_server()
    document = {"id": "post-7", "title": "Calm", "body": "A miracle cure, studies show.", "format": "text"}
    first = httpx.post(f"{running.url}/v1/check", json=document).json()
    assert _cache_hits(running) == 0
    again = httpx.post(f"{running.url}/v1/check", json=document).json()
    assert again == first and _cache_hits(running) == 1
    listed = httpx.post(f"{running.url}/v1/check", json=[document, document]).json()
    assert [d["source"] for d in listed["documents"]] == ["request[0]", "request[1]"]
    assert listed["documents"][0]["findings"] == first["documents"][0]["findings"] and _cache_hits(running) == 3
    edited = httpx.post(f"{running.url}/v1/check", json={**document, "title": "Calm, naturally"}).json()
    assert edited["documents"][0]["findings"] and _cache_hits(running) == 3  # any change is checked
    metrics = httpx.get(f"{running.url}/metrics").text
    assert 'medguard_documents_checked_total{decision="block"} 5.0' in metrics  # answered is counted either way


def test_a_reload_or_a_report_shaped_by_a_time_limit_is_never_served_from_the_cache(start_server):
    running = start_server(policy_yaml(extra_rules=MODEL_TIME.format(seconds=SLEEP_S)))
    for _ in range(2):  # the model ran out of time: kept out of the cache
        assert only(httpx.post(f"{running.url}/v1/check", json={"body": "MODELTIME"}).json())["diagnostics"]
    document = {"body": "A miracle cure with guaranteed results.", "format": "text"}
    httpx.post(f"{running.url}/v1/check", json=document)
    assert _cache_hits(running) == 0
    running.policy_path.write_text(policy_yaml(version="2.0.0", extra_rules=NEW_RULE), encoding="utf-8")
    assert httpx.post(f"{running.url}/v1/reload").status_code == 200
    report = httpx.post(f"{running.url}/v1/check", json=document).json()
    assert report["policy"]["version"] == "2.0.0" and _cache_hits(running) == 0
    assert "claims.guaranteed" in {f["rule"] for f in only(report)["findings"]}


def test_the_report_cache_can_be_turned_off(start_server):
    running = start_server(report_cache=0)
    for _ in range(2):
        httpx.post(f"{running.url}/v1/check", json={"body": "A miracle cure."})
    assert _cache_hits(running) == 0


# -- reload ---------------------------------------------------------------------------------------

NEW_RULE = """\
- id: claims.guaranteed
  type: pattern
  severity: error
  message: "Promises results."
  options: {phrases: [guaranteed results]}
"""


def test_reload_under_load_drops_nothing_and_reports_the_deciding_version(start_server):
    running = start_server(report_cache=0)  # every request is checked, none answered from recent reports
    body = {"body": "A miracle cure with guaranteed results.", "format": "text"}
    stop = threading.Event()
    seen: list[tuple[int, str, str, frozenset]] = []
    failures: list[str] = []

    def hammer():
        with httpx.Client(base_url=running.url, timeout=10) as c:
            while not stop.is_set():
                try:
                    response = c.post("/v1/check", json=body)
                except httpx.HTTPError as error:  # a dropped connection is a failure too
                    failures.append(repr(error))
                    continue
                report = response.json() if response.status_code == 200 else {}
                rules = frozenset(f["rule"] for d in report.get("documents", []) for f in d["findings"])
                seen.append((response.status_code, report.get("policy", {}).get("version"),
                             response.headers.get("x-medguard-policy", ""), rules))

    clients = [threading.Thread(target=hammer) for _ in range(4)]
    for thread in clients:
        thread.start()
    time.sleep(0.4)
    running.policy_path.write_text(policy_yaml(version="2.0.0", extra_rules=NEW_RULE), encoding="utf-8")
    reloaded = httpx.post(f"{running.url}/v1/reload").json()
    assert reloaded["policy"]["version"] == "2.0.0" and reloaded["previous"]["version"] == "1.0.0"
    assert reloaded["changed"] is True
    after_reload = len(seen)
    time.sleep(0.4)
    stop.set()
    for thread in clients:
        thread.join()

    assert not failures
    assert all(status == 200 for status, *_ in seen)
    versions = [version for _, version, _, _ in seen]
    assert "1.0.0" in versions and "2.0.0" in versions
    assert versions[after_reload + 8:] and set(versions[after_reload + 8:]) == {"2.0.0"}
    for _, version, header, rules in seen:  # the report's version is the one whose rules decided
        assert header == f"test-pack@{version}"
        assert ("claims.guaranteed" in rules) == (version == "2.0.0")
    assert httpx.get(f"{running.url}/v1/policy").json()["version"] == "2.0.0"
    assert httpx.get(f"{running.url}/readyz").json()["policy"]["version"] == "2.0.0"


def test_reload_with_a_broken_policy_keeps_the_old_one(start_server):
    running = start_server()
    running.policy_path.write_text(policy_yaml(version="3.0.0", extra_rules="- id: bad\n  type: no-such-type\n  message: x\n"))
    response = httpx.post(f"{running.url}/v1/reload")
    assert response.status_code == 409
    failure = response.json()
    assert failure["policy"] == {"name": "test-pack", "version": "1.0.0"}
    assert any("unknown rule type 'no-such-type'" in p and ":" in p for p in failure["problems"])
    report = httpx.post(f"{running.url}/v1/check", json={"body": "miracle cure"}).json()
    assert report["policy"]["version"] == "1.0.0"
    assert 'medguard_policy_reloads_total{result="failed"} 1.0' in httpx.get(f"{running.url}/metrics").text


class _Cycle:
    def __init__(self):
        self.me = self


def test_the_loaded_heap_is_frozen_and_a_reload_collects_what_it_left(start_server):
    """Start-up freezes what it loaded, so full garbage collections skip it (with the model, a full
    collection paused every request for about 190 ms); a reload unfreezes, collects and freezes
    again, so garbage of the frozen heap (such as a replaced engine's cycles) does not stay for good."""
    held = [_Cycle()]  # alive while the service starts, so it is frozen with the rest
    running = start_server()
    assert gc.get_freeze_count() > 10_000  # plugins, the policy, lexicons, compiled patterns
    assert gc.get_threshold()[0] > 700  # fewer young collections: a check frees what it allocates as it goes
    left = weakref.ref(held.pop())
    gc.collect()
    assert left() is not None  # frozen: full collections do not even look at it

    assert httpx.post(f"{running.url}/v1/reload").status_code == 200
    assert left() is None
    assert gc.get_freeze_count() > 10_000
