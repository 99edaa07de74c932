import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { ImportedRecord } from "../../src/domain/catalogue/bibliographic-record.ts";
import { itemFlagSchema, materialTypeSchema } from "../../src/domain/vocabulary.ts";
import {
  type GenerateCatalogueOptions,
  generateCatalogue,
} from "../../src/services/demo/generate-catalogue.ts";

const servicePoints = ["MAIN", "EAST", "WEST", "BM1"];
const options: GenerateCatalogueOptions = {
  seed: 20240401,
  count: 5000,
  servicePoints,
  barcode: (serial) => `2310${String(serial).padStart(8, "0")}`,
  firstSerial: 1,
  controlNumberPrefix: "DEMO",
  receivedFrom: "2005-04-01",
  receivedTo: "2026-03-31",
};

const generate = (overrides: Partial<GenerateCatalogueOptions> = {}): ImportedRecord[] => [
  ...generateCatalogue({ ...options, ...overrides }),
];

// Computed here rather than taken from the generator, so that a wrong check digit there cannot hide.
function isbn13CheckDigit(twelve: string): string {
  const sum = [...twelve].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return String((10 - (sum % 10)) % 10);
}

function isbn10CheckDigit(nine: string): string {
  const sum = [...nine].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? "X" : String(check);
}

const katakanaReading = /^[\u30A0-\u30FF\u3000 ・ー0-9A-Za-z]+$/;

/** A kana title read as the cataloguing rules read it, with the particle and ヅ/ヂ distinctions folded away. */
function folded(text: string): string {
  return text
    .replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
    .replace(/[\s、,!?！？・]/g, "")
    .replace(/ハ/g, "ワ")
    .replace(/ヲ/g, "オ")
    .replace(/ヘ/g, "エ")
    .replace(/ヅ/g, "ズ")
    .replace(/ヂ/g, "ジ");
}

