-- Case photos (issue 16): the photo and thumbnail columns hold JPEGs the hub has just encoded, which do not compress.
-- With the default STORAGE EXTENDED, PostgreSQL tried pglz on every ~0.5 MB value before storing it out of line
-- uncompressed: about half of PostgreSQL's CPU per report in `bench/run cases` (30 → 15 ms with EXTERNAL). EXTERNAL
-- still moves large values to the TOAST table, without the compression attempt. Affects new rows only (existing ones
-- stay as stored; reading either kind is the same).
ALTER TABLE case_photo ALTER COLUMN jpeg SET STORAGE EXTERNAL, ALTER COLUMN thumbnail SET STORAGE EXTERNAL;
