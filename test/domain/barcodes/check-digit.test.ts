import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  assertValidNumber,
  type CheckDigitScheme,
  checkDigitSchemes,
  completeNumber,
  computeCheckCharacter,
  type NumberFormat,
  numberFormatSchema,
  verifyNumber,
} from "../../../src/domain/barcodes/check-digit.ts";
import { AppError } from "../../../src/domain/errors.ts";

function format(fields: {
  length: number;
  prefix?: string;
  checkDigit: CheckDigitScheme;
  start?: string;
  stop?: string;
}) {
  return numberFormatSchema.parse({ prefix: "", ...fields });
}

/** An assert.throws validator: an AppError with this code and, when given, exactly these details. */
function appError(code: string, details?: Record<string, unknown>) {
  return (e: unknown) => {
    assert.ok(e instanceof AppError, `expected an AppError, got ${String(e)}`);
    assert.equal(e.code, code);
    if (details) assert.deepEqual(e.details, details);
    return true;
  };
}

type Example = { data: string; check: string; start?: string; stop?: string; source: string };

// Worked examples as published, each with where it was published. Where a page gives the rule but no worked
// example (7DSR), the example is derived from a published 7DR example and says so.
const published: Record<Exclude<CheckDigitScheme, "none">, Example[]> = {
  mod10w21: [
    {
      data: "12345678",
      check: "2",
      source: "AIM Japan, aimjal.co.jp/gijutu/barcode/nw-7.html (M10W21 分割)",
    },
    { data: "7992739871", check: "3", source: "Wikipedia, 'Luhn algorithm' (79927398713)" },
    // A 14-digit Codabar library barcode: type 3 (item), institution 0234, item 00051786.
    { data: "3023400051786", check: "1", source: "JerseyCat FAQ, jerseycat.org/faq/print_bar_codes.php" },
  ],
  mod10w31: [
    {
      data: "490123456789",
      check: "4",
      source: "polylabel.com/about-checkdigit/ (JAN, Modulus 10 Weight 3:1)",
    },
    { data: "400763000011", check: "6", source: "ActiveBarcode, 'Modulo 10' (EAN-13 example)" },
  ],
  mod11: [
    {
      data: "12345",
      check: "5",
      source: "Hitachi SEWB+ LXRPIZ04 チェックディジット計算, 例1 (itpfdoc.hitachi.co.jp)",
    },
    // Spydus writes weights 7..2 from the left; over six digits that is 2..7 from the right.
    {
      data: "157396",
      check: "9",
      source: "Spydus (Salford Libraries) 'Barcode parameters example', 1573969",
    },
  ],
  mod16: [
    {
      data: "37859",
      start: "A",
      stop: "B",
      check: "+",
      source: "barcode-net.com/chisiki/modulus16.html (A37859+B)",
    },
    {
      data: "01234",
      start: "A",
      stop: "B",
      check: "5",
      source: "Intermec 1800 reference manual, Codabar p.149",
    },
    { data: "789", start: "A", stop: "A", check: "8", source: "ActiveBarcode, 'Modulo 16' (A 7 8 9 A)" },
  ],
  "7DR": [
    { data: "123456", check: "4", source: "mimosa.gr.jp/toitsu/check_digit.html (1234564)" },
    { data: "12345678901", check: "3", source: "nanoappli.com/blog/archives/369 (ヤマト伝票番号, 7DR)" },
    { data: "99991234567", check: "0", source: "okusu.net/2012/03/09/3362.html (a999912345670a, 7チェック)" },
    { data: "25770003", check: "0", source: "US CBP Form 7512 mod-7 in-bond number, example 1" },
    { data: "25770005", check: "2", source: "US CBP Form 7512 mod-7 in-bond number, example 2" },
  ],
  // 7DSR = 7 − remainder (polylabel.com/about-checkdigit/: "(modulus − remainder) is the type 7DSR"), and
  // its check digits run 0–6 (PFU DynaEye ScanConnect FAQ function1-05: 7DSRの範囲は「0~6」), so 0 stays 0.
  "7DSR": [
    { data: "123456", check: "3", source: "derived: 7 − 4, the mimosa.gr.jp 7DR example" },
    { data: "12345678901", check: "4", source: "derived: 7 − 3, the nanoappli.com 7DR example" },
    {
      data: "99991234567",
      check: "0",
      source: "derived: remainder 0 (okusu.net example) → 0, per PFU's 0–6",
    },
  ],
};

