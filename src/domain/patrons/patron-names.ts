import { normaliseForSearch } from "../catalogue/search-text.ts";

/**
 * How names, readings and phone numbers are compared: the duplicate check (same reading and birth date)
 * and the counter's patron search fold width, hiragana/katakana, small kana, long vowels and spaces the
 * same way the catalogue does, so ｻﾄｳ ﾊﾅｺ, サトウ　ハナコ and さとうはなこ find one another.
 */
export function nameKey(...parts: string[]): string {
  return normaliseForSearch(parts.join("")).replace(/\s+/gu, "");
}

/** Digits only: 0463-31-2000, ０４６３３１２０００ and (0463) 31 2000 are one number. */
export function phoneKey(phone: string): string {
  return phone.normalize("NFKC").replace(/\D/gu, "");
}

/** Katakana (full-width), the long-vowel mark, the middle dot and spaces: a reading as document 002 asks for it. */
export const KATAKANA_READING = /^[\u30a1-\u30f6\u30fc\u30fb\u3000 ]+$/u;

/** 〒NNN-NNNN. */
export const POSTAL_CODE = /^\d{3}-\d{4}$/u;
