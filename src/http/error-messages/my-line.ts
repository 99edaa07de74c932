/** HTTP status and wording of the error codes of the LINE chat and the patron's own credential links. */
export const myLineErrors: Record<string, { status: number; ja: string; en: string }> = {};
