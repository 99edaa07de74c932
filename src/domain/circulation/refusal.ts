/** A rule that stops a circulation action, with the facts that explain it (the same shape as card refusals). */
export type Refusal = { code: string; details: Record<string, unknown> };