describe("generateCatalogue", () => {
  const records = generate();

  test("is deterministic for a seed and differs between seeds", () => {
    assert.deepEqual(generate({ count: 50 }), records.slice(0, 50));
    assert.notDeepEqual(generate({ count: 50, seed: options.seed + 1 }), records.slice(0, 50));
  });

  test("yields exactly the number of records asked for", () => {
    assert.equal(records.length, 5000);
    assert.equal(generate({ count: 0 }).length, 0);
    assert.equal(generate({ count: 7 }).length, 7);
  });

  test("makes records only as they are asked for", () => {
    // A billion records would never finish if they were made up front.
    const iterator = generateCatalogue({ ...options, count: 1_000_000_000 });
    const first = iterator.next();
    assert.equal(first.done, false);
    assert.deepEqual(first.value, records[0]);
    iterator.return(undefined);
  });

  test("control numbers are the prefix and a zero-padded number, unique over the run", () => {
    const numbers = records.map((r) => r.record.controlNumber);
    assert.equal(new Set(numbers).size, numbers.length);
    assert.equal(numbers[0], "DEMO0000001");
    for (const n of numbers) assert.match(n ?? "", /^DEMO\d{7}$/);
  });

  test("barcodes come from the callback with serials counting up across the run", () => {
    const barcodes = records.flatMap((r) => r.items.map((i) => i.barcode));
    assert.equal(new Set(barcodes).size, barcodes.length);
    assert.deepEqual(
      barcodes,
      barcodes.map((_, i) => options.barcode(i + 1)),
    );
    const later = generate({ count: 3, firstSerial: 90_001 }).flatMap((r) => r.items.map((i) => i.barcode));
    assert.equal(later[0], options.barcode(90_001));
  });

  test("ISBN-13 and ISBN-10 are valid, agree with each other and are unique", () => {
    const withIsbn = records.filter((r) => r.record.isbn13 !== null);
    assert.ok(withIsbn.length > records.length * 0.7, `only ${withIsbn.length} records have an ISBN`);
    for (const { record } of withIsbn) {
      const isbn13 = record.isbn13!;
      const isbn10 = record.isbn10!;
      assert.match(isbn13, /^9784\d{9}$/);
      assert.equal(isbn13[12], isbn13CheckDigit(isbn13.slice(0, 12)), isbn13);
      assert.match(isbn10, /^4\d{8}[\dX]$/);
      assert.equal(isbn10[9], isbn10CheckDigit(isbn10.slice(0, 9)), isbn10);
      assert.equal(isbn10.slice(0, 9), isbn13.slice(3, 12));
      assert.ok((record.publicationYear ?? 0) >= 1981, `ISBN on a ${record.publicationYear} book`);
    }
    assert.equal(new Set(withIsbn.map((r) => r.record.isbn13)).size, withIsbn.length);
    for (const { record } of records.filter((r) => r.record.isbn13 === null))
      assert.equal(record.isbn10, null);
  });

  test("title readings are katakana, and English titles have none", () => {
    for (const { record } of records) {
      if (record.language === "eng") {
        assert.equal(record.titleReading, null);
        continue;
      }
      assert.equal(record.language, "jpn");
      assert.match(record.titleReading ?? "", katakanaReading, `${record.title}: ${record.titleReading}`);
      assert.doesNotMatch(record.titleReading ?? "", /[ヂヅ]|\s{2}|^\s|\s$/, record.titleReading ?? "");
      for (const author of record.authors) {
        if (author.reading !== null) assert.match(author.reading, /^[\u30A0-\u30FF ,]+$/, author.name);
      }
    }
    assert.ok(records.some((r) => r.record.language === "eng"));
  });

  test("a title written in kana reads as it is written", () => {
    const kanaTitles = records.filter(({ record }) =>
      /^[\u3041-\u3096\u30A1-\u30FC\s、!！]+$/.test(record.title),
    );
    assert.ok(kanaTitles.length > 100);
    for (const { record } of kanaTitles) {
      assert.equal(folded(record.titleReading ?? ""), folded(record.title), record.title);
    }
  });

  test("numbers are read out with the sound changes of their counters", () => {
    const expected: Record<string, string> = {
      第1巻: "ダイイッカン",
      第3巻: "ダイサンカン",
      第6巻: "ダイロッカン",
      第8巻: "ダイハッカン",
      第10巻: "ダイジッカン",
      "4月号": "シガツゴウ",
      "9月号": "クガツゴウ",
    };
    const seen = new Set<string>();
    for (const { record } of generate({ count: 20_000 })) {
      for (const [written, reading] of Object.entries(expected)) {
        if (record.title.endsWith(written)) {
          assert.ok(record.titleReading?.endsWith(reading), `${record.title}: ${record.titleReading}`);
          seen.add(written);
        }
      }
    }
    assert.ok(seen.size >= 5, `only ${[...seen].join(", ")} seen`);
  });

  test("items are placed at the given service points with known types and flags", () => {
    for (const { record, items } of records) {
      assert.ok(items.length >= 1 && items.length <= 3);
      for (const item of items) {
        assert.ok(servicePoints.includes(item.servicePoint), item.servicePoint);
        assert.ok(materialTypeSchema.safeParse(item.materialType).success, item.materialType);
        for (const flag of item.flags) assert.ok(itemFlagSchema.safeParse(flag).success, flag);
        assert.match(item.callNumber, /^(R |A )?\d{3}(\.\d+)?\/\S+$/, item.callNumber);
        assert.ok(item.callNumber.replace(/^(R |A )/, "").startsWith(`${record.ndc}/`), item.callNumber);
      }
      assert.equal(new Set(items.map((i) => i.materialType)).size, 1);
    }
    const types = new Set(records.flatMap((r) => r.items.map((i) => i.materialType)));
    for (const type of ["book", "magazine", "kamishibai"] as const) assert.ok(types.has(type), type);
  });

  test("received dates fall within the range and not before publication", () => {
    for (const { record, items } of records) {
      for (const item of items) {
        const received = item.receivedOn ?? "";
        assert.match(received, /^\d{4}-\d{2}-\d{2}$/);
        assert.equal(new Date(`${received}T00:00:00Z`).toISOString().slice(0, 10), received);
        assert.ok(received >= options.receivedFrom && received <= options.receivedTo, received);
        assert.ok(Number(received.slice(0, 4)) >= (record.publicationYear ?? 0) - 1, `${record.title}`);
      }
      assert.ok((record.publicationYear ?? 0) >= 1950 && (record.publicationYear ?? 0) <= 2026);
      assert.ok(record.publicationYear! <= Number(options.receivedTo.slice(0, 4)));
    }
  });

  test("the topic decides the classification of kamishibai, picture books and magazines", () => {
    for (const { record, items } of records) {
      const type = items[0]!.materialType;
      if (type === "kamishibai") assert.equal(record.ndc, "779.8");
      if (type === "bigBook") assert.equal(record.ndc, "726.6");
      if (type === "magazine" || type === "weeklyMagazine") assert.equal(record.isbn13, null);
      if (items.some((i) => i.flags.includes("latestIssue"))) assert.match(type, /[mM]agazine$/);
    }
  });

  test("refuses options it cannot honour", () => {
    assert.throws(() => generate({ servicePoints: [] }), RangeError);
    assert.throws(() => generate({ receivedFrom: "2026-02-30" }), RangeError);
    assert.throws(() => generate({ receivedFrom: "2026-04-01", receivedTo: "2026-03-31" }), RangeError);
    assert.throws(() => generate({ count: -1 }), RangeError);
  });

  test("100,000 records (timing reported, not asserted)", () => {
    const started = performance.now();
    let items = 0;
    let count = 0;
    for (const r of generateCatalogue({ ...options, count: 100_000 })) {
      count++;
      items += r.items.length;
    }
    const seconds = (performance.now() - started) / 1000;
    assert.equal(count, 100_000);
    console.log(
      `generateCatalogue: 100,000 records, ${items} items in ${seconds.toFixed(2)} s (${Math.round(count / seconds)} records/s)`,
    );
  });
});
