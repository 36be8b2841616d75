"""The HTTP API through FastAPI's TestClient: contract JSON, pages, ETags, problems, token,
size limits, uploads that stay inside the store's folder, a store locked by another process."""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
import textwrap
from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kronika.document import PLOVER_TYPES, SCHEMA
from kronika.server import create_app
from kronika.server.guard import CSP, token_matches
from kronika.server.uploads import keep_upload, safe_name
from kronika.store import Store
from webdata import IMG, JS_URL, SCRIPT, example_doc, xss_doc

BASE = "http://127.0.0.1:8000"
TALKS = ("On May 13, 2022, US Defense Secretary Lloyd Austin held talks with Russian Defense "
         "Minister Sergei Shoigu.")


def _filled(folder):
    folder.mkdir()
    path = folder / "k.duckdb"
    with Store(path) as s:
        s.add(example_doc())
        s.add(xss_doc())
    return path


@pytest.fixture
def db(tmp_path):
    """A store of its own, for tests that write."""
    return _filled(tmp_path / "store")


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """A client over a store shared by the tests that only read (or fail to write)."""
    return TestClient(create_app(_filled(tmp_path_factory.mktemp("shared") / "store")),
                      base_url=BASE)


@pytest.fixture
def fresh(db):
    return TestClient(create_app(db), base_url=BASE)


def is_problem(resp, status: int) -> dict:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"] == "application/problem+json"
    body = resp.json()
    assert body["status"] == status and body["title"] and body["detail"]
    assert "Traceback" not in resp.text
    return body


# reading ---------------------------------------------------------------------------------------

def test_health_and_vocabulary(client):
    assert client.get("/api/health").json()["status"] == "ok"
    vocab = client.get("/api/vocabulary").json()
    assert sorted(t for q in vocab["quads"] for t in q["types"]) == sorted(PLOVER_TYPES)


def test_documents_list_and_detail_follow_the_contract(client):
    page = client.get("/api/documents").json()
    assert page["total"] == 2 and page["next"] is None
    doc_id = example_doc().id
    doc = client.get(f"/api/documents/{doc_id}").json()
    assert doc["schema"] == SCHEMA and doc["id"] == doc_id
    assert all(doc["text"][e["evidence"]["start"]:e["evidence"]["end"]] == e["evidence"]["text"]
               for e in doc["events"])


def test_timeline_filters_like_the_cli(client):
    items = client.get("/api/timeline", params={"actor": ["Austin", "Shoigu"],
                                                "status": "attempted_failed"}).json()["items"]
    assert items and all(e["status"] == "attempted_failed" for e in items)
    last = client.get("/api/query/last", params={"actor": ["Austin", "Shoigu"],
                                                 "status": "attempted_failed"}).json()
    assert last["entry"]["id"] == items[-1]["id"]
    assert last["evidence"] and last["evidence"][0]["event"]["evidence"]["text"]
    none = client.get("/api/query/last", params={"type": "ASSAULT", "actor": "Nobody"}).json()
    assert none == {"entry": None, "evidence": [], "conflicts": []}


def test_story_is_the_cli_corpus_timeline(client, tmp_path):
    got = client.get("/api/story", params={"actor": ["Austin", "Shoigu"]}).json()
    with Store(_filled(tmp_path / "same")) as store:
        want = [e.to_dict() for e in store.timeline(actors=["Austin", "Shoigu"])]
    assert got["items"] == json.loads(json.dumps(want, default=str)) and got["total"] == len(want)
    assert all(len(e["evidence"]) >= 1 for e in got["items"])


def test_timeline_is_ordered_by_date_and_searchable(client):
    items = client.get("/api/timeline").json()["items"]
    dated = [e["date"]["earliest"] for e in items if e["date"]["earliest"]]
    assert dated == sorted(dated)
    assert {e["shape"] for e in items} <= {"point", "interval", "range", "open", "undated"}
    found = client.get("/api/timeline", params={"q": "LPR"}).json()["items"]
    assert [e["type"] for e in found] == ["ACCUSE"]


def test_pages_are_stable_and_link_the_next_one(client):
    everything = client.get("/api/timeline").json()["items"]
    first = client.get("/api/timeline", params={"limit": 3}).json()
    assert first["total"] == len(everything) and len(first["items"]) == 3
    second = client.get(first["next"]).json()
    assert first["items"] + second["items"] == everything[:3 + len(second["items"])]


def test_entry_has_its_evidence_and_attribution(client):
    entry = next(e for e in client.get("/api/timeline").json()["items"]
                 if e["status"] == "attempted_failed")
    detail = client.get(f"/api/entries/{entry['id']}",
                        params={"document": entry["document"]}).json()
    assert [ev["event"]["id"] for ev in detail["evidence"]] == entry["events"]
    assert detail["document"]["id"] == example_doc().id
    assert "conflicts" in detail


