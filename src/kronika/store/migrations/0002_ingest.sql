-- Ingest bookkeeping. `ingest_outcomes`: what became of every input of every `kronika ingest`
-- run (stored, duplicate of a stored document, skipped, failed), so nothing read is unaccounted
-- for; a duplicate's `duplicate_of` links it to the first copy. `minhashes`: each stored
-- document's MinHash signature (128 little-endian uint32,
-- datasketch scheme affine32), for near-duplicate search.

CREATE TABLE ingest_outcomes (
    input        TEXT NOT NULL,     -- path, path#offset=N, path#line=N, path#item=N or URL
    status       TEXT NOT NULL,     -- stored | duplicate | skipped | failed
    doc_id       TEXT,              -- the input's document id (sha256 of its bytes), if read
    duplicate_of TEXT,              -- for duplicates: the id of the first copy
    similarity   DOUBLE,            -- 1.0 for the same bytes, else estimated Jaccard
    reason       TEXT,              -- for skipped and failed: the message
    code         TEXT,              -- for skipped and failed: the error code (K202...)
    seen_at      TIMESTAMP NOT NULL -- UTC
);

CREATE TABLE minhashes (
    doc_id    TEXT PRIMARY KEY,
    signature BLOB NOT NULL,
    added_at  TIMESTAMP NOT NULL    -- UTC; the first copy is the earliest
);
