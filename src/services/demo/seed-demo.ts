import type { Db } from "../../db/client.ts";
import { findStaffByUsername } from "../../db/queries/staff.ts";
import { withTenant } from "../../db/tenant.ts";
import { presets } from "../../policies/presets.ts";
import { addStaffAccount } from "../staff/add-staff-account.ts";
import { installLibrarySystem } from "./install-library-system.ts";

export const demoStaff = { username: "admin", password: "shiori-admin" } as const;

export type SeedReport = {
  slug: string;
  created: boolean;
  servicePoints: number;
  bookDrops: number;
  demoStaff: boolean;
}[];

/**
 * Seeds the five library systems and, outside production, the demo administrator of each.
 * Idempotent: existing systems and accounts are left as they are.
 */
export async function seedDemo(db: Db, options: { now: Date; production: boolean }): Promise<SeedReport> {
  const report: SeedReport = [];
  for (const [index, preset] of presets.entries()) {
    const installed = await installLibrarySystem(db, preset, index, options.now);
    let demo = false;
    if (!options.production) {
      const exists = await withTenant(db, installed.librarySystemId, (tx) =>
        findStaffByUsername(tx, demoStaff.username),
      );
      if (!exists) {
        await addStaffAccount({
          db,
          librarySystemId: installed.librarySystemId,
          account: {
            username: demoStaff.username,
            displayName: "デモ管理者 / Demo administrator",
            password: demoStaff.password,
            roles: ["administrator", "counter", "reviewer"],
          },
          isDemo: true,
          actorStaffId: null,
          now: options.now,
        });
        demo = true;
      }
    }
    report.push({ slug: preset.slug, ...installed, demoStaff: demo });
  }
  return report;
}