def test_actors_counts_entries(client):
    items = client.get("/api/actors").json()["items"]
    names = [a["name"] for a in items]
    assert "Lloyd Austin" in names
    assert [a["entries"] for a in items] == sorted((a["entries"] for a in items), reverse=True)


def test_etag_answers_304(client):
    first = client.get("/api/timeline")
    again = client.get("/api/timeline", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert client.get("/api/timeline", headers={"If-None-Match": '"other"'}).status_code == 200


# writing ---------------------------------------------------------------------------------------

def test_post_text_stores_once(fresh):
    first = fresh.post("/api/documents", json={"text": TALKS, "published": "2022-05-13"})
    assert first.status_code == 201 and first.json()["stored"] is True
    assert first.headers["location"] == f"/api/documents/{first.json()['id']}"
    again = fresh.post("/api/documents", json={"text": TALKS, "published": "2022-05-13"})
    assert again.status_code == 200 and again.json()["stored"] is False
    assert fresh.get("/api/documents").json()["total"] == 3


def test_post_url_uses_the_fetcher(db):
    asked = []

    def fetch(url):
        asked.append(url)
        return TALKS.encode(), url + "#final"

    client = TestClient(create_app(db, fetch=fetch), base_url=BASE)
    resp = client.post("/api/documents", json={"url": "https://example.org/a", "lang": "en"})
    assert resp.status_code == 201 and asked == ["https://example.org/a"]
    doc = client.get(resp.json()["url"]).json()
    assert doc["source"]["uri"] == "https://example.org/a#final"


@pytest.mark.parametrize("body, says", [
    ({}, "exactly one of text, html, url or file"),
    ({"text": "a", "url": "https://x.org"}, "exactly one"),
    ({"text": TALKS, "published": "13/05/2022"}, "YYYY-MM-DD"),
    ({"text": TALKS, "lang": "xx"}, "not supported"),
    ({"text": 5}, "must be a string"),
])
def test_bad_posts_are_problems(client, body, says):
    assert says in is_problem(client.post("/api/documents", json=body), 400)["detail"]


@pytest.mark.parametrize("path, status", [
    ("/api/documents/" + "0" * 64, 404),
    ("/api/entries/nope", 404),
    ("/api/timeline?type=PARTY", 400),
    ("/api/timeline?status=maybe", 400),
    ("/api/timeline?after=yesterday", 400),
    ("/api/timeline?limit=0", 422),
    ("/api/nothing-here", 404),
])
def test_bad_reads_are_problems(client, path, status):
    is_problem(client.get(path), status)


def test_unexpected_errors_are_a_problem_without_a_trace(db):
    class Broken:
        def process(self, *a, **k):
            raise RuntimeError("secret internals")

    client = TestClient(create_app(db, pipeline=Broken()), base_url=BASE,
                        raise_server_exceptions=False)
    body = is_problem(client.post("/api/documents", json={"text": TALKS}), 500)
    assert "secret internals" not in json.dumps(body)


def test_wrong_content_type_is_a_problem(client):
    is_problem(client.post("/api/documents", content=b"hello",
                           headers={"content-type": "text/plain"}), 400)


# size limits -----------------------------------------------------------------------------------

def test_bodies_over_the_limit_are_refused(db):
    client = TestClient(create_app(db, max_body=1000), base_url=BASE)
    big = {"text": "x" * 2000}
    assert "1000 bytes" in is_problem(client.post("/api/documents", json=big), 413)["detail"]

    def chunks():  # no Content-Length: the limit is counted while reading
        for _ in range(5):
            yield b"y" * 400

    is_problem(client.post("/api/documents", content=chunks(),
                           headers={"content-type": "application/json"}), 413)


# uploads ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["../../evil.txt", "/etc/passwd", "..\\..\\evil.html",
                                  "a/../../../b.htm", "....//....//c.txt", "C:\\Windows\\x.txt",
                                  ".."])
def test_uploads_stay_inside_the_store_folder(db, tmp_path, name):
    before = {p for p in tmp_path.rglob("*")}
    client = TestClient(create_app(db), base_url=BASE)
    resp = client.post("/api/documents", files={"file": (name, TALKS.encode(), "text/plain")},
                       data={"published": "2022-05-13"})
    assert resp.status_code == 201, resp.text
    new = {p for p in tmp_path.rglob("*")} - before
    uploads = db.parent / "kronika-uploads"
    kept = [p for p in new if p.is_file() and p.parent == uploads]
    assert len(kept) == 1 and kept[0].stem == resp.json()["id"]
    assert kept[0].read_bytes() == TALKS.encode()
    outside = [p for p in new if p.is_file() and not p.is_relative_to(db.parent)]
    assert outside == []
    uri = client.get(resp.json()["url"]).json()["source"]["uri"]
    assert uri.startswith("upload:") and "/" not in uri and "\\" not in uri


