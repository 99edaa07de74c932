import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { resultRows } from "../../db/migrate.ts";
import { withTenant } from "../../db/tenant.ts";
import type { Policy } from "../../domain/policy/policy-schema.ts";
import { setWebPassword } from "../patron-auth/set-web-password.ts";
import { registerPatron } from "../patrons/register-patron.ts";

/** Where each demo system's patrons live: the prefecture of its area (userpage's city is a placeholder). */
const demoPrefectures: Record<string, string> = {
  hiratsuka: "神奈川県",
  takarazuka: "兵庫県",
  kashiwa: "千葉県",
  userpage: "東京都",
  aomori: "青森県",
};

/** The web password of each system's first demo patron, to try the patron sign-in with. */
export const demoPatronPassword = "shiori2026";

const demoPeople = [
  {
    familyName: "山田",
    givenName: "花子",
    familyNameKana: "ヤマダ",
    givenNameKana: "ハナコ",
    birthDate: "1985-06-12",
  },
  {
    familyName: "佐藤",
    givenName: "健太",
    familyNameKana: "サトウ",
    givenNameKana: "ケンタ",
    birthDate: "1972-11-03",
  },
  {
    familyName: "鈴木",
    givenName: "美咲",
    familyNameKana: "スズキ",
    givenNameKana: "ミサキ",
    birthDate: "1999-02-28",
  },
  {
    familyName: "高橋",
    givenName: "一郎",
    familyNameKana: "タカハシ",
    givenNameKana: "イチロウ",
    birthDate: "1948-04-01",
  },
];

/**
 * A few patrons per system to try the counter with, and a child registered by the first of them. Registered
 * through the counter's own use case, so they obey the system's policy; skipped when patrons exist. The first
 * has the web password `demoPatronPassword`, to try the patron sign-in with.
 */
export async function seedDemoPatrons(
  db: Db,
  librarySystemId: number,
  options: { slug: string; policy: Policy; now: Date },
): Promise<number> {
  const existing = await withTenant(db, librarySystemId, async (tx) =>
    resultRows<{ n: number }>(await tx.execute(sql`SELECT count(*)::int AS n FROM patrons`)),
  );
  if ((existing[0]?.n ?? 0) > 0) return 0;
  const municipality = options.policy.eligibility.areaMunicipalities[0] ?? "本市";
  const prefecture = options.policy.eligibility.areaPrefecture ?? demoPrefectures[options.slug] ?? "東京都";
  const home = options.policy.eligibility.areaPrefecture ? "青森市" : municipality;
  const base = {
    address: { postalCode: "100-0001", prefecture, city: home, street: "1-2-3" },
    phone: "000-0000-0000",
    basis: "resident" as const,
    municipality: home,
    idDocument: { type: "driversLicence" as const, expiresOn: "2099-12-31" },
  };
  let count = 0;
  let guardianId: string | null = null;
  for (const [i, person] of demoPeople.entries()) {
    const registered = await registerPatron({
      db,
      librarySystemId,
      actor: { staffId: null, address: null },
      registration: {
        ...base,
        ...person,
        email: `demo${i + 1}@${options.slug}.example.jp`,
        notes: "デモ利用者 / demo patron",
      },
      now: options.now,
    });
    if (i === 0) {
      await setWebPassword(
        db,
        librarySystemId,
        registered.id,
        demoPatronPassword,
        options.policy,
        options.now,
      );
    }
    guardianId ??= registered.id;
    count++;
  }
  const childBirth = `${Number(options.now.toISOString().slice(0, 4)) - 8}-09-10`;
  await registerPatron({
    db,
    librarySystemId,
    actor: { staffId: null, address: null },
    registration: {
      ...base,
      familyName: "山田",
      givenName: "蒼",
      familyNameKana: "ヤマダ",
      givenNameKana: "アオイ",
      birthDate: childBirth,
      guardianId,
      notes: "デモ利用者 / demo patron",
    },
    now: options.now,
  });
  return count + 1;
}
