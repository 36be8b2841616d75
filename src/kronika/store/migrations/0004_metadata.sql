-- Publication dates you can defend, and ingest runs that can be resumed (issue 14).
-- `document_dates`: each stored document's publication date with its source, its UTC instant
-- and original offset when a time is known, the sanity flags and the losing candidates
-- (`json`: kronika.published.Publication.to_dict()).
-- `ingest_runs`: one row per `kronika ingest` run; `key` is the sha256 of its inputs and
-- options, so running the same command after a kill finds the unfinished run (finished_at NULL)
-- and continues it. `ingest_run_items`: what the run did with each input, written as it goes;
-- a resumed run skips the inputs listed here, and the run report is read from it.

CREATE TABLE document_dates (
    doc_id        TEXT PRIMARY KEY,
    published     DATE,             -- the day in the article's own zone
    published_utc TIMESTAMP,        -- the instant in UTC, when a clock time is known
    utc_offset    TEXT,             -- the article's own offset, "+03:00"
    zone          TEXT,             -- IANA zone of the dateline's city, if known
    source        TEXT,             -- given | metadata | url | text | feed (warc-date never)
    flags         TEXT,             -- comma-separated sanity flags (future, missing, ...)
    json          TEXT NOT NULL
);

CREATE TABLE ingest_runs (
    run_id      TEXT PRIMARY KEY,
    key         TEXT NOT NULL,      -- sha256 of inputs + options: the same command resumes
    inputs      TEXT NOT NULL,      -- JSON list of the inputs as named
    options     TEXT NOT NULL,      -- JSON: filters, fallback date, language
    started_at  TIMESTAMP NOT NULL, -- UTC
    finished_at TIMESTAMP,          -- UTC; NULL while running or after a kill
    version     TEXT                -- kronika version
);

CREATE TABLE ingest_run_items (
    run_id    TEXT NOT NULL,
    input     TEXT NOT NULL,        -- as in ingest_outcomes
    status    TEXT NOT NULL,        -- stored | duplicate | skipped | failed
    doc_id    TEXT,
    code      TEXT,
    reason    TEXT,
    source    TEXT,                 -- the URL's host, else the file or archive it came from
    published DATE,
    done_at   TIMESTAMP NOT NULL,   -- UTC
    PRIMARY KEY (run_id, input)
);
