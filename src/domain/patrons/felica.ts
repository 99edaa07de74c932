/**
 * 001: FeliCa — one chip per patron; only the chip's IDm (製造ID, 8 bytes) is stored. Readers print it in
 * upper or lower case, with or without separators; it is kept as 16 upper-case hexadecimal digits.
 */
export function normaliseFelicaIdm(value: string): string {
  return value
    .normalize("NFKC")
    .replace(/[\s:-]/gu, "")
    .toUpperCase();
}

export function isFelicaIdm(value: string): boolean {
  return /^[0-9A-F]{16}$/u.test(normaliseFelicaIdm(value));
}