describe("computeCheckCharacter", () => {
  for (const [scheme, examples] of Object.entries(published)) {
    for (const { data, check, start, stop, source } of examples) {
      test(`${scheme} ${start ?? ""}${data}${stop ?? ""} → ${check} (${source})`, () => {
        assert.equal(computeCheckCharacter(scheme as CheckDigitScheme, data, { start, stop }), check);
      });
    }
  }

  test("mod16 defaults start and stop to A, the ActiveBarcode example A789A", () => {
    assert.equal(computeCheckCharacter("mod16", "789"), "8");
  });

  test("mod16 counts the start and stop characters: changing them changes the check character", () => {
    assert.equal(computeCheckCharacter("mod16", "37859", { start: "A", stop: "B" }), "+");
    assert.equal(computeCheckCharacter("mod16", "37859", { start: "A", stop: "A" }), "0");
    assert.equal(computeCheckCharacter("mod16", "37859", { start: "D", stop: "D" }), "-");
  });

  test("mod16 reaches all sixteen Codabar data characters as check characters", () => {
    const seen = new Set<string>();
    for (let n = 0; n < 100; n++) seen.add(computeCheckCharacter("mod16", String(n)));
    assert.deepEqual([...seen].sort(), [..."0123456789-$:/.+"].sort());
  });

  test("mod11 maps remainders 0 and 1 to 0 (Hitachi rule); 11 − r otherwise", () => {
    // 1003: 3·2 + 0·3 + 0·4 + 1·5 = 11, remainder 0. 1009: 9·2 + 1·5 = 23, remainder 1.
    assert.equal(computeCheckCharacter("mod11", "1003"), "0");
    assert.equal(computeCheckCharacter("mod11", "1009"), "0");
    // 1000: 1·5 = 5, remainder 5 → 6. The weights wrap after 7: 1000000 puts its 1 under weight 2.
    assert.equal(computeCheckCharacter("mod11", "1000"), "6");
    assert.equal(computeCheckCharacter("mod11", "1000000"), "9");
  });

  test("7DR and 7DSR read up to 19 digits as one number without losing precision", () => {
    // 10^18 ≡ 1 (mod 7), so 1 followed by 18 zeros leaves 1; Number() would round it.
    assert.equal(computeCheckCharacter("7DR", `1${"0".repeat(18)}`), "1");
    assert.equal(computeCheckCharacter("7DSR", `1${"0".repeat(18)}`), "6");
    assert.equal(computeCheckCharacter("7DR", "9999999999999999999"), String(9999999999999999999n % 7n));
  });

  test("none has no check character", () => {
    assert.equal(computeCheckCharacter("none", "12345"), "");
  });

  test("rejects data that the scheme cannot take", () => {
    for (const scheme of checkDigitSchemes) {
      assert.throws(() => computeCheckCharacter(scheme, "12a4"), appError("INVALID_BARCODE"));
      assert.throws(() => computeCheckCharacter(scheme, ""), appError("INVALID_BARCODE"));
    }
    assert.throws(() => computeCheckCharacter("mod10w21", "12-4"), appError("INVALID_BARCODE"));
    assert.throws(() => computeCheckCharacter("mod16", "1234", { start: "E" }), appError("INVALID_BARCODE"));
    assert.throws(() => computeCheckCharacter("mod16", "A1234A"), appError("INVALID_BARCODE"));
  });
});

