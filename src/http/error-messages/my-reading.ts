/** HTTP status and wording of the error codes of the loan history (001) and the reading record (003). */
export const myReadingErrors: Record<string, { status: number; ja: string; en: string }> = {
  LOAN_HISTORY_NOT_OFFERED: {
    status: 404,
    ja: "この図書館では貸出履歴の保存はご利用いただけません。",
    en: "This library does not keep loan histories.",
  },
  READING_RECORD_NOT_OFFERED: {
    status: 404,
    ja: "この図書館では読書記録はご利用いただけません。",
    en: "This library does not offer a reading record.",
  },
  CONSENT_REQUIRED: {
    status: 422,
    ja: "貸出履歴の保存には、保存への同意が必要です。",
    en: "Keeping your loan history needs your consent.",
  },
  CONFIRMATION_REQUIRED: {
    status: 409,
    ja: "読書記録を残さない設定にすると、記録と目標がすべて削除されます。確認のうえ、もう一度操作してください。",
    en: "Turning the reading record off deletes the whole record and its goals. Please confirm.",
  },
  LOAN_HISTORY_ENTRY_NOT_FOUND: {
    status: 404,
    ja: "その貸出履歴はありません。",
    en: "No such loan history entry.",
  },
  READING_RECORD_FROM_INVALID: {
    status: 422,
    ja: "記録を始める日は、今日から1年以内の日を指定してください。",
    en: "The record can start today or on a day within a year.",
  },
  READING_GOAL_INVALID: {
    status: 422,
    ja: "目標は1冊から1,000冊まで、記録を始めた年度から来年度までの年度に設定できます。",
    en: "Goals are 1 to 1,000 loans, for a fiscal year from the record's first up to next year.",
  },
  READING_RECORD_OFF: {
    status: 409,
    ja: "読書記録を残す設定にしてから目標を設定してください。",
    en: "Turn the reading record on before setting a goal.",
  },
};
