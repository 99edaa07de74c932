import type { UnansweredKind } from "../../domain/reference/reference-questions.ts";

type Library = { ja: string; en: string };

/** What each kind the library does not answer is called, on pages and in mail. */
export const unansweredKindNames: Record<UnansweredKind, { ja: string; en: string }> = {
  legalAdvice: { ja: "法律相談", en: "Legal advice" },
  medicalAdvice: { ja: "医療相談", en: "Medical advice" },
  personalInvestigation: { ja: "身上調査(個人についての調査)", en: "Investigations of a person" },
  quiz: { ja: "クイズ・懸賞の解答", en: "Quiz and prize-contest answers" },
  homework: { ja: "学校の宿題", en: "School homework" },
};

export function referenceReceivedMail(
  library: Library,
  about: { name: string; id: number; question: string },
) {
  return {
    subject: `【${library.ja}】調べもののご相談を受け付けました / Your question was received`,
    template: "reference.received",
    text: [
      `${about.name} 様`,
      "",
      `調べもののご相談を受け付けました(受付番号 ${about.id})。回答はこのアドレスにお送りします。`,
      "",
      about.question,
      "",
      `We received your question (no. ${about.id}); the answer will come to this address.`,
      "",
      library.ja,
    ].join("\n"),
  };
}

export function referenceAnsweredMail(
  library: Library,
  about: { name: string; id: number; question: string; answer: string; sources: string | null },
) {
  return {
    subject: `【${library.ja}】調べもののご相談への回答 / The answer to your question`,
    template: "reference.answered",
    text: [
      `${about.name} 様`,
      "",
      `受付番号 ${about.id} のご相談にお答えします。 / The answer to your question no. ${about.id}.`,
      "",
      "■ ご質問 / Question",
      about.question,
      "",
      "■ 回答 / Answer",
      about.answer,
      ...(about.sources ? ["", "■ 参考資料 / Sources", about.sources] : []),
      "",
      library.ja,
    ].join("\n"),
  };
}

export function referenceDeclinedMail(
  library: Library,
  about: { name: string; id: number; question: string; kind: UnansweredKind },
) {
  const kind = unansweredKindNames[about.kind];
  return {
    subject: `【${library.ja}】調べもののご相談について / About your question`,
    template: "reference.declined",
    text: [
      `${about.name} 様`,
      "",
      `受付番号 ${about.id} のご相談は「${kind.ja}」にあたるため、図書館ではお答えできません。ご了承ください。`,
      "",
      `Your question no. ${about.id} is a matter of “${kind.en}”, which the library does not answer.`,
      "",
      about.question,
      "",
      library.ja,
    ].join("\n"),
  };
}
