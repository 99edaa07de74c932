import type { BookDropRow, ServicePointRow } from "../../db/queries/service-points.ts";
import { findBookDropRow, listServicePointRows } from "../../db/queries/service-points.ts";
import type { TenantTx } from "../../db/tenant.ts";
import type { CalendarRules } from "../../domain/calendar/calendar-rules.ts";
import { AppError } from "../../domain/errors.ts";
import type { CredentialKind, ServicePointType } from "../../domain/vocabulary.ts";

/** A service point as circulation needs it: what it accepts and when it is open. */
export type CirculationPoint = {
  id: string;
  code: string;
  type: ServicePointType;
  name: { ja: string; en: string };
  acceptedCredentials: CredentialKind[];
  calendar: CalendarRules;
};

export function circulationPoint(row: ServicePointRow): CirculationPoint {
  return {
    id: row.id,
    code: row.code,
    type: row.type as ServicePointType,
    name: { ja: row.nameJa, en: row.nameEn },
    acceptedCredentials: row.acceptedCredentials as CredentialKind[],
    calendar: row.calendar as CalendarRules,
  };
}

/**
 * Service points are written when a system is installed and never changed by the application, and every
 * checkout and return names one: each database's are kept for a minute instead of read on every scan. A code
 * not among them is looked for once more, for a point added since they were read.
 */
const keepMs = 60_000;
const kept = new WeakMap<object, Map<number, { points: CirculationPoint[]; until: number }>>();

async function servicePointsOf(tx: TenantTx, fresh: boolean): Promise<CirculationPoint[]> {
  let bySystem = kept.get(tx.origin);
  if (!bySystem) {
    bySystem = new Map();
    kept.set(tx.origin, bySystem);
  }
  const entry = bySystem.get(tx.librarySystemId);
  if (!fresh && entry && entry.until > Date.now()) return entry.points;
  const points = (await listServicePointRows(tx)).map(circulationPoint);
  bySystem.set(tx.librarySystemId, { points, until: Date.now() + keepMs });
  return points;
}

export async function requireServicePoint(tx: TenantTx, idOrCode: string): Promise<CirculationPoint> {
  const wanted = uuidPattern.test(idOrCode) ? idOrCode.toLowerCase() : idOrCode;
  const find = (points: CirculationPoint[]) => points.find((p) => p.id === wanted || p.code === wanted);
  const point = find(await servicePointsOf(tx, false)) ?? find(await servicePointsOf(tx, true));
  if (!point) throw new AppError("SERVICE_POINT_NOT_FOUND", { servicePoint: idOrCode });
  return point;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function requireBookDrop(
  tx: TenantTx,
  code: string,
  servicePointId: string,
): Promise<BookDropRow> {
  const row = await findBookDropRow(tx, code);
  if (!row) throw new AppError("BOOK_DROP_NOT_FOUND", { bookDrop: code });
  if (row.servicePointId !== servicePointId) {
    throw new AppError("BOOK_DROP_NOT_AT_SERVICE_POINT", { bookDrop: code });
  }
  return row;
}
