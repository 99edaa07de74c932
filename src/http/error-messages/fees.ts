/** HTTP status and wording of the error codes of photocopies and the fee ledger. */
export const feeErrors: Record<string, { status: number; ja: string; en: string }> = {
  PHOTOCOPY_NOT_PERMITTED: {
    status: 409,
    ja: "著作権法第31条の範囲を超えるため、この複写はお受けできません(details.rule が理由です)。",
    en: "This copy is outside copyright law art. 31 and cannot be made (details.rule says why).",
  },
  PHOTOCOPY_NOT_FOUND: { status: 404, ja: "その複写申込はありません。", en: "No such photocopy request." },
  FEE_ENTRY_NOT_FOUND: { status: 404, ja: "その料金の記録はありません。", en: "No such fee entry." },
  FEE_ENTRY_NOT_REFUNDABLE: {
    status: 409,
    ja: "返金の記録は返金できません。元の料金の記録を指定してください。",
    en: "A refund cannot be refunded; name the original entry.",
  },
  REFUND_EXCEEDS_PAID: {
    status: 409,
    ja: "返金額が、受け取った額からこれまでの返金を引いた残りを超えています。",
    en: "The refund is more than what remains of the amount paid.",
  },
};

/** What each art. 31 rule of a refused photocopy means, for pages and receipts. */
export const photocopyRuleNames: Record<string, { ja: string; en: string }> = {
  checklistNotConfirmed: {
    ja: "確認事項(調査研究のため・1人1部・著作物の一部分)のすべてにご確認をいただく必要があります。",
    en: "Every statement of the checklist (for research, one copy per person, part of a work) must be confirmed.",
  },
  oneCopyPerPerson: { ja: "複写は1人1部までです。", en: "One copy per person only." },
  partOfWorkOnly: {
    ja: "複写できるのは著作物の一部分までです(図書の全部は複写できません)。",
    en: "Only part of a work may be copied (not a whole book).",
  },
  currentIssue: {
    ja: "最新号の雑誌は、記事全体を複写できません。次の号が出てからお申し込みください。",
    en: "A whole article of the current issue cannot be copied; ask once the next issue is out.",
  },
};
