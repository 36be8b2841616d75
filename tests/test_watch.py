"""`kronika watch`: polls a local site whose feeds change between rounds (ETag/304 honoured),
ingests only what is new, alerts once by webhook, SMTP and Atom, and survives restarts."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import textwrap
import time
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kronika.errors import RulesFileError, SourcesFileError
from kronika.store import Store
from kronika.watch import Watcher, load_rules, load_sources
from kronika.watch import state as watch_state
from kronika.watch.config import Politeness, Rule, Rules, Source, Sources, parse_duration
from kronika.watch.poll import page_links
from kronika.watch.rules import evaluate
from watchsite import Site, Story


@pytest.fixture
def site():
    s = Site().start()
    yield s
    s.stop()


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "w.duckdb")


def sources(*srcs: Source, **polite) -> Sources:
    return Sources(srcs, Politeness(host_delay=0, timeout=5, **polite), allow_private=True)


def hook_rules(site: Site, **rule) -> Rules:
    from kronika.watch.config import Channel

    rule = {"name": "talks", "when": "new_entry", "filter": {"actor": ["Austin"]},
            "notify": ("hook",), **rule}
    return Rules((Rule(**rule),), (Channel("hook", "webhook", url=f"{site.base}/hook"),),
                 link="http://kronika.test")


def watcher(db, srcs, rules=None) -> Watcher:
    return Watcher(srcs, rules, open_store=lambda: Store(db), today=lambda: date(2022, 12, 31))


def documents(db) -> int:
    with Store(db) as s:
        return len(s.documents())


# the files ---------------------------------------------------------------------------------


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(textwrap.dedent(text).lstrip())
    return str(p)


def test_sources_file_reads(tmp_path):
    path = write(tmp_path, "s.yaml", """
        every: 10m
        politeness: {host_delay: 2s, robots: false}
        sources:
          - {name: tass, feed: "https://tass.com/rss/v2.xml"}
          - {name: mil, page: "https://mil.ru/news", links: "/news/more", every: 1h, lang: ru}
    """)
    s = load_sources(path)
    assert [(x.name, x.kind, x.every) for x in s.sources] == [("tass", "feed", 600.0),
                                                               ("mil", "page", 3600.0)]
    assert s.politeness.host_delay == 2.0 and not s.politeness.robots
    assert s.sources[1].links == "/news/more" and s.sources[1].lang == "ru"


@pytest.mark.parametrize("body, line, words", [
    ("sources:\n  - {name: a, feed: 'https://a.test/f', evry: 5m}\n", 2, "unknown key 'evry'"),
    ("sources:\n  - name: a\n    feed: https://a.test/f\n    every: soon\n", 4,
     "'soon' is not a duration"),
    ("sources:\n  - name: a\n", 2, "exactly one of feed:, page: or url:"),
    ("sources:\n  - {name: a, feed: 'ftp://a.test/f'}\n", 2, "is not an http(s) URL"),
    ("sources:\n  - {name: a, feed: 'https://a.test/1'}\n  - {name: a, feed: "
     "'https://a.test/2'}\n", 3, "used twice (also on line 2)"),
    ("sources:\n  - {name: a, page: 'https://a.test/', links: '(('}\n", 2,
     "not a regular expression"),
    ("sources:\n  - {name: a, feed: https://a.test/f\n", 3, "not valid YAML"),
    ("every: 5m\n", 1, "needs a non-empty list `sources:`"),
])
def test_bad_sources_file_says_where_and_how(tmp_path, body, line, words):
    path = write(tmp_path, "bad.yaml", body)
    with pytest.raises(SourcesFileError) as e:
        load_sources(path)
    assert f"[K802] sources file {path}:{line}: " in str(e.value)
    assert words in str(e.value) and "README 'Watch'" in str(e.value)


@pytest.mark.parametrize("body, line, words", [
    ("rules:\n  - {name: r, when: new_entry, notify: [hook]}\n", 2, "no channel named 'hook'"),
    ("rules:\n  - {name: r, when: sometimes}\n", 2, "'sometimes' is not a condition"),
    ("rules:\n  - name: r\n    when: new_entry\n    filter: {type: TALK}\n", 4,
     "'TALK' is not a PLOVER type"),
    ("rules:\n  - {name: r, when: count, window: 7d}\n", 2, "needs `at_least: N`"),
    ("rules:\n  - {name: r, when: new_entry, window: 7d}\n", 2, "only applies to when: count"),
    ("channels:\n  m: {smtp: mail.test, from: a@b.c, to: d@e.f}\nrules: [{name: r, when: "
     "new_entry}]\n", 2, "HOST:PORT"),
    ("rules:\n  - {name: r, when: new_entry, filter: {since: yesterday}}\n", 2,
     "'yesterday' is not a date"),
])
def test_bad_rules_file_says_where_and_how(tmp_path, body, line, words):
    path = write(tmp_path, "bad.yaml", body)
    with pytest.raises(RulesFileError) as e:
        load_rules(path)
    assert f"[K803] rules file {path}:{line}: " in str(e.value)
    assert words in str(e.value)


@given(st.integers(0, 10**6), st.sampled_from(["", "s", "m", "h", "d", "w"]),
       st.sampled_from(["", " "]))
def test_durations_read_back(n, unit, space):
    seconds = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}[unit]
    assert parse_duration(f"{n}{space}{unit}") == n * seconds


@given(st.text(max_size=8).filter(lambda t: not re.fullmatch(r"\s*\d+(\.\d+)?\s*[smhdw]?\s*", t)))
def test_other_durations_are_refused(text):
    with pytest.raises(ValueError):
        parse_duration(text)


def test_listing_page_links():
    body = (b'<a href="/">home</a><a href="/news/1.html#top">one</a><a href="/news/1.html">'
            b'again</a><a href="https://other.test/x">away</a><a href="/news/2.html">two</a>')
    assert page_links(body, "https://site.test/news/", None) == [
        "https://site.test/news/1.html", "https://site.test/news/2.html"]
    assert page_links(body, "https://site.test/news/", r"/2\.html") == [
        "https://site.test/news/2.html"]


# polling -----------------------------------------------------------------------------------


def test_feed_polled_with_validators_ingests_only_new(site, db):
    site.publish("f", Story(1))
    site.publish("f", Story(2))
    w = watcher(db, sources(Source("f", site.feed_url("f"), "feed")))
    [p] = w.round(force=True)
    assert p.status == "new" and documents(db) == 2
    [p] = w.round(force=True)
    assert p.status == "not-modified" and site.not_modified["/feeds/f.xml"] == 1
    site.publish("f", Story(3))
    [p] = w.round(force=True)
    assert p.status == "new" and [k for k, _ in p.items] == [f"{site.base}/articles/story-3.html"]
    assert documents(db) == 3
    with Store(db) as s:
        assert len(watch_state.seen_items(s)) == 3
        saved = watch_state.sources(s)["f"]
    assert saved.etag and saved.last_modified and saved.failures == 0


def test_listing_page_fetches_new_articles(site, db):
    site.publish("l", Story(1), listing=True)
    w = watcher(db, sources(Source("l", site.list_url("l"), "auto")))
    w.round(force=True)
    assert site.requests["/articles/story-1.html"] == 1 and documents(db) == 1
    site.publish("l", Story(2), listing=True)
    w.round(force=True)
    assert site.requests["/articles/story-1.html"] == 1  # not fetched again
    assert site.requests["/articles/story-2.html"] == 1 and documents(db) == 2


def test_robots_txt_is_obeyed(db):
    site = Site(robots="User-agent: kronika\nDisallow: /feeds/\n").start()
    try:
        site.publish("f", Story(1))
        w = watcher(db, sources(Source("f", site.feed_url("f"), "feed")))
        [p] = w.round(force=True)
        assert p.status == "error" and p.error.code == "K805"
        assert site.requests["/feeds/f.xml"] == 0 and documents(db) == 0
    finally:
        site.stop()


def test_errors_back_off_exponentially_then_recover(site, db):
    site.publish("f", Story(1))
    site.fail.add("/feeds/f.xml")
    w = watcher(db, sources(Source("f", site.feed_url("f"), "feed", every=60)))
    waits = []
    for _ in range(3):
        [p] = w.round(force=True)
        st = w._states["f"]
        waits.append(round((st.next_poll - st.last_polled).total_seconds()))
    assert p.status == "error" and waits == [120, 240, 480]
    assert w.due() == []  # not due again before its backoff ends
    site.fail.clear()
    [p] = w.round(force=True)
    assert p.status == "new" and w._states["f"].failures == 0


def test_a_slow_host_is_rate_limited(site, db):
    for name in ("a", "b", "c"):
        site.publish(name, Story(ord(name)))
    srcs = Sources(tuple(Source(n, site.feed_url(n), "feed") for n in "abc"),
                   Politeness(host_delay=0.3, robots=False, timeout=5), allow_private=True)
    w = watcher(db, srcs)
    t0 = time.monotonic()
    w.round(force=True)
    w.round(force=True)  # 6 requests to one host, 0.3 s apart
    assert time.monotonic() - t0 >= 1.5


# alerts ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_new_entry_alerts_once_by_webhook_smtp_and_atom(site, db):
    from aiosmtpd.controller import Controller
    from fastapi.testclient import TestClient

    from kronika.server import create_app
    from kronika.watch.config import Channel

    got = []

    class Sink:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
            got.append(envelope)
            return "250 OK"

    port = free_port()
    smtp = Controller(Sink(), hostname="127.0.0.1", port=port)
    smtp.start()
    try:
        rules = hook_rules(site, notify=("hook", "mail"))
        rules = Rules(rules.rules, (*rules.channels, Channel(
            "mail", "smtp", host="127.0.0.1", port=port, sender="kronika@test",
            to=("analyst@test",))), link="http://kronika.test")
        site.publish("f", Story(1))
        w = watcher(db, sources(Source("f", site.feed_url("f"), "feed")), rules)
        w.round(force=True)
        assert len(site.hooks) == 1 and len(got) == 1
        alert = site.hooks[0][1]
        assert alert["schema"] == "kronika.alert/1" and alert["kind"] == "new_entry"
        assert "Austin" in alert["evidence"][0]["sentence"]
        assert alert["entry"]["date"]["earliest"] == "2022-01-02"
        assert alert["links"]["page"].startswith("http://kronika.test/#/entry/")
        assert f"{site.base}/articles/story-1.html" in alert["links"]["articles"]
        mail = got[0].content.decode()
        assert "Subject: talks: new entry" in mail and "held talks" in mail
        w.round(force=True)
        site.publish("f", Story(2, pair=1))  # Blinken and Lavrov: not the rule's
        w.round(force=True)
        assert len(site.hooks) == 1 and len(got) == 1 and documents(db) == 2
        with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
            r = client.get("/alerts.atom")
        assert r.status_code == 200 and r.headers["content-type"].startswith(
            "application/atom+xml")
        assert r.text.count("<entry>") == 1 and alert["links"]["page"] in r.text
    finally:
        smtp.stop()


def test_serve_runs_the_watcher_and_serves_its_alerts(site, db):
    from fastapi.testclient import TestClient

    from kronika.server import create_app

    site.publish("f", Story(1))
    w = Watcher(sources(Source("f", site.feed_url("f"), "feed")), hook_rules(site),
                open_store=lambda: None)
    with TestClient(create_app(db, watcher=w), base_url="http://127.0.0.1") as client:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not site.hooks:
            time.sleep(0.2)
        docs = client.get("/api/documents").json()
        feed = client.get("/alerts.atom").text
    assert len(site.hooks) == 1 and docs["total"] == 1
    assert "talks: new entry" in feed


def test_failed_delivery_is_retried_next_round(site, db):
    rules = hook_rules(site)
    from dataclasses import replace

    site.publish("f", Story(1))
    w = watcher(db, sources(Source("f", site.feed_url("f"), "feed")), rules)
    # a webhook on a closed port: the delivery fails and stays pending
    bad = replace(rules.channels[0], url=f"http://127.0.0.1:{free_port()}/hook")
    w.rules = Rules(rules.rules, (bad,), rules.link)
    w.round(force=True)
    assert w.totals.undelivered >= 1 and site.hooks == []
    w.rules = rules
    w.round(force=True)
    assert len(site.hooks) == 1 and w.totals.alerts == 1


def test_kill_and_restart_neither_repeats_nor_misses(site, db, monkeypatch):
    """Two watchers in sequence over one store; the first dies after storing a document but
    before marking it seen."""
    rules = hook_rules(site)
    for n in (1, 2):
        site.publish("f", Story(n))
    srcs = sources(Source("f", site.feed_url("f"), "feed"))
    first = watcher(db, srcs, rules)
    first.round(force=True)
    assert documents(db) == 2 and len(site.hooks) == 2
    site.publish("f", Story(3))
    site.publish("f", Story(4))

    from kronika.watch import runner

    real = runner.state.mark_seen
    calls = []

    def dying(store, source, key, doc_id, status):
        calls.append(key)
        if len(calls) == 2:
            raise KeyboardInterrupt  # killed after the 2nd new document was stored
        real(store, source, key, doc_id, status)

    monkeypatch.setattr(runner.state, "mark_seen", dying)
    with pytest.raises(KeyboardInterrupt):
        first.round(force=True)
    monkeypatch.setattr(runner.state, "mark_seen", real)
    assert documents(db) == 4 and len(site.hooks) == 2  # stored, not yet alerted

    second = watcher(db, srcs, rules)
    second.round(force=True)
    second.round(force=True)
    assert documents(db) == 4
    days = sorted(h[1]["entry"]["date"]["earliest"] for h in site.hooks)
    assert days == ["2022-01-02", "2022-01-03", "2022-01-04", "2022-01-05"]
    with Store(db) as s:
        assert len(watch_state.alerts(s)) == 4 and watch_state.pending(s) == []
        stored = [o for o in s.outcomes() if o["status"] == "stored"]
    assert len(stored) == 4


# conditions over a store -------------------------------------------------------------------


def add(store, text, published="2022-06-01"):
    from kronika import default_pipeline

    assert store.add(default_pipeline().process(text, published=published, lang="en"))


def test_changed_date_and_count_rules(tmp_path):
    with Store(tmp_path / "r.duckdb") as store:
        add(store, "In May 2022, US Secretary of Defense Lloyd Austin held talks with Russian "
                   "Defense Minister Sergei Shoigu.")
        changed = Rule("dates", "changed_date", {"actor": ["Austin", "Shoigu"]})
        count = Rule("busy", "count", {"actor": ["Austin"]}, at_least=2, window=30 * 86400)
        today = date(2022, 5, 31)
        assert evaluate(store, changed, link="http://k", today=today) == []
        assert evaluate(store, count, link="http://k", today=today) == []
        add(store, "On May 13, 2022, US Secretary of Defense Lloyd Austin held talks with "
                   "Russian Defense Minister Sergei Shoigu.", published="2022-05-14")
        [a] = evaluate(store, changed, link="http://k", today=today)
        assert a["kind"] == "changed_date" and a["previous"] == "2022-05-01..2022-05-31"
        assert a["entry"]["date"]["earliest"] == "2022-05-13"
        assert evaluate(store, changed, link="http://k", today=today) == []  # once
        add(store, "On May 20, 2022, US Secretary of Defense Lloyd Austin met NATO Secretary "
                   "General Jens Stoltenberg.", published="2022-05-21")
        [c] = evaluate(store, count, link="http://k", today=today)
        assert c["kind"] == "count" and c["count"]["n"] >= 2
        assert evaluate(store, count, link="http://k", today=today) == []  # not re-armed


def test_new_conflict_rule(tmp_path):
    """One meeting reported on two neighbouring days is a flagged conflict: alerted once."""
    with Store(tmp_path / "c.duckdb") as store:
        rule = Rule("contra", "new_conflict", {"actor": ["Lavrov"]})
        assert evaluate(store, rule, link="http://k") == []
        add(store, "On January 21, 2022, Russian Foreign Minister Sergei Lavrov met US "
                   "Secretary of State Antony Blinken in Geneva.", published="2022-01-22")
        assert evaluate(store, rule, link="http://k") == []
        add(store, "On January 20, 2022, US Secretary of State Antony Blinken met Russian "
                   "Foreign Minister Sergei Lavrov in Geneva.", published="2022-01-22")
        [a] = evaluate(store, rule, link="http://k")
        assert a["kind"] == "new_conflict" and a["conflict"]["kind"] == "date"
        assert "2022-01-20" in a["conflict"]["note"]
        assert evaluate(store, rule, link="http://k") == []


# the store's migrations ----------------------------------------------------------------------


def test_a_migration_in_a_gap_is_still_applied(tmp_path, monkeypatch):
    import kronika.store as store_module

    db = tmp_path / "gap.duckdb"
    Store(db).close()
    known = store_module.migrations()
    late = (4, "0004_late.sql", "CREATE TABLE late_table (x INTEGER);")
    if 4 in [v for v, _, _ in known]:
        pytest.skip("0004 exists in this branch")
    monkeypatch.setattr(store_module, "migrations", lambda: sorted([*known, late]))
    with Store(db) as s:
        assert s._con.execute("SELECT count(*) FROM late_table").fetchone() == (0,)


# the command line ----------------------------------------------------------------------------


def kronika(*args):
    return subprocess.run([sys.executable, "-m", "kronika", *map(str, args)],
                          capture_output=True, text=True, timeout=300)


def test_cli_watch_once_and_bad_file(site, tmp_path, db):
    site.publish("f", Story(1))
    r = kronika("watch", site.feed_url("f"), "--once", "--allow-private", "--db", db)
    assert r.returncode == 0, r.stderr
    assert "kronika watch" in r.stderr and documents(db) == 1
    bad = write(tmp_path, "s.yaml", "sources:\n  - {name: x}\n")
    r = kronika("watch", bad, "--db", db)
    assert r.returncode == 2 and f"[K802] sources file {bad}:2:" in r.stderr


def test_cli_serve_rules_need_watch(tmp_path):
    r = kronika("serve", "--db", tmp_path / "x.duckdb", "--rules", "r.yaml")
    assert r.returncode == 2 and "--rules needs --watch" in r.stderr


def test_readme_examples_load(tmp_path):
    """The sources and rules files shown in README 'Watch' are valid."""
    from pathlib import Path

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Watch", 1)[1].split("\n## ", 1)[0]
    blocks = [b.split("```", 1)[0] for b in section.split("```yaml\n")[1:]]
    src, rules = (write(tmp_path, n, b) for n, b in zip(("s.yaml", "r.yaml"), blocks,
                                                        strict=True))
    assert [s.name for s in load_sources(src).sources] == ["tass", "mil", "blog"]
    loaded = load_rules(rules)
    assert [r.when for r in loaded.rules] == ["new_entry", "count"]
    assert {c.kind for c in loaded.channels} == {"webhook", "smtp"}
