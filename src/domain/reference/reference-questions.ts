import { AppError } from "../errors.ts";
import type { Policy } from "../policy/policy-schema.ts";

/**
 * The reference service (001 調べもの): staff help patrons find information with the library's materials.
 * Questions come at the reference room or corner, by phone or through the web form, and move from received
 * through in progress to answered. Some kinds are not answered (legal or medical advice, personal
 * investigations, quizzes, school homework): a question of such a kind is declined with the reason.
 */

export type ReferenceChannel = Policy["reference"]["channels"][number];
export type UnansweredKind = Policy["reference"]["notAnswered"][number];

export const referenceStatuses = ["received", "inProgress", "answered", "declined"] as const;
export type ReferenceStatus = (typeof referenceStatuses)[number];

const nextStatuses: Record<ReferenceStatus, readonly ReferenceStatus[]> = {
  received: ["inProgress", "answered", "declined"],
  inProgress: ["answered", "declined"],
  answered: [],
  declined: [],
};

/** Refuses a question the library does not take: not offered, not on this channel, or of a kind not answered. */
export function refuseReferenceQuestion(
  rules: Policy["reference"],
  question: { channel: ReferenceChannel; kind: UnansweredKind | null },
): void {
  if (!rules.offered) throw new AppError("REFERENCE_NOT_OFFERED", {});
  if (!rules.channels.includes(question.channel)) {
    throw new AppError("REFERENCE_CHANNEL_NOT_OFFERED", {
      channel: question.channel,
      channels: rules.channels,
    });
  }
  if (question.kind && rules.notAnswered.includes(question.kind)) {
    throw new AppError("REFERENCE_NOT_ANSWERED", { kind: question.kind });
  }
}

/**
 * Refuses a move the workflow does not allow (`REFERENCE_TRANSITION_NOT_ALLOWED`); an answer needs its
 * text, and declining needs one of the kinds the policy does not answer (`REFERENCE_DECLINE_KIND_REQUIRED`).
 */
export function refuseReferenceTransition(
  rules: Policy["reference"],
  from: ReferenceStatus,
  to: ReferenceStatus,
  change: { answer: string | null; declinedKind: UnansweredKind | null },
): void {
  if (!nextStatuses[from].includes(to)) {
    throw new AppError("REFERENCE_TRANSITION_NOT_ALLOWED", { from, to, allowed: nextStatuses[from] });
  }
  if (to === "answered" && !change.answer) throw new AppError("VALIDATION_FAILED", { field: "answer" });
  if (to === "declined" && !(change.declinedKind && rules.notAnswered.includes(change.declinedKind))) {
    throw new AppError("REFERENCE_DECLINE_KIND_REQUIRED", { kinds: rules.notAnswered });
  }
}
