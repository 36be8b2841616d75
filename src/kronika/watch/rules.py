"""Alert rules: a saved timeline query plus the condition that fires.

A corpus entry's id changes whenever a new report joins it, so rules follow *threads*: the set of
event ids behind one real event. An entry none of whose events a rule has seen starts a new
thread (`new_entry`); an entry of a known thread whose dates differ from the thread's last dates
is a `changed_date`; a conflict between threads not seen in conflict before is a `new_conflict`;
`count` fires when the entries dated within the trailing `window` reach `at_least`, and re-arms
when they fall below it. What a rule has seen lives in the store (`state`), and every alert has
a key unique per rule, so evaluating twice, or after a restart, alerts once.

`evaluate(store, rule, today=...)` returns the alerts it recorded (the caller delivers them).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import date, timedelta
from urllib.parse import quote, urlencode

from kronika.dates import parse_date, parse_when
from kronika.store import Store
from kronika.timeline.corpus import StoryEntry, story_entry_from_dict
from kronika.timeline.query import select
from kronika.watch import state
from kronika.watch.config import Rule

SCHEMA = "kronika.alert/1"


def evaluate(store: Store, rule: Rule, *, link: str, today: date | None = None,
             new_docs: Iterable[str] | None = None,
             cache: dict[str, state.RuleState] | None = None) -> list[dict]:
    """Record and return the new alerts of `rule` over the store's timeline, in one
    transaction.

    `new_docs` (the documents stored since the rule was last evaluated) makes it incremental:
    only the entries those documents' events belong to can be new or changed, so only they are
    read. Without it the whole filtered timeline is read (at start-up, and once a day).
    `cache` keeps each rule's state in memory between calls of one watcher (the store gets
    every change too; without a cache the state is read from the store each time)."""
    today = today or date.today()
    try:
        return _evaluate(store, rule, link, today, new_docs, cache)
    except BaseException:
        if cache is not None:
            cache.pop(rule.name, None)  # rolled back: read the state from the store next time
        raise


def _evaluate(store, rule, link, today, new_docs, cache) -> list[dict]:
    with state.transaction(store):
        st = cache.get(rule.name) if cache is not None and new_docs is not None else None
        if st is None or st.hash != rule.hash:
            st = state.rule_state(store, rule.name, rule.hash)
        if cache is not None:
            cache[rule.name] = st
        if rule.when == "count":
            start = today - timedelta(seconds=rule.window)
            found = _count(store, rule, st, _select(store, rule, today, since=start), today)
        else:
            touched = None if st.fresh or new_docs is None else _touched(store, new_docs)
            entries = _select(store, rule, today, only=touched)
            found = _threads(store, rule, st, entries, partial=touched is not None,
                             lookup=lambda ids: _select(store, rule, today, only=list(ids)))
        st.fresh = False
        out = []
        for alert in found:
            alert = _finish(store, rule, alert, link)
            if state.add_alert(store, alert, rule.notify):
                out.append(alert)
    return out


def _touched(store: Store, docs: Iterable[str]) -> list[str]:
    """Ids of the corpus entries that have evidence from `docs`."""
    docs = sorted(set(docs))
    if not docs:
        return []
    return [i for (i,) in store._con.execute(
        "SELECT DISTINCT entry_id FROM story_evidence WHERE doc_id IN (SELECT unnest(?))",
        [docs]).fetchall()]


def _by_id(store: Store, ids: Iterable[str]) -> list[StoryEntry]:
    ids = sorted(set(ids))
    if not ids:
        return []
    rows = store._con.execute("SELECT json FROM story_entries WHERE id IN (SELECT unnest(?))",
                              [ids]).fetchall()
    return [story_entry_from_dict(json.loads(js)) for (js,) in rows]


def _select(store: Store, rule: Rule, today: date, *, since: date | None = None,
            only: list[str] | None = None) -> list[StoryEntry]:
    """The entries the rule's filter picks (as `kronika timeline` does); of `only` if given."""
    f = rule.filter
    names = list(f.get("actor", []))
    if f.get("story"):
        story = f["story"]
        names += [p.strip() for p in (story.split(",") if "," in story else story.split())
                  if p.strip()]
    rule_since = parse_when(f["since"], "since", today=today) if "since" in f else None
    since = max(d for d in (since, rule_since) if d) if since or rule_since else None
    filters = dict(
        actors=names, types=f.get("type", []), statuses=f.get("status", []),
        after=parse_date(f["after"]) if "after" in f else None,
        before=parse_date(f["before"]) if "before" in f else None, since=since,
        until=parse_when(f["until"], "until", today=today) if "until" in f else None)
    if only is None:
        return store.timeline(**filters)
    since, until = filters.pop("since"), filters.pop("until")
    picked = select(_by_id(store, only), **filters)
    return [e for e in picked
            if (since is None or (e.date.earliest and e.date.earliest >= since))
            and (until is None or (e.date.latest and e.date.latest <= until))]