describe("numberFormatSchema", () => {
  test("defaults the start and stop characters to A", () => {
    const f = numberFormatSchema.parse({ length: 10, prefix: "", checkDigit: "mod10w21" });
    assert.equal(f.start, "A");
    assert.equal(f.stop, "A");
  });

  test("rejects lengths outside 4–20, non-digit prefixes, unknown schemes and start/stop characters", () => {
    const ok = { length: 10, prefix: "12", checkDigit: "mod11" };
    assert.ok(numberFormatSchema.safeParse(ok).success);
    assert.ok(numberFormatSchema.safeParse({ ...ok, length: 4 }).success);
    assert.ok(numberFormatSchema.safeParse({ ...ok, length: 20 }).success);
    for (const bad of [
      { ...ok, length: 3 },
      { ...ok, length: 21 },
      { ...ok, length: 10.5 },
      { ...ok, prefix: "1A" },
      { ...ok, checkDigit: "luhn" },
      { ...ok, start: "E" },
    ]) {
      assert.equal(numberFormatSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });

  test("rejects a prefix that leaves no serial digit", () => {
    assert.equal(
      numberFormatSchema.safeParse({ length: 5, prefix: "1234", checkDigit: "mod10w21" }).success,
      false,
    );
    assert.ok(numberFormatSchema.safeParse({ length: 5, prefix: "123", checkDigit: "mod10w21" }).success);
    assert.ok(numberFormatSchema.safeParse({ length: 5, prefix: "1234", checkDigit: "none" }).success);
    assert.equal(
      numberFormatSchema.safeParse({ length: 5, prefix: "12345", checkDigit: "none" }).success,
      false,
    );
  });
});

describe("verifyNumber", () => {
  const jersey = format({ length: 14, prefix: "30234", checkDigit: "mod10w21" });

  test("accepts the published full numbers", () => {
    assert.deepEqual(verifyNumber(jersey, "30234000517861"), { ok: true });
    assert.deepEqual(verifyNumber(format({ length: 11, checkDigit: "mod10w21" }), "79927398713"), {
      ok: true,
    });
    assert.deepEqual(verifyNumber(format({ length: 13, checkDigit: "mod10w31" }), "4901234567894"), {
      ok: true,
    });
    assert.deepEqual(verifyNumber(format({ length: 7, checkDigit: "mod11" }), "1573969"), { ok: true });
    assert.deepEqual(verifyNumber(format({ length: 7, checkDigit: "7DR" }), "1234564"), { ok: true });
    assert.deepEqual(verifyNumber(format({ length: 7, checkDigit: "7DSR" }), "1234563"), { ok: true });
    const codabar = format({ length: 6, checkDigit: "mod16", start: "A", stop: "B" });
    assert.deepEqual(verifyNumber(codabar, "37859+"), { ok: true });
  });

  test("reports the wrong length first", () => {
    assert.deepEqual(verifyNumber(jersey, "3023400051786"), { ok: false, reason: "length" });
    assert.deepEqual(verifyNumber(jersey, "302340005178610"), { ok: false, reason: "length" });
    assert.deepEqual(verifyNumber(jersey, ""), { ok: false, reason: "length" });
  });

  test("reports characters other than digits, including start/stop characters left on by the scanner", () => {
    assert.deepEqual(verifyNumber(jersey, "3023400051786X"), { ok: false, reason: "characters" });
    assert.deepEqual(verifyNumber(jersey, "30234 00517861"), { ok: false, reason: "characters" });
    assert.deepEqual(verifyNumber(jersey, "３0234000517861"), { ok: false, reason: "characters" });
    const withStops = format({ length: 16, prefix: "", checkDigit: "mod10w21" });
    assert.deepEqual(verifyNumber(withStops, "A30234000517861A"), { ok: false, reason: "characters" });
  });

  test("for mod16 allows a symbol as the check character only", () => {
    const codabar = format({ length: 6, checkDigit: "mod16", start: "A", stop: "B" });
    assert.deepEqual(verifyNumber(codabar, "3785+9"), { ok: false, reason: "characters" });
    assert.deepEqual(verifyNumber(codabar, "37859A"), { ok: false, reason: "characters" });
    assert.deepEqual(verifyNumber(codabar, "37859."), { ok: false, reason: "checkDigit" });
    // The same digits under other start/stop characters call for another check character.
    assert.deepEqual(verifyNumber({ ...codabar, stop: "A" }, "37859+"), { ok: false, reason: "checkDigit" });
  });

  test("reports a foreign prefix", () => {
    assert.deepEqual(verifyNumber(jersey, "20234000517861"), { ok: false, reason: "prefix" });
  });

  test("reports a wrong check digit, including 7DR/7DSR digits above 6", () => {
    assert.deepEqual(verifyNumber(jersey, "30234000517862"), { ok: false, reason: "checkDigit" });
    const seven = format({ length: 7, checkDigit: "7DR" });
    for (const d of "0123456789") {
      const verdict = verifyNumber(seven, `123456${d}`);
      assert.deepEqual(verdict, d === "4" ? { ok: true } : { ok: false, reason: "checkDigit" });
    }
  });

  test("with no check digit, accepts any digits of the right length and prefix", () => {
    const plain = format({ length: 8, prefix: "9", checkDigit: "none" });
    assert.deepEqual(verifyNumber(plain, "91234567"), { ok: true });
    assert.deepEqual(verifyNumber(plain, "81234567"), { ok: false, reason: "prefix" });
  });

  test("mod10w21 detects every single-digit error", () => {
    // Luhn catches all substitutions of one digit (ISO/IEC 7812-1 Annex B; Wikipedia 'Luhn algorithm').
    for (const [f, valid] of [
      [jersey, "30234000517861"],
      [format({ length: 11, checkDigit: "mod10w21" }), "79927398713"],
    ] as const) {
      for (let i = 0; i < valid.length; i++) {
        for (const d of "0123456789") {
          if (d === valid[i]) continue;
          const typo = valid.slice(0, i) + d + valid.slice(i + 1);
          const verdict = verifyNumber(f, typo);
          assert.equal(verdict.ok, false, typo);
        }
      }
    }
  });
});

describe("assertValidNumber", () => {
  const cards = format({ length: 10, prefix: "21", checkDigit: "mod11" });

  test("passes a valid number", () => {
    const value = completeNumber(cards, 157396);
    assert.doesNotThrow(() => assertValidNumber(cards, value, "card"));
  });

  test("throws INVALID_BARCODE_CHECK_DIGIT with the expected check character", () => {
    const good = completeNumber(cards, 12345);
    const bad = good.slice(0, -1) + String((Number(good.slice(-1)) + 1) % 10);
    assert.throws(
      () => assertValidNumber(cards, bad, "card"),
      appError("INVALID_BARCODE_CHECK_DIGIT", { kind: "card", value: bad, expected: good.slice(-1) }),
    );
  });

  test("throws INVALID_BARCODE with the reason, length and prefix", () => {
    assert.throws(
      () => assertValidNumber(cards, "210015739", "item"),
      appError("INVALID_BARCODE", {
        kind: "item",
        value: "210015739",
        reason: "length",
        length: 10,
        prefix: "21",
      }),
    );
    assert.throws(
      () => assertValidNumber(cards, "21001573X9", "card"),
      appError("INVALID_BARCODE", {
        kind: "card",
        value: "21001573X9",
        reason: "characters",
        length: 10,
        prefix: "21",
      }),
    );
    assert.throws(
      () => assertValidNumber(cards, "3100157396", "card"),
      appError("INVALID_BARCODE", {
        kind: "card",
        value: "3100157396",
        reason: "prefix",
        length: 10,
        prefix: "21",
      }),
    );
  });
});

describe("completeNumber", () => {
  test("builds prefix + zero-padded serial + check character", () => {
    // The JerseyCat item barcode: 3 (item) + 0234 (institution) + 00051786 + check 1.
    assert.equal(
      completeNumber(format({ length: 14, prefix: "30234", checkDigit: "mod10w21" }), 51786),
      "30234000517861",
    );
    assert.equal(completeNumber(format({ length: 7, prefix: "1", checkDigit: "mod11" }), 57396), "1573969");
    assert.equal(completeNumber(format({ length: 7, checkDigit: "7DR" }), 123456), "1234564");
    assert.equal(
      completeNumber(format({ length: 6, checkDigit: "mod16", start: "A", stop: "B" }), 37859),
      "37859+",
    );
    assert.equal(completeNumber(format({ length: 6, prefix: "9", checkDigit: "none" }), 42), "900042");
  });

  test("round-trips through verifyNumber for every scheme", () => {
    for (const checkDigit of checkDigitSchemes) {
      for (const [start, stop] of [
        ["A", "A"],
        ["B", "D"],
      ] as const) {
        const f: NumberFormat = format({ length: 10, prefix: "20", checkDigit, start, stop });
        const serialDigits = checkDigit === "none" ? 8 : 7;
        const last = 10 ** serialDigits - 1;
        for (const serial of [0, 1, 7, 42, 1000, 123456, last]) {
          const value = completeNumber(f, serial);
          assert.equal(value.length, 10, value);
          assert.ok(value.startsWith("20"), value);
          assert.deepEqual(verifyNumber(f, value), { ok: true }, `${checkDigit} ${value}`);
        }
      }
    }
  });

  test("throws NUMBER_RANGE_EXHAUSTED when the serial does not fit", () => {
    const f = format({ length: 6, prefix: "12", checkDigit: "mod10w21" });
    assert.equal(completeNumber(f, 999).slice(0, 5), "12999");
    assert.throws(
      () => completeNumber(f, 1000),
      appError("NUMBER_RANGE_EXHAUSTED", { serial: 1000, maxSerial: 999, length: 6, prefix: "12" }),
    );
    const plain = format({ length: 6, prefix: "12", checkDigit: "none" });
    assert.equal(completeNumber(plain, 9999), "129999");
    assert.throws(() => completeNumber(plain, 10000), appError("NUMBER_RANGE_EXHAUSTED"));
  });

  test("a 20-character format holds every safe integer", () => {
    const f = format({ length: 20, checkDigit: "mod10w21" });
    const value = completeNumber(f, Number.MAX_SAFE_INTEGER);
    assert.equal(value.slice(0, 19), `000${Number.MAX_SAFE_INTEGER}`);
    assert.deepEqual(verifyNumber(f, value), { ok: true });
  });

  test("rejects negative and fractional serials as programming errors", () => {
    const f = format({ length: 6, checkDigit: "mod10w21" });
    assert.throws(() => completeNumber(f, -1), RangeError);
    assert.throws(() => completeNumber(f, 1.5), RangeError);
    assert.throws(() => completeNumber(f, Number.NaN), RangeError);
  });
});
