import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { listNewArrivals, type NewArrivalRow } from "../../db/queries/items.ts";
import { findServicePointRow } from "../../db/queries/service-points.ts";
import { withTenant } from "../../db/tenant.ts";
import { addDays } from "../../domain/calendar/dates.ts";
import { AppError } from "../../domain/errors.ts";

export const NEW_ARRIVAL_DAYS = 30;

/** Records with an item received in the last `days` days, newest first, by NDC class and service point. */
export async function findNewArrivals(options: {
  db: Db;
  librarySystemId: number;
  now: Date;
  days?: number;
  ndc?: string;
  servicePoint?: string;
  page?: number;
  pageSize?: number;
}): Promise<{ since: string; total: number; page: number; pageSize: number; results: NewArrivalRow[] }> {
  const days = options.days ?? NEW_ARRIVAL_DAYS;
  const since = addDays(japanDate(options.now), -days);
  const page = Math.max(1, options.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, options.pageSize ?? 20));
  return withTenant(options.db, options.librarySystemId, async (tx) => {
    let servicePointId: string | null = null;
    if (options.servicePoint) {
      const point = await findServicePointRow(tx, options.servicePoint);
      if (!point) throw new AppError("UNKNOWN_SERVICE_POINT", { servicePoint: options.servicePoint });
      servicePointId = point.id;
    }
    const { total, rows } = await listNewArrivals(tx, {
      since,
      ndcPrefix: options.ndc?.trim() || null,
      servicePointId,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return {
      since,
      total,
      page,
      pageSize,
      results: rows.map(({ total: _t, ...r }: NewArrivalRow & { total?: number }) => r),
    };
  });
}
