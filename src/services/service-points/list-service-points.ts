import type { Db } from "../../db/client.ts";
import { listBookDropRows, listServicePointRows } from "../../db/queries/service-points.ts";
import { withTenant } from "../../db/tenant.ts";
import type { CalendarRules, OpeningHours } from "../../domain/calendar/calendar-rules.ts";
import { AppError } from "../../domain/errors.ts";
import type { CredentialKind, ServicePointType } from "../../domain/vocabulary.ts";

export type ServicePointView = {
  id: string;
  code: string;
  type: ServicePointType;
  name: { ja: string; en: string };
  acceptedCredentials: CredentialKind[];
  district: string | null;
  municipality: string | null;
  hostServicePoint: string | null;
  calendar: CalendarRules;
  openingHours: OpeningHours | null;
  internetTerminals: number;
  ndlDigitalService: boolean;
  bookDrops: { code: string; name: { ja: string; en: string }; calendar: CalendarRules }[];
};

export async function listServicePoints(db: Db, librarySystemId: number): Promise<ServicePointView[]> {
  return withTenant(db, librarySystemId, async (tx) => {
    const [points, drops] = [await listServicePointRows(tx), await listBookDropRows(tx)];
    return points.map((p) => ({
      id: p.id,
      code: p.code,
      type: p.type as ServicePointType,
      name: { ja: p.nameJa, en: p.nameEn },
      acceptedCredentials: p.acceptedCredentials as CredentialKind[],
      district: p.district,
      municipality: p.municipality,
      hostServicePoint: p.hostServicePointCode,
      calendar: p.calendar as CalendarRules,
      openingHours: (p.openingHours as OpeningHours | null) ?? null,
      internetTerminals: p.internetTerminals,
      ndlDigitalService: p.ndlDigitalService,
      bookDrops: drops
        .filter((d) => d.servicePointId === p.id)
        .map((d) => ({
          code: d.code,
          name: { ja: d.nameJa, en: d.nameEn },
          calendar: d.calendar as CalendarRules,
        })),
    }));
  });
}

/** One service point by code or id, with everything listed for it; SERVICE_POINT_NOT_FOUND otherwise. */
export async function requireServicePointView(
  db: Db,
  librarySystemId: number,
  codeOrId: string,
): Promise<ServicePointView> {
  const point = (await listServicePoints(db, librarySystemId)).find(
    (p) => p.code === codeOrId || p.id === codeOrId,
  );
  if (!point) throw new AppError("SERVICE_POINT_NOT_FOUND", { servicePoint: codeOrId });
  return point;
}
