-- A checkout or a return changes only an item's status, due date and transit columns. With no index over those
-- columns PostgreSQL can update the row in place (a HOT update) instead of adding an entry to each of the item's
-- indexes; the new-arrivals index kept only items not withdrawn, which tied every index entry to the status.
-- Withdrawn items are few, and every new-arrivals query still filters them out. The free tenth of each page
-- leaves room for the new row version beside the old one.
DROP INDEX items_new_arrivals;
CREATE INDEX items_new_arrivals ON items (library_system_id, received_on DESC);
ALTER TABLE items SET (fillfactor = 90);
