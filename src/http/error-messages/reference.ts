/** HTTP status and wording of the error codes of the reference service. */
export const referenceErrors: Record<string, { status: number; ja: string; en: string }> = {
  REFERENCE_NOT_OFFERED: {
    status: 409,
    ja: "この図書館では、調べもののご相談をこの方法では受け付けていません。窓口でお尋ねください。",
    en: "This library does not take reference questions this way; please ask at the counter.",
  },
  REFERENCE_CHANNEL_NOT_OFFERED: {
    status: 409,
    ja: "この受付方法では、調べもののご相談を受け付けていません。",
    en: "Reference questions are not taken this way.",
  },
  REFERENCE_NOT_ANSWERED: {
    status: 409,
    ja: "法律・医療相談、身上調査、クイズ、学校の宿題などには、図書館ではお答えできません(details.kind が理由です)。",
    en: "The library does not answer legal or medical advice, investigations of a person, quizzes or school homework (details.kind says which).",
  },
  REFERENCE_TRANSITION_NOT_ALLOWED: {
    status: 409,
    ja: "このご相談は、今の状態からその状態には変えられません。",
    en: "The question cannot move to that state from where it is.",
  },
  REFERENCE_DECLINE_KIND_REQUIRED: {
    status: 422,
    ja: "お断りする場合は、お答えできない種類(法律相談、医療相談、身上調査、クイズ、宿題)のどれにあたるかを選んでください。",
    en: "To decline, say which kind the library does not answer (legal, medical, a person, quiz, homework).",
  },
  REFERENCE_QUESTION_NOT_FOUND: {
    status: 404,
    ja: "そのご相談の記録はありません。",
    en: "No such question.",
  },
};
