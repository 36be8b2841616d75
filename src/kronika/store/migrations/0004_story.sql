-- The corpus timeline (kronika.timeline.corpus): entries merged across documents, the evidence
-- behind each entry, the conflicts between entries, and the actors they name.
-- `story_units` keeps each document's merge units with their block keys, so that adding a
-- document recomputes only the blocks it touches. Secondary indexes are on these new tables
-- only (nothing will ALTER them); DuckDB's min/max zone maps serve the date ranges.

CREATE TABLE story_units (
    unit_id TEXT NOT NULL,          -- content-derived: sha256 of its events' ids
    doc_id  TEXT NOT NULL,
    block   TEXT NOT NULL           -- "<actor>|<actor>@YYYY-MM" (see corpus.block_keys)
);
CREATE INDEX story_units_block ON story_units (block);
CREATE INDEX story_units_doc ON story_units (doc_id);

CREATE TABLE story_entries (
    id          TEXT PRIMARY KEY,   -- content-derived: sha256 of its evidence's event ids
    type        TEXT,
    status      TEXT,
    earliest    DATE,
    latest      DATE,
    hedged      BOOLEAN,
    confidence  DOUBLE,
    n_sources   INTEGER,            -- independent sources
    n_events    INTEGER,
    summary     TEXT,
    json        TEXT NOT NULL       -- StoryEntry.to_dict()
);
CREATE INDEX story_entries_type ON story_entries (type);

CREATE TABLE story_evidence (
    entry_id    TEXT NOT NULL,
    event_id    TEXT NOT NULL,
    doc_id      TEXT NOT NULL,
    source      TEXT,               -- the document after following duplicate_of
    language    TEXT,
    published   DATE,
    speaker     TEXT,
    basis       TEXT,
    gave_date   BOOLEAN             -- this event's evidence gave the entry its date
);
CREATE INDEX story_evidence_entry ON story_evidence (entry_id);
CREATE INDEX story_evidence_doc ON story_evidence (doc_id);

CREATE TABLE story_entry_actors (
    entry_id    TEXT NOT NULL,
    actor       TEXT NOT NULL,      -- actor id, else its lower-cased canonical name
    side        TEXT NOT NULL       -- source or target
);
CREATE INDEX story_entry_actors_actor ON story_entry_actors (actor);
CREATE INDEX story_entry_actors_entry ON story_entry_actors (entry_id);

CREATE TABLE story_actors (
    actor       TEXT PRIMARY KEY,
    name        TEXT,
    country     TEXT,
    kind        TEXT,
    hay         TEXT                -- lower-cased name, words used, roles, country, id: for --actor
);

CREATE TABLE story_conflicts (
    id          TEXT PRIMARY KEY,
    kind        TEXT,
    rule        TEXT,
    entry_a     TEXT NOT NULL,
    entry_b     TEXT NOT NULL,
    note        TEXT,
    json        TEXT NOT NULL
);

CREATE TABLE story_duplicates (
    doc_id       TEXT PRIMARY KEY,  -- a near-duplicate (syndicated copy) ...
    duplicate_of TEXT NOT NULL      -- ... of this document: the two count as one source
);
