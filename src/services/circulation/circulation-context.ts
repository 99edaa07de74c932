import type { BookDropRow, ServicePointRow } from "../../db/queries/service-points.ts";
import { findBookDropRow, findServicePointRow } from "../../db/queries/service-points.ts";
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

export async function requireServicePoint(tx: TenantTx, idOrCode: string): Promise<CirculationPoint> {
  const row = await findServicePointRow(tx, idOrCode);
  if (!row) throw new AppError("SERVICE_POINT_NOT_FOUND", { servicePoint: idOrCode });
  return circulationPoint(row);
}

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
