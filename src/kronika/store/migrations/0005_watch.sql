-- `kronika watch` state, so that a killed and restarted watcher neither re-alerts nor misses.
-- `watch_sources`: per polled source, its HTTP validators, when to poll next, and its errors
-- (for backoff). `watch_items`: every item of a source seen so far (the feed entry's link or
-- id, or the listing page's link) and the document it became. `watch_rules`: each saved
-- query, with a hash of its definition (a changed rule starts afresh). `watch_known`: the
-- events each rule has already accounted for, grouped in threads (one real event, even when
-- later reports change its entry id), with the thread's last date. `watch_alerts`: every
-- alert, once (its key is unique per rule), with its JSON payload, and `watch_deliveries`:
-- which channel got it (an alert not yet delivered is retried after a restart).
-- Only new tables: nothing here reads or changes another migration's tables.

CREATE TABLE watch_sources (
    source        TEXT PRIMARY KEY,   -- the source's name in the sources file
    url           TEXT NOT NULL,
    etag          TEXT,
    last_modified TEXT,
    next_poll     TIMESTAMP,          -- UTC
    last_polled   TIMESTAMP,          -- UTC
    last_status   TEXT,               -- new, unchanged, not-modified, error, robots
    last_error    TEXT,
    failures      INTEGER NOT NULL DEFAULT 0   -- errors in a row (backoff)
);

CREATE TABLE watch_items (
    source      TEXT NOT NULL,
    key         TEXT NOT NULL,        -- entry link or id, else a hash of its bytes
    doc_id      TEXT,                 -- the document it became (or the first copy)
    status      TEXT NOT NULL,        -- the ingest outcome: stored, duplicate, skipped, failed
    first_seen  TIMESTAMP NOT NULL,   -- UTC
    PRIMARY KEY (source, key)
);

CREATE TABLE watch_rules (
    rule        TEXT PRIMARY KEY,
    hash        TEXT NOT NULL,        -- sha256 of the rule's definition
    armed       BOOLEAN,              -- count rules: below the threshold, ready to fire
    created_at  TIMESTAMP NOT NULL
);

CREATE TABLE watch_known (
    rule        TEXT NOT NULL,
    event_id    TEXT NOT NULL,
    thread      TEXT NOT NULL,        -- the first entry id the rule saw for this real event
    PRIMARY KEY (rule, event_id)
);

CREATE TABLE watch_threads (
    rule        TEXT NOT NULL,
    thread      TEXT NOT NULL,
    earliest    DATE,
    latest      DATE,
    PRIMARY KEY (rule, thread)
);

CREATE TABLE watch_alerts (
    id          TEXT PRIMARY KEY,     -- sha256 of rule and key
    rule        TEXT NOT NULL,
    key         TEXT NOT NULL,        -- what the alert is about: thread, date, conflict, window
    kind        TEXT NOT NULL,        -- new_entry, changed_date, new_conflict, count
    entry_id    TEXT,
    title       TEXT NOT NULL,
    fired_at    TIMESTAMP NOT NULL,   -- UTC
    json        TEXT NOT NULL         -- the whole alert: entry, evidence, links
);

CREATE TABLE watch_deliveries (
    alert_id     TEXT NOT NULL,
    channel      TEXT NOT NULL,
    delivered_at TIMESTAMP,           -- UTC; null while not delivered
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT,
    PRIMARY KEY (alert_id, channel)
);
