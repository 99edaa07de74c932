import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import {
  listExpiredToClear,
  listHoldShelf,
  listHoldsToCall,
  listItemsToPull,
  listTransit,
} from "../../db/queries/holds.ts";
import { withTenant } from "../../db/tenant.ts";
import { requireServicePoint } from "../circulation/circulation-context.ts";

/**
 * The staff's lists of a service point's reservations work: the hold shelf, patrons to phone, copies to pull
 * from the shelf, copies to clear after a reservation ended, and copies on their way here.
 */
export async function holdShelfLists(input: {
  db: Db;
  librarySystemId: number;
  servicePoint: string;
  now: Date;
}) {
  return withTenant(input.db, input.librarySystemId, async (tx) => {
    const point = await requireServicePoint(tx, input.servicePoint);
    // "Today" for clearing: what ended since the start of the day in Japan.
    const startOfDay = new Date(`${japanDate(input.now)}T00:00:00+09:00`);
    return {
      servicePoint: { code: point.code, name: point.name },
      shelf: await listHoldShelf(tx, point.id),
      toCall: await listHoldsToCall(tx, point.id),
      toPull: await listItemsToPull(tx, point.id),
      toClear: await listExpiredToClear(tx, point.id, startOfDay),
      incoming: await listTransit(tx, point.id),
    };
  });
}
