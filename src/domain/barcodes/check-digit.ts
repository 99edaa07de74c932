import { z } from "zod";
import { AppError } from "../errors.ts";

// Check characters of library card numbers and item barcodes. Japanese libraries print both as NW-7
// (Codabar, JIS X 0506), which defines no check character, so each library system picks one of the
// schemes below; which one a system uses is data (its number format), never code.

export const checkDigitSchemes = ["none", "mod10w21", "mod10w31", "mod11", "mod16", "7DR", "7DSR"] as const;
export const checkDigitSchemeSchema = z.enum(checkDigitSchemes);
export type CheckDigitScheme = z.infer<typeof checkDigitSchemeSchema>;

export const codabarStartStops = ["A", "B", "C", "D"] as const;
export type CodabarStartStop = (typeof codabarStartStops)[number];

/** Codabar characters in the order of their modulus-16 values: 0–9 → 0–9, "-" → 10 … "+" → 15, A–D → 16–19. */
const CODABAR_VALUES = "0123456789-$:/.+ABCD";
const DIGITS = /^\d+$/;
const CODABAR_BODY = /^[0-9\-$:/.+]+$/;
const CODABAR_CHECK = /^[0-9\-$:/.+]$/;

export const numberFormatSchema = z
  .object({
    /** All characters of the number, the check character included. */
    length: z.number().int().min(4).max(20),
    /** Leading digits shared by every number of the kind (e.g. a system or branch code); may be empty. */
    prefix: z.string().regex(/^\d*$/),
    checkDigit: checkDigitSchemeSchema,
    /** Codabar start and stop characters printed around the number; mod16 counts them in its sum. */
    start: z.enum(codabarStartStops).default("A"),
    stop: z.enum(codabarStartStops).default("A"),
  })
  // A prefix that fills the whole number would leave no serial to number items with.
  .refine((f) => f.prefix.length + checkLength(f.checkDigit) < f.length, {
    error: "The prefix and the check character must leave room for at least one serial digit",
    path: ["prefix"],
  });
export type NumberFormat = z.infer<typeof numberFormatSchema>;

export type NumberVerdict =
  | { ok: true }
  | { ok: false; reason: "length" | "characters" | "prefix" | "checkDigit" };

/**
 * The check character that follows `data` under `scheme` ("" for "none"). For mod16 the Codabar start and
 * stop characters (default "A"/"A") take part in the sum; the other schemes take digits only.
 */
export function computeCheckCharacter(
  scheme: CheckDigitScheme,
  data: string,
  options: { start?: string; stop?: string } = {},
): string {
  if (scheme === "mod16") {
    const start = options.start ?? "A";
    const stop = options.stop ?? "A";
    if (!CODABAR_BODY.test(data) || !isStartStop(start) || !isStartStop(stop)) {
      throw new AppError("INVALID_BARCODE", { value: data, reason: "characters", start, stop });
    }
    return modulus16(`${start}${data}${stop}`);
  }
  if (!DIGITS.test(data)) throw new AppError("INVALID_BARCODE", { value: data, reason: "characters" });
  const digits = [...data].map(Number);
  switch (scheme) {
    case "none":
      return "";
    case "mod10w21":
      return String(modulus10Weights21Split(digits));
    case "mod10w31":
      return String(modulus10Weights31(digits));
    case "mod11":
      return String(modulus11Weights2To7(digits));
    case "7DR":
      return String(remainderOf7(digits));
    case "7DSR":
      // 7 − remainder, except that remainder 0 gives 0 (not 7): PFU documents 7DSR check digits as 0–6.
      return String((7 - remainderOf7(digits)) % 7);
  }
}

/** Checks a scanned or typed number against the format without throwing; the reasons come in this order. */
export function verifyNumber(format: NumberFormat, value: string): NumberVerdict {
  if (value.length !== format.length) return { ok: false, reason: "length" };
  if (!hasValidCharacters(format.checkDigit, value)) return { ok: false, reason: "characters" };
  if (!value.startsWith(format.prefix)) return { ok: false, reason: "prefix" };
  if (format.checkDigit === "none") return { ok: true };
  const expected = expectedCheckCharacter(format, value);
  return expected === value.slice(-1) ? { ok: true } : { ok: false, reason: "checkDigit" };
}

/** Throws unless the value is a well-formed number of the format (card numbers and item barcodes alike). */
export function assertValidNumber(format: NumberFormat, value: string, kind: "card" | "item"): void {
  const verdict = verifyNumber(format, value);
  if (verdict.ok) return;
  if (verdict.reason === "checkDigit") {
    throw new AppError("INVALID_BARCODE_CHECK_DIGIT", {
      kind,
      value,
      expected: expectedCheckCharacter(format, value),
    });
  }
  throw new AppError("INVALID_BARCODE", {
    kind,
    value,
    reason: verdict.reason,
    length: format.length,
    prefix: format.prefix,
  });
}

/**
 * The full number for a serial: prefix + serial zero-padded to the free digits + check character.
 * Throws NUMBER_RANGE_EXHAUSTED when the serial has more digits than the format leaves free.
 */
