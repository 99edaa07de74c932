import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { iso2709StructureProblem } from "../../../src/domain/catalogue/iso2709-structure.ts";
import {
  mapMarcRecord,
  materialTypeFromLeader,
  trimIsbd,
} from "../../../src/domain/catalogue/map-marc-record.ts";
import type { MarcDataField, MarcRecord } from "../../../src/domain/catalogue/marc-record.ts";

const field = (tag: string, ind: string, ...pairs: string[]): MarcDataField => {
  const subfields: [string, string][] = [];
  for (let i = 0; i < pairs.length; i += 2) subfields.push([pairs[i] as string, pairs[i + 1] as string]);
  return { tag, ind1: ind[0] ?? " ", ind2: ind[1] ?? " ", subfields };
};
const record = (...fields: MarcRecord["fields"]): MarcRecord => ({
  leader: "00000nam a2200000 i 4500",
  fields,
});

describe("mapMarcRecord", () => {
  test("takes the katakana 880 as the reading and the 245 as the title (JAPAN/MARC)", () => {
    const result = mapMarcRecord(
      record(
        { tag: "001", value: "JP1" },
        field("245", "00", "6", "880-01", "a", "吾輩は猫である /", "c", "夏目漱石 著."),
        field("700", "1 ", "6", "880-02", "a", "夏目, 漱石"),
        field("880", "00", "6", "245-01/(B", "a", "Wagahai wa neko de aru."),
        field("880", "00", "6", "245-01/$1", "a", "ワガハイ ワ ネコ デ アル."),
        field("880", "1 ", "6", "700-02/$1", "a", "ナツメ, ソウセキ"),
      ),
    );
    assert.ok(result.ok);
    assert.equal(result.value.record.title, "吾輩は猫である");
    assert.equal(result.value.record.titleReading, "ワガハイ ワ ネコ デ アル");
    assert.equal(result.value.record.responsibility, "夏目漱石 著");
    assert.deepEqual(result.value.record.authors, [{ name: "夏目, 漱石", reading: "ナツメ, ソウセキ" }]);
  });

  test("takes the kanji 880 as the title when the 245 is romanised (LC)", () => {
    const result = mapMarcRecord(
      record(
        field("245", "10", "6", "880-01", "a", "Rashōmon /", "c", "Akutagawa Ryūnosuke."),
        field("880", "10", "6", "245-01/$1", "a", "羅生門 /", "c", "芥川龍之介."),
      ),
    );
    assert.ok(result.ok);
    assert.equal(result.value.record.title, "羅生門");
    assert.equal(result.value.record.titleReading, null);
    assert.equal(result.value.record.responsibility, "芥川龍之介");
  });

  test("normalises the ISBN to 13 digits and keeps the 10-digit form; reads NDC and NDLC from 084", () => {
    const result = mapMarcRecord(
      record(
        field("020", "  ", "a", "4-10-101001-3 (文庫)", "c", "400円"),
        field("084", "  ", "a", "KH225", "2", "kktb"),
        field("084", "  ", "a", "913.6", "2", "njb/10"),
        field("245", "00", "a", "坊っちゃん"),
        field("264", " 1", "a", "東京 :", "b", "新潮社,", "c", "2003.6"),
      ),
    );
    assert.ok(result.ok);
    const r = result.value.record;
    assert.deepEqual([r.isbn13, r.isbn10], ["9784101010014", "4101010013"]);
    assert.deepEqual([r.ndc, r.ndlc], ["913.6", "KH225"]);
    assert.deepEqual([r.publisher, r.publicationYear], ["新潮社", 2003]);
  });

  test("reads items from 949 and 852; an unknown material type or flag refuses the record", () => {
    const ok = mapMarcRecord(
      record(
        field("245", "00", "a", "紙芝居ももたろう"),
        field(
          "949",
          "  ",
          "a",
          "2000000011",
          "b",
          "central",
          "c",
          "K/モ",
          "t",
          "kamishibai",
          "f",
          "groupLending",
          "d",
          "20260301",
        ),
        field("852", "  ", "b", "west", "h", "913", "i", "ア", "p", "2000000029"),
      ),
    );
    assert.ok(ok.ok);
    assert.deepEqual(ok.value.items, [
      {
        barcode: "2000000011",
        servicePoint: "central",
        callNumber: "K/モ",
        materialType: "kamishibai",
        flags: ["groupLending"],
        receivedOn: "2026-03-01",
      },
      {
        barcode: "2000000029",
        servicePoint: "west",
        callNumber: "913 ア",
        materialType: "book",
        flags: [],
        receivedOn: null,
      },
    ]);
    const bad = mapMarcRecord(
      record(field("245", "00", "a", "x"), field("949", "  ", "a", "1", "b", "c", "t", "scroll")),
    );
    assert.deepEqual(bad, { ok: false, reason: 'item 1: unknown material type "scroll"' });
    const badFlag = mapMarcRecord(
      record(field("245", "00", "a", "x"), field("949", "  ", "a", "1", "b", "c", "f", "cursed")),
    );
    assert.equal(badFlag.ok, false);
    const badDate = mapMarcRecord(
      record(field("245", "00", "a", "x"), field("949", "  ", "a", "1", "b", "c", "d", "20260230")),
    );
    assert.deepEqual(badDate, { ok: false, reason: 'item 1: received date "20260230" does not exist' });
  });

  test("a record without a 245 is refused", () => {
    assert.deepEqual(mapMarcRecord(record({ tag: "001", value: "x" })), {
      ok: false,
      reason: "no title (245)",
    });
  });

  test("leader/06-07 give the default material type", () => {
    assert.deepEqual(
      ["am", "as", "gm", "im", "jm", "km", "em"].map((tl) => materialTypeFromLeader(`00000n${tl}`)),
      ["book", "magazine", "dvd", "audiobookCd", "cd", "kamishibai", "book"],
    );
  });

  test("trimIsbd strips closing ISBD punctuation", () => {
    assert.deepEqual(["吾輩は猫である /", "東京 :", "新潮社,", "[東京]", "第2版."].map(trimIsbd), [
      "吾輩は猫である",
      "東京",
      "新潮社",
      "東京",
      "第2版",
    ]);
  });
});

describe("iso2709StructureProblem", () => {
  const encoder = new TextEncoder();
  // One control field "001 x": directory 12 bytes, data "x\x1e".
  const build = (override: Partial<{ length: string; base: string; entry: string; tail: string }> = {}) => {
    const data = `x\x1e`;
    const entry = override.entry ?? "001000200000";
    const base = 24 + entry.length + 1;
    const total = base + data.length + 1;
    const leader = `${override.length ?? String(total).padStart(5, "0")}nam a22${override.base ?? String(base).padStart(5, "0")} i 4500`;
    return encoder.encode(`${leader}${entry}\x1e${data}${override.tail ?? "\x1d"}`);
  };

  test("a sound record has no problem", () => {
    assert.equal(iso2709StructureProblem(build()), null);
  });

  test("each broken frame is named", () => {
    assert.match(iso2709StructureProblem(build({ length: "00099" })) ?? "", /record length says 99/);
    assert.match(iso2709StructureProblem(build({ length: "00a39" })) ?? "", /not numeric/);
    assert.match(iso2709StructureProblem(build({ base: "00030" })) ?? "", /directory|base address/);
    assert.match(iso2709StructureProblem(build({ entry: "001000900000" })) ?? "", /outside the data/);
    assert.match(iso2709StructureProblem(build({ tail: "x" })) ?? "", /record terminator/);
    assert.match(iso2709StructureProblem(encoder.encode("short")) ?? "", /shorter than a leader/);
  });
});
