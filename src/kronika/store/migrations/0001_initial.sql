-- The first kronika store schema. Plain columns are for SQL users; `json` holds the whole object
-- (the kronika.document/1 form), so nothing is lost and `Store.document()` reads only `json`.
-- `seq` is the object's position in its document, to keep the document's order.
-- No foreign keys or secondary indexes: in DuckDB both block later ALTER TABLE migrations.

CREATE TABLE documents (
    id          TEXT PRIMARY KEY,   -- sha256 hex of the input bytes
    uri         TEXT,
    format      TEXT,
    title       TEXT,
    published   DATE,
    language    TEXT,
    text        TEXT,
    json        TEXT NOT NULL,
    ingested_at TIMESTAMP NOT NULL  -- UTC
);

CREATE TABLE events (
    id          TEXT NOT NULL,
    doc_id      TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    type        TEXT,
    status      TEXT,
    earliest    DATE,
    latest      DATE,
    hedged      BOOLEAN,
    confidence  DOUBLE,
    json        TEXT NOT NULL,
    PRIMARY KEY (doc_id, id)
);

CREATE TABLE entries (
    id          TEXT NOT NULL,
    doc_id      TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    type        TEXT,
    status      TEXT,
    earliest    DATE,
    latest      DATE,
    hedged      BOOLEAN,
    confidence  DOUBLE,
    summary     TEXT,
    json        TEXT NOT NULL,
    PRIMARY KEY (doc_id, id)
);
