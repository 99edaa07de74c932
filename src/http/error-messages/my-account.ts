/** HTTP status and wording of the error codes of this part of the patron's "my page". */
export const myAccountErrors: Record<string, { status: number; ja: string; en: string }> = {};
