/** HTTP status and wording of the error codes of the NDL digital transmission service. */
export const ndlErrors: Record<string, { status: number; ja: string; en: string }> = {
  NDL_SERVICE_NOT_HERE: {
    status: 409,
    ja: "国立国会図書館デジタル送信サービスは、この館では利用できません(中央図書館の調査相談室でお申込みください)。",
    en: "The NDL digital transmission service is not offered here (apply at the central library's reference room).",
  },
  NDL_RULES_NOT_ACCEPTED: {
    status: 409,
    ja: "利用申込書の注意事項(データのダウンロード・画面コピー・撮影の禁止、複写は職員が行うこと)への同意が必要です。",
    en: "The application's rules (no download, no screen copies, no photographs, prints by staff) must be accepted.",
  },
  NDL_DAILY_LIMIT_REACHED: {
    status: 409,
    ja: "利用時間はお一人1日の上限までです(details.minutesLeft が残りの分数です)。",
    en: "The daily time per person is used up (details.minutesLeft says what remains).",
  },
  NDL_SESSION_NOT_FOUND: { status: 404, ja: "その利用申込はありません。", en: "No such application." },
  NDL_PRINT_NOT_FOUND: { status: 404, ja: "その複写申込はありません。", en: "No such print request." },
  NDL_PRINT_NOT_READY: {
    status: 409,
    ja: "複写物のお渡しは後日です(details.readyOn から)。",
    en: "The prints are handed over on a later day (from details.readyOn).",
  },
  NDL_PRINT_ALREADY_HANDED_OVER: {
    status: 409,
    ja: "この複写物はすでにお渡ししています。",
    en: "These prints were already handed over.",
  },
};
