import assert from "node:assert/strict";
import { describe, test } from "node:test";
import bwipjs from "bwip-js/generic";
import { completeNumber, numberFormatSchema } from "../../../src/domain/barcodes/check-digit.ts";
import { renderCodabarSvg } from "../../../src/domain/barcodes/codabar-svg.ts";
import { AppError } from "../../../src/domain/errors.ts";

/** The `d` attribute of bwip-js's first stroked path: the narrow bars, whose positions encode the symbol. */
function bars(svg: string): string {
  const match = /<path stroke="#000000" stroke-width="\d+" d="([^"]+)"/.exec(svg);
  assert.ok(match, "no bar path in the SVG");
  return match[1]!;
}

/** Renders with BWIPP's `validatecheck`, which throws unless the character before the stop is the mod-16 check. */
function bwippValidates(symbol: string): void {
  // validatecheck is a BWIPP option that bwip-js's RenderOptions type does not list.
  const options = { bcid: "rationalizedCodabar", text: symbol, validatecheck: true };
  bwipjs.toSVG(options);
}

describe("renderCodabarSvg", () => {
  test("returns a single SVG element with bars", () => {
    const svg = renderCodabarSvg("1234567890", { start: "A", stop: "A" });
    assert.ok(svg.startsWith("<svg "), svg.slice(0, 80));
    assert.ok(svg.trimEnd().endsWith("</svg>"));
    assert.equal(svg.match(/<svg\b/g)?.length, 1);
    assert.match(svg, /xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svg, /<path [^>]*d="M/);
  });

  test("gives its size in millimetres, the bars as tall as asked", () => {
    const short = renderCodabarSvg("1234567890", { start: "A", stop: "A", heightMm: 8, includeText: false });
    const tall = renderCodabarSvg("1234567890", { start: "A", stop: "A", heightMm: 15, includeText: false });
    const heightOf = (svg: string) => Number(/ height="([\d.]+)mm"/.exec(svg)?.[1]);
    // bwip-js rounds the bar height to whole points (0.35 mm).
    assert.ok(Math.abs(heightOf(short) - 8) < 0.4, String(heightOf(short)));
    assert.ok(Math.abs(heightOf(tall) - 15) < 0.4, String(heightOf(tall)));
    assert.match(short, / width="[\d.]+mm"/);
  });

  test("different numbers, and different start/stop characters, give different bars", () => {
    const a = renderCodabarSvg("1234567890", { start: "A", stop: "A" });
    assert.notEqual(bars(a), bars(renderCodabarSvg("1234567891", { start: "A", stop: "A" })));
    assert.notEqual(bars(a), bars(renderCodabarSvg("1234567890", { start: "B", stop: "B" })));
    assert.equal(a, renderCodabarSvg("1234567890", { start: "A", stop: "A" }));
  });

  test("shows the number without start/stop characters, and names the image with it", () => {
    const svg = renderCodabarSvg("37859+", { start: "A", stop: "B" });
    assert.match(svg, /<title>37859\+<\/title>/);
    assert.match(svg, /aria-label="37859\+"/);
    // bwip-js draws the text as glyph outlines, in one filled path under the bars.
    const text = (s: string) => /<path d="([^"]+)" fill="#000000"/.exec(s)?.[1];
    assert.ok(text(svg));
    assert.equal(text(renderCodabarSvg("37859+", { start: "A", stop: "B", includeText: false })), undefined);
    // The glyphs are those of the number alone: other start/stop characters draw the very same text.
    assert.equal(text(svg), text(renderCodabarSvg("37859+", { start: "D", stop: "C" })));
    assert.notEqual(text(svg), text(renderCodabarSvg("37859-", { start: "A", stop: "B" })));
  });

  test("keeps a '$' check character intact (no replacement-pattern mangling)", () => {
    const svg = renderCodabarSvg("1$2", { start: "C", stop: "D" });
    assert.match(svg, /<title>1\$2<\/title>/);
  });

  test("rejects characters Codabar cannot carry in its body", () => {
    for (const value of ["A123", "12 3", "", "12X"]) {
      assert.throws(
        () => renderCodabarSvg(value, { start: "A", stop: "A" }),
        (e: unknown) => e instanceof AppError && e.code === "INVALID_BARCODE",
        value,
      );
    }
  });

  test("mod16 numbers pass BWIPP's own Codabar check-digit validation", () => {
    // An independent oracle: BWIPP recomputes the AIM modulus-16 check and refuses a wrong one.
    for (const [start, stop] of [
      ["A", "A"],
      ["A", "B"],
      ["C", "D"],
    ] as const) {
      const f = numberFormatSchema.parse({ length: 8, prefix: "2", checkDigit: "mod16", start, stop });
      for (let serial = 0; serial < 200; serial += 7) {
        const value = completeNumber(f, serial);
        assert.doesNotThrow(() => bwippValidates(`${start}${value}${stop}`), `${start}${value}${stop}`);
        const wrong = value.slice(0, -1) + (value.endsWith("0") ? "1" : "0");
        assert.throws(() => bwippValidates(`${start}${wrong}${stop}`), /check digit/i);
      }
    }
  });
});