def _threads(store: Store, rule: Rule, st: state.RuleState, entries: list[StoryEntry], *,
             partial: bool = False, lookup=None) -> list[dict]:
    quiet = st.fresh and not rule.backfill
    found: list[dict] = []
    thread_of: dict[str, str] = {}
    for e in entries:
        hits = sorted({st.known[ev] for ev in e.events if ev in st.known})
        dates = (e.date.earliest, e.date.latest)
        if not hits:
            thread = e.id
            state.save_thread(store, rule.name, thread, *dates)
            st.threads[thread] = dates
            if rule.when == "new_entry" and not quiet:
                found.append({"kind": "new_entry", "key": thread, "entry": e,
                              "what": "new entry"})
        else:
            thread = hits[0]
            if st.threads.get(thread) != dates:
                before = st.threads.get(thread)
                state.save_thread(store, rule.name, thread, *dates)
                st.threads[thread] = dates
                if rule.when == "changed_date" and not quiet:
                    found.append({"kind": "changed_date", "entry": e, "what": "date changed",
                                  "key": f"{thread}@{_span(dates)}",
                                  "previous": _span(before) if before else None})
        new = [(ev, thread) for ev in e.events if ev not in st.known]
        state.save_known(store, rule.name, new)
        st.known.update(new)
        thread_of[e.id] = thread
    if rule.when == "new_conflict":
        by_id = {e.id: e for e in entries}
        found_conflicts = store.conflicts(list(by_id))
        if partial:  # the other sides may be entries not read this time: map them too
            others = {s.entry for c in found_conflicts for s in c.sides} - set(by_id)
            for e in lookup(others):
                hits = sorted({st.known[ev] for ev in e.events if ev in st.known})
                if hits:
                    thread_of[e.id] = hits[0]
                    by_id[e.id] = e
        for c in found_conflicts:
            sides = [thread_of.get(s.entry) for s in c.sides]
            if None in sides:
                continue  # the other side is outside the rule's filter
            key = f"conflict:{c.kind}:{'|'.join(sorted(sides))}"
            if key in st.known:
                continue
            state.save_known(store, rule.name, [(key, key)])
            st.known[key] = key
            if not quiet:
                found.append({"kind": "new_conflict", "key": key, "what": "new conflict",
                              "entry": by_id[c.sides[0].entry], "conflict": c.to_dict()})
    return found


def _count(store: Store, rule: Rule, st: state.RuleState, entries: list[StoryEntry],
           today: date) -> list[dict]:
    start = today - timedelta(seconds=rule.window)
    inside = [e for e in entries if e.date.earliest and start <= e.date.earliest <= today]
    over = len(inside) >= rule.at_least
    armed = st.armed
    if armed is None:  # first sight
        armed = rule.backfill or not over
    found = []
    if over and armed:
        latest = max(inside, key=lambda e: (e.date.earliest, e.date.latest or e.date.earliest))
        found.append({"kind": "count", "key": f"count@{today.isoformat()}", "entry": latest,
                      "what": f"{len(inside)} entries since {start.isoformat()}",
                      "count": {"n": len(inside), "at_least": rule.at_least,
                                "since": start.isoformat(), "until": today.isoformat(),
                                "entries": [e.id for e in inside]}})
        armed = False
    elif not over:
        armed = True
    state.save_armed(store, rule.name, armed)
    st.armed = armed
    return found


def _span(dates) -> str:
    a, b = dates
    a = a.isoformat() if a else "?"
    b = b.isoformat() if b else "?"
    return a if a == b else f"{a}..{b}"


# the alert's JSON ----------------------------------------------------------------------------


def _finish(store: Store, rule: Rule, found: dict, link: str) -> dict:
    e: StoryEntry = found["entry"]
    alert_id = hashlib.sha256(f"{rule.name}\n{found['key']}".encode()).hexdigest()[:32]
    when = _span((e.date.earliest, e.date.latest)) if e.date.earliest else "undated"
    alert = {
        "schema": SCHEMA, "id": alert_id, "rule": rule.name, "kind": found["kind"],
        "key": found["key"], "fired_at": state.now().isoformat(timespec="seconds") + "Z",
        "title": f"{rule.name}: {found['what']}: {e.summary} ({when})",
        "filter": rule.filter, "entry": e.to_dict(),
        "evidence": [{"sentence": v.sentence, "trigger": v.trigger, "document": v.doc_id,
                      "uri": v.uri, "language": v.language, "published": _iso(v.published),
                      "speaker": v.speaker, "basis": v.basis} for v in e.evidence],
        "links": _links(store, e, rule, link),
    }
    for extra in ("previous", "conflict", "count"):
        if extra in found:
            alert[extra] = found[extra]
    return alert


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _links(store: Store, e: StoryEntry, rule: Rule, link: str) -> dict:
    """The web page of the entry (through its first report's document), the API, the filtered
    timeline, and the articles."""
    page = api = None
    for v in e.evidence:
        doc_entry = _document_entry(store, v.doc_id, v.event_id)
        if doc_entry:
            page = f"{link}/#/entry/{quote(v.doc_id)}/{quote(doc_entry)}"
            api = f"{link}/api/entries/{quote(doc_entry)}?document={quote(v.doc_id)}"
            break
    query = [("actor", a) for a in rule.filter.get("actor", [])]
    query += [("type", t) for t in rule.filter.get("type", [])]
    query += [("status", s) for s in rule.filter.get("status", [])]
    return {"page": page or f"{link}/#/doc/{quote(e.evidence[0].doc_id)}" if e.evidence
            else page, "api": api, "timeline": f"{link}/#/timeline?{urlencode(query)}",
            "documents": [f"{link}/#/doc/{quote(d)}" for d in e.documents],
            "articles": _articles(store, e)}


def _articles(store: Store, e: StoryEntry) -> list[str]:
    """The articles' own URLs (a feed entry's link, a fetched page), else where they were read."""
    docs = list(e.documents)
    rows = dict(store._con.execute(
        "SELECT id, json_extract_string(json, '$.url') FROM documents "
        "WHERE list_contains(?, id)", [docs]).fetchall())
    by_doc = {v.doc_id: v.uri for v in e.evidence}
    return sorted({rows.get(d) or by_doc.get(d) for d in docs} - {None})


def _document_entry(store: Store, doc_id: str, event_id: str) -> str | None:
    rows = store._con.execute("SELECT id, json FROM entries WHERE doc_id = ? ORDER BY seq",
                              [doc_id]).fetchall()
    for entry_id, js in rows:
        if event_id in json.loads(js).get("events", []):
            return entry_id
    return None
