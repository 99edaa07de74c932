/** HTTP status and wording of the error codes of announcements and guide pages. */
export const siteErrors: Record<string, { status: number; ja: string; en: string }> = {
  ANNOUNCEMENT_NOT_FOUND: { status: 404, ja: "そのお知らせはありません。", en: "No such announcement." },
  PAGE_NOT_FOUND: { status: 404, ja: "そのページはありません。", en: "No such page." },
};
