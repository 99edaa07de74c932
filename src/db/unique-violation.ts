/**
 * Whether an error (or one of its causes, as drivers wrap them) is PostgreSQL's unique violation (23505):
 * the index that settles a race between two writers.
 */
export function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    if ((current as { code?: string }).code === "23505") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
