-- Placeholder so that this branch's migrations stay numbered without gaps. The export branch
-- brings the real 0003; when it is merged, delete this file.
SELECT 1;
