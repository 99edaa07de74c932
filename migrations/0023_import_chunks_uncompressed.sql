-- A stored import file is read once and deleted when the import ends; compressing each 1 MB piece on the way
-- in and decompressing it on the way out cost more time than the space is worth.
ALTER TABLE catalogue_import_chunks ALTER COLUMN content SET STORAGE EXTERNAL;
