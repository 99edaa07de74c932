/**
 * The one error type of Shiori: a stable code naming the broken rule and the facts that explain it.
 * HTTP status and wording in Japanese and English are chosen in src/http, not here.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly details: Record<string, unknown> = {},
    message?: string,
  ) {
    super(message ?? code);
    this.name = "AppError";
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
