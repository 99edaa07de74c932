/** HTTP status and wording of the error codes of the new-arrival mail. */
export const myArrivalAlertErrors: Record<string, { status: number; ja: string; en: string }> = {
  ARRIVAL_MAIL_NOT_OFFERED: {
    status: 404,
    ja: "この図書館では新着資料お知らせメールはご利用いただけません。",
    en: "This library does not send new-arrival mail.",
  },
  ARRIVAL_ALERT_KIND_NOT_OFFERED: {
    status: 422,
    ja: "この図書館では、その種類の条件は登録できません。",
    en: "This library's mail does not use that kind of criterion.",
  },
  ARRIVAL_ALERT_INVALID: {
    status: 422,
    ja: "条件は50文字以内の語句で、分類はNDCの数字1〜3桁で入力してください。",
    en: "Give words of 50 characters at most, or a genre as 1 to 3 NDC digits.",
  },
  ARRIVAL_ALERT_LIMIT_REACHED: {
    status: 409,
    ja: "登録できる条件は10件までです。不要な条件を削除してから追加してください。",
    en: "You can save 10 criteria at most. Remove one before adding another.",
  },
  ARRIVAL_ALERT_NOT_FOUND: { status: 404, ja: "その条件はありません。", en: "No such criterion." },
};
