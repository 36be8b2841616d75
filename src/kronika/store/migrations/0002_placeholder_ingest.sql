-- Placeholder so that this branch's migrations stay numbered without gaps. The ingest branch
-- brings the real 0002 (and the export branch 0003); when they are merged, delete this file.
SELECT 1;
