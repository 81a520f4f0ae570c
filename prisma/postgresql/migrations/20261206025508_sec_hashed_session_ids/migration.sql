-- Session ids are now stored as their SHA-256 (decisions/006-web-security.md). Sessions
-- stored before held the raw id and can no longer be found: they are removed, and
-- everyone signs in once more.
DELETE FROM "Session";
