-- The CRC-32 of each stored blob, taken as its bytes arrived (attach or
-- import), in the same pass that checked them against their SHA-256.
-- Export compares the bytes it copies with it: a damaged blob is caught at
-- copy speed, where re-hashing SHA-256 would be the slowest part of writing
-- a package. A blob is named by its SHA-256, so the row is true for as
-- long as the blob exists. Blobs stored before this table have no row;
-- export then checks their SHA-256 instead.
CREATE TABLE blob_checksums (
    sha256  TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    crc32   INTEGER NOT NULL CHECK (crc32 BETWEEN 0 AND 4294967295)
) STRICT, WITHOUT ROWID;