def test_upload_folder_linked_elsewhere_is_refused(db, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (db.parent / "kronika-uploads").symlink_to(elsewhere)
    client = TestClient(create_app(db), base_url=BASE)
    is_problem(client.post("/api/documents", files={"file": ("a.txt", b"Some text.")}), 400)
    assert list(elsewhere.iterdir()) == []
    assert client.get("/api/documents").json()["total"] == 2  # nothing stored either


def test_empty_upload_is_a_problem(client):
    is_problem(client.post("/api/documents", files={"file": ("a.txt", b"")}), 400)


# token -----------------------------------------------------------------------------------------

def test_token_guards_every_route_but_health(db):
    client = TestClient(create_app(db, token="s3cret-token"), base_url=BASE)
    assert client.get("/api/health").status_code == 200
    for path in ("/", "/docs", "/openapi.json", "/static/app.js", "/api/timeline",
                 "/api/documents", "/api/actors", "/api/query/last", "/api/vocabulary"):
        resp = client.get(path)
        is_problem(resp, 401)
        assert resp.headers["www-authenticate"].startswith("Basic")
    is_problem(client.post("/api/documents", json={"text": TALKS}), 401)
    is_problem(client.get("/api/timeline?token=s3cret-token"), 401)
    ok = {"Authorization": "Bearer s3cret-token"}
    assert client.get("/api/timeline", headers=ok).status_code == 200
    basic = base64.b64encode(b"anyone:s3cret-token").decode()
    assert client.get("/", headers={"Authorization": f"Basic {basic}"}).status_code == 200


@pytest.mark.parametrize("header", [None, "", "Bearer", "Bearer s3cret", "Bearer s3cret-token2",
                                    "Token s3cret-token", "Basic !!!", "Basic " +
                                    base64.b64encode(b"s3cret-token").decode(),
                                    "Bearer s3cret-tokén"])
def test_wrong_tokens_do_not_match(header):
    assert not token_matches(header, "s3cret-token")


# headers ---------------------------------------------------------------------------------------

def test_every_answer_has_a_strict_csp(client):
    for path in ("/", "/docs", "/api/timeline", "/api/nothing"):
        headers = client.get(path).headers
        assert headers["content-security-policy"] == CSP
        assert headers["x-content-type-options"] == "nosniff"
    assert "'unsafe-inline'" not in CSP and "script-src 'self'" in CSP


def test_page_and_docs_are_served_without_a_cdn(client):
    for path in ("/", "/docs"):
        html = client.get(path).text
        assert not re.search(r'(src|href)="(https?:)?//', html)
    assert client.get("/static/app.js").status_code == 200
    assert "/api/timeline" in client.get("/openapi.json").json()["paths"]


def test_article_text_comes_back_as_data_not_markup(client):
    doc = client.get(f"/api/documents/{xss_doc().id}").json()
    assert SCRIPT in doc["title"] and IMG in doc["text"] and doc["source"]["uri"] == JS_URL


# a store locked by another process --------------------------------------------------------------

@contextmanager
def locked(db):
    """Another process holding the store's write lock, as `kronika ingest` does."""
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import duckdb, sys
            con = duckdb.connect({str(db)!r})
            print("locked", flush=True)
            sys.stdin.read()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        yield
    finally:
        holder.communicate("")


def test_store_locked_by_another_writer_is_a_503_problem(db):
    client = TestClient(create_app(db), base_url=BASE)
    with locked(db):
        for resp in (client.get("/api/timeline"), client.post("/api/documents",
                                                              json={"text": TALKS})):
            body = is_problem(resp, 503)
            assert body["code"] == "K601" and "another process" in body["detail"]
            assert resp.headers["retry-after"]
    assert client.get("/api/timeline").status_code == 200


def test_reads_go_on_from_the_last_snapshot_while_another_process_writes(db):
    client = TestClient(create_app(db), base_url=BASE)
    before = client.get("/api/timeline").json()
    doc = client.get(f"/api/documents/{example_doc().id}").json()
    with locked(db):
        assert client.get("/api/timeline").json() == before
        assert client.get(f"/api/documents/{example_doc().id}").json() == doc
        is_problem(client.get(f"/api/documents/{xss_doc().id}"), 503)  # never read before
        is_problem(client.post("/api/documents", json={"text": TALKS}), 503)
    assert client.post("/api/documents", json={"text": TALKS}).status_code == 201
    assert client.get("/api/timeline").json()["total"] == before["total"] + 1


def test_server_refuses_an_in_memory_store():
    from kronika.errors import StoreError

    with pytest.raises(StoreError, match="needs a store file"):
        create_app(":memory:")


def test_health_does_not_need_the_store_and_says_nothing_private(client):
    body = client.get("/api/health").json()
    assert set(body) == {"status", "version"}


# hosts and origins -----------------------------------------------------------------------------

def test_foreign_host_names_are_refused(db):
    client = TestClient(create_app(db), base_url="http://rebound.example:8000")
    assert "not to the host" in is_problem(client.get("/api/timeline"), 400)["detail"]
    for base in ("http://localhost:8000", "http://[::1]:8000"):
        assert TestClient(create_app(db), base_url=base).get("/api/timeline").status_code == 200
    anyone = TestClient(create_app(db, hosts=None), base_url="http://rebound.example")
    assert anyone.get("/api/timeline").status_code == 200


def test_posts_from_other_sites_are_refused(fresh):
    evil = {"Origin": "http://evil.example"}
    is_problem(fresh.post("/api/documents", json={"text": TALKS}, headers=evil), 403)
    is_problem(fresh.post("/api/documents", files={"file": ("a.txt", b"x")}, headers=evil), 403)
    assert fresh.get("/api/timeline", headers=evil).status_code == 200
    mine = {"Origin": BASE}
    assert fresh.post("/api/documents", json={"text": TALKS}, headers=mine).status_code == 201


# conflicts -------------------------------------------------------------------------------------

def _one_entry_doc(text: str, status: str, earliest, latest):
    from datetime import date

    from kronika.document import Actor, DateInfo, Document, Entry, Event, Span

    austin = Actor("Austin", "Lloyd Austin", "lloyd-austin", "USA")
    shoigu = Actor("Shoigu", "Sergei Shoigu", "sergei-shoigu", "RUS")
    when = DateInfo(None, date.fromisoformat(earliest), date.fromisoformat(latest), "explicit")
    doc = Document.from_bytes(text.encode(), text=text, title=status)
    ev = Event("e1", "CONSULT", status, Span(0, 6, text[:6]), Span(0, len(text), text),
               (austin,), (shoigu,), when)
    entry = Entry("t1", "CONSULT", status, (austin,), (shoigu,), when, ("e1",), False, 0.7,
                  f"Austin → Shoigu: CONSULT ({status})")
    return doc.with_layers(events=(ev,), timeline=(entry,))


def test_reports_that_disagree_are_conflicts(tmp_path):
    db = tmp_path / "k.duckdb"
    said = _one_entry_doc("Austin spoke with Shoigu on April 10.", "occurred",
                          "2022-04-10", "2022-04-10")
    denied = _one_entry_doc("Moscow denied that Shoigu took Austin's call that week.",
                            "denied", "2022-04-07", "2022-04-14")
    later = _one_entry_doc("Austin spoke with Shoigu in May.", "refused",
                           "2022-05-01", "2022-05-31")
    with Store(db) as s:
        for d in (said, denied, later):
            s.add(d)
    client = TestClient(create_app(db), base_url=BASE)
    detail = client.get("/api/entries/t1", params={"document": said.id}).json()
    assert [c["entry"]["document"] for c in detail["conflicts"]] == [denied.id]
    assert "denied rather than occurred" in detail["conflicts"][0]["why"]


def test_documents_answer_304_and_html_is_extracted(fresh):
    html = ("<html><head><title>Talks</title></head><body><article><h1>Talks</h1><p>" + TALKS +
            "</p></article></body></html>")
    posted = fresh.post("/api/documents", json={"html": html, "published": "2022-05-13"}).json()
    first = fresh.get(posted["url"])
    assert "<p>" not in first.json()["text"] and "Shoigu" in first.json()["text"]
    again = fresh.get(posted["url"], headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304


@pytest.mark.parametrize("path", ["/static/../app.py", "/static/%2e%2e/app.py",
                                  "/static/..%2fguard.py", "/static/", "/static/../../../etc/passwd"])
def test_static_files_do_not_reach_outside_their_folder(client, path):
    resp = client.get(path)
    assert resp.status_code in (404, 400) and "import" not in resp.text


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(st.text(max_size=300))
def test_any_client_file_name_lands_in_the_upload_folder(tmp_path_factory, name):
    folder = tmp_path_factory.mktemp("up")
    shown = safe_name(name)
    assert shown and "/" not in shown and "\\" not in shown and not shown.startswith(".")
    kept = keep_upload(folder, "a" * 64, name, b"x")
    assert kept.parent == (folder / "kronika-uploads").resolve() and kept.stem == "a" * 64


def test_forms_with_many_files_are_refused(client):
    files = [("file", (f"{i}.txt", b"x")) for i in range(3)]
    is_problem(client.post("/api/documents", files=files), 400)
