import { japanDate } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import { insertAnnouncement, listGuidePages, upsertGuidePage } from "../../db/queries/site-content.ts";
import { withTenant } from "../../db/tenant.ts";
import { addDays } from "../../domain/calendar/dates.ts";
import type { LibrarySystemPreset } from "../../domain/library-system.ts";

/**
 * A first guide page and two announcements per library system, so that the demo's home page shows what staff
 * will write; the guide's figures come from the preset's policy. Skipped when the system has pages already.
 */
export async function seedDemoSiteContent(
  db: Db,
  librarySystemId: number,
  preset: LibrarySystemPreset,
  now: Date,
): Promise<boolean> {
  const today = japanDate(now);
  const { loans, holds } = preset.policy;
  return withTenant(db, librarySystemId, async (tx) => {
    if ((await listGuidePages(tx)).length > 0) return false;
    await upsertGuidePage(tx, {
      slug: "guide",
      titleJa: "ご利用案内",
      titleEn: "Using the library",
      bodyJa: [
        "## 借りられる数と期間",
        `- 貸出は${loans.totalLimit}点まで、${loans.periodDays}日間です。`,
        ...(holds.totalLimit === null ? [] : [`- 予約は${holds.totalLimit}点までできます。`]),
        "",
        "## 図書館カード",
        "カードを作るときは、氏名・住所・生年月日が確認できるもの(運転免許証など)をお持ちください。",
      ].join("\n"),
      bodyEn: [
        "## How many, how long",
        `- Borrow up to ${loans.totalLimit} items for ${loans.periodDays} days.`,
        ...(holds.totalLimit === null ? [] : [`- Reserve up to ${holds.totalLimit} titles.`]),
        "",
        "## Library card",
        "Bring a document showing your name, address and date of birth (a driving licence, for example).",
      ].join("\n"),
      position: 0,
      updatedBy: null,
      now,
    });
    await insertAnnouncement(tx, {
      titleJa: "年末年始の休館のお知らせ",
      titleEn: "Closed over the New Year",
      bodyJa: "年末年始は休館します。休館中の返却はブックポストをご利用ください(一部を除く)。",
      bodyEn:
        "The library is closed over the New Year. Use the book drops to return items (with some exceptions).",
      important: true,
      publishedOn: today,
      until: addDays(today, 45),
      createdBy: null,
      now,
    });
    await insertAnnouncement(tx, {
      titleJa: "新しい図書館システムになりました",
      titleEn: "Our new library system",
      bodyJa: "蔵書検索、予約、マイページが新しくなりました。スマートフォンでもご利用いただけます。",
      bodyEn: "The catalogue, reservations and the my page are new, and work on your phone too.",
      important: false,
      publishedOn: today,
      until: null,
      createdBy: null,
      now,
    });
    return true;
  });
}