export function completeNumber(format: NumberFormat, serial: number): string {
  if (!Number.isSafeInteger(serial) || serial < 0) {
    throw new RangeError(`Invalid serial ${serial}: expected a non-negative safe integer`);
  }
  const serialDigits = format.length - format.prefix.length - checkLength(format.checkDigit);
  const serialText = String(serial);
  if (serialText.length > serialDigits) {
    throw new AppError("NUMBER_RANGE_EXHAUSTED", {
      serial,
      // serialDigits ≥ 16 holds every safe integer, so this never reaches unsafe powers of ten.
      maxSerial: 10 ** serialDigits - 1,
      length: format.length,
      prefix: format.prefix,
    });
  }
  const data = format.prefix + serialText.padStart(serialDigits, "0");
  return data + computeCheckCharacter(format.checkDigit, data, format);
}

function checkLength(scheme: CheckDigitScheme): number {
  return scheme === "none" ? 0 : 1;
}

function isStartStop(c: string): c is CodabarStartStop {
  return (codabarStartStops as readonly string[]).includes(c);
}

function hasValidCharacters(scheme: CheckDigitScheme, value: string): boolean {
  // Only mod16 can yield a symbol ("-", "$", ":", "/", ".", "+"), and only as the last character.
  if (scheme === "mod16") return DIGITS.test(value.slice(0, -1)) && CODABAR_CHECK.test(value.slice(-1));
  return DIGITS.test(value);
}

/** The check character the data part of a well-formed value calls for. */
function expectedCheckCharacter(format: NumberFormat, value: string): string {
  return computeCheckCharacter(format.checkDigit, value.slice(0, -1), format);
}

/**
 * モジュラス10 ウェイト2・1 分割 (the Luhn scheme of ISO/IEC 7812-1): weights 2, 1, 2, … from the rightmost
 * data digit, the digits of each product summed (16 → 1 + 6), check = (10 − sum mod 10) mod 10.
 * Source: AIM Japan, "NW-7(CODABAR) 代表的なチェックデジット", http://aimjal.co.jp/gijutu/barcode/nw-7.html
 */
function modulus10Weights21Split(digits: number[]): number {
  let sum = 0;
  digits.toReversed().forEach((d, i) => {
    const product = i % 2 === 0 ? d * 2 : d;
    sum += product > 9 ? product - 9 : product;
  });
  return (10 - (sum % 10)) % 10;
}

/**
 * モジュラス10 ウェイト3・1 (JAN/EAN): weights 3, 1, 3, … from the rightmost data digit, products summed
 * whole, check = (10 − sum mod 10) mod 10. Source: http://www.polylabel.com/about-checkdigit/ (JAN example).
 */
function modulus10Weights31(digits: number[]): number {
  let sum = 0;
  digits.toReversed().forEach((d, i) => {
    sum += i % 2 === 0 ? d * 3 : d;
  });
  return (10 - (sum % 10)) % 10;
}

/**
 * モジュラス11 ウェイト2〜7: weights 2, 3, 4, 5, 6, 7, 2, … from the rightmost data digit; remainder 0 or 1
 * gives 0, any other remainder r gives 11 − r. Chosen because a single digit must come out (no "X" as in
 * ISBN-10) and this is the published rule: Hitachi SEWB+ LXRPIZ04, "剰余が0,1の場合,チェックディジットは0"
 * (https://itpfdoc.hitachi.co.jp/manuals/3020/30203B8610/B860207.HTM); マイナンバー has the same ≦1 → 0 rule
 * (総務省令第八十五号 第五条).
 */
function modulus11Weights2To7(digits: number[]): number {
  let sum = 0;
  digits.toReversed().forEach((d, i) => {
    sum += d * ((i % 6) + 2);
  });
  const remainder = sum % 11;
  return remainder <= 1 ? 0 : 11 - remainder;
}

/**
 * Codabar modulus 16 (the AIM recommendation): the values of ALL characters, start and stop included, are
 * summed; the check character is the one whose value brings the sum to a multiple of 16.
 * Sources: http://www.barcode-net.com/chisiki/modulus16.html ("A37859B" → "+"); Intermec 1800 reference
 * manual, "Symbologies—Codabar" ("A01234B" → "5").
 */
function modulus16(symbol: string): string {
  let sum = 0;
  for (const c of symbol) sum += CODABAR_VALUES.indexOf(c);
  return CODABAR_VALUES[(16 - (sum % 16)) % 16]!;
}

/**
 * The data read as one decimal number, modulo 7 (セブンチェック): 7DR uses this remainder as the check digit
 * ("123456" → 4, https://mimosa.gr.jp/toitsu/check_digit.html); 7DSR uses 7 − remainder
 * (http://www.polylabel.com/about-checkdigit/). Computed digit by digit, as 19 digits exceed 2^53.
 */
function remainderOf7(digits: number[]): number {
  return digits.reduce((r, d) => (r * 10 + d) % 7, 0);
}
