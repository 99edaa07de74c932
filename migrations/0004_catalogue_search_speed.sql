-- Catalogue search at a million records (ADR 0005): each record carries a summary of its live items, so that
-- search facets and item filters read the record alone instead of joining every matching record's items.

ALTER TABLE bibliographic_records
  -- Distinct material types and service points of the record's items that are not withdrawn.
  ADD COLUMN material_types text[] NOT NULL DEFAULT '{}',
  ADD COLUMN service_point_ids uuid[] NOT NULL DEFAULT '{}',
  -- Items that are not withdrawn, and those of them on the shelf.
  ADD COLUMN item_count integer NOT NULL DEFAULT 0,
  ADD COLUMN available_item_count integer NOT NULL DEFAULT 0;

-- The one definition of the summary. Whoever adds, changes or withdraws items, or changes an item's status
-- (circulation), calls this in the same transaction with the records concerned. A record whose summary is
-- already right is not written again.
CREATE FUNCTION refresh_record_summary(system_id integer, record_ids bigint[]) RETURNS void
LANGUAGE sql AS $$
  UPDATE bibliographic_records r
  SET material_types = s.material_types, service_point_ids = s.service_point_ids,
    item_count = s.item_count, available_item_count = s.available_item_count
  FROM (
    SELECT ids.id,
      coalesce(array_agg(DISTINCT i.material_type) FILTER (WHERE i.id IS NOT NULL), '{}') AS material_types,
      coalesce(array_agg(DISTINCT i.service_point_id) FILTER (WHERE i.id IS NOT NULL), '{}') AS service_point_ids,
      count(i.id)::integer AS item_count,
      (count(i.id) FILTER (WHERE i.status = 'onShelf'))::integer AS available_item_count
    FROM unnest(record_ids) AS ids(id)
    LEFT JOIN items i ON i.record_id = ids.id AND i.library_system_id = system_id AND i.status <> 'withdrawn'
    GROUP BY ids.id
  ) s
  WHERE r.id = s.id AND r.library_system_id = system_id
    AND (r.material_types, r.service_point_ids, r.item_count, r.available_item_count)
      IS DISTINCT FROM (s.material_types, s.service_point_ids, s.item_count, s.available_item_count)
$$;

-- The records catalogued before this migration (records without items keep the defaults).
SELECT refresh_record_summary(library_system_id, array_agg(id))
FROM bibliographic_records GROUP BY library_system_id;

-- "Newest first" over a large result set walks this index instead of sorting every hit.
CREATE INDEX bibliographic_records_newest
  ON bibliographic_records (library_system_id, publication_year DESC NULLS LAST, id DESC);
