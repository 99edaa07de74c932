import type { Db } from "../../db/client.ts";
import { findLibrarySystemBySlug, insertLibrarySystem } from "../../db/queries/library-systems.ts";
import { insertPolicyVersion } from "../../db/queries/policy-versions.ts";
import { insertBookDrop, insertServicePoint } from "../../db/queries/service-points.ts";
import { withTenant } from "../../db/tenant.ts";
import { type LibrarySystemPreset, librarySystemPresetSchema } from "../../domain/library-system.ts";

/** The first policy is in force from this date, so that any test clock finds one. */
export const presetPolicyEffectiveFrom = "2000-01-01";

/**
 * Installs a library system from its preset: the system, policy version 1, service points with their
 * calendars and book drops. Does nothing when the slug exists (a second start keeps existing data).
 */
export async function installLibrarySystem(
  db: Db,
  preset: LibrarySystemPreset,
  position: number,
  now: Date,
): Promise<{ librarySystemId: number; created: boolean; servicePoints: number; bookDrops: number }> {
  const existing = await findLibrarySystemBySlug(db, preset.slug);
  if (existing) return { librarySystemId: existing.id, created: false, servicePoints: 0, bookDrops: 0 };
  const valid = librarySystemPresetSchema.parse(preset);
  return db.transaction(async (outer) => {
    const system = await insertLibrarySystem(outer as unknown as Db, {
      slug: valid.slug,
      nameJa: valid.name.ja,
      nameEn: valid.name.en,
      source: valid.source,
      position,
    });
    let drops = 0;
    await withTenant(outer as unknown as Db, system.id, async (tx) => {
      await insertPolicyVersion(tx, {
        version: 1,
        effectiveFrom: presetPolicyEffectiveFrom,
        policy: valid.policy,
        note: `preset ${valid.slug}`,
        createdBy: null,
        createdAt: now,
      });
      for (const [index, point] of valid.servicePoints.entries()) {
        const row = await insertServicePoint(tx, {
          code: point.code,
          type: point.type,
          nameJa: point.name.ja,
          nameEn: point.name.en,
          acceptedCredentials: point.acceptedCredentials,
          calendar: point.calendar,
          district: point.district,
          municipality: point.municipality,
          hostServicePointCode: point.hostServicePoint,
          position: index,
          openingHours: point.openingHours ?? null,
          internetTerminals: point.internetTerminals ?? 0,
          ndlDigitalService: point.ndlDigitalService ?? false,
        });
        for (const drop of point.bookDrops) {
          await insertBookDrop(tx, {
            servicePointId: row.id,
            code: drop.code,
            nameJa: drop.name.ja,
            nameEn: drop.name.en,
            calendar: drop.calendar,
          });
          drops++;
        }
      }
    });
    return {
      librarySystemId: system.id,
      created: true,
      servicePoints: valid.servicePoints.length,
      bookDrops: drops,
    };
  });
}
