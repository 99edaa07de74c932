// The platform-neutral build: same encoder as the Node entry, without its zlib/http/stream imports, so
// rendering stays a pure string-to-string function that may live in the domain.
import bwipjs from "bwip-js/generic";
import { AppError } from "../errors.ts";
import type { CodabarStartStop } from "./check-digit.ts";

export type CodabarSvgOptions = {
  start: CodabarStartStop;
  stop: CodabarStartStop;
  /** Bar height; 10 mm suits the usual library spine and card labels. */
  heightMm?: number;
  /** Print the number (without start/stop characters) under the bars; on by default. */
  includeText?: boolean;
};

const CODABAR_BODY = /^[0-9\-$:/.+]+$/;
const START_STOP = /^[ABCD]$/;
/** bwip-js draws in points (1/72 in) times this scale, so one narrow bar is 1 pt ≈ 0.35 mm wide. */
const SCALE = 2;
/** Codabar needs a quiet zone of at least ten narrow bars on each side (JIS X 0506). */
const QUIET_ZONE_MODULES = 10;
const MM_PER_UNIT = 25.4 / 72 / SCALE;

/**
 * An NW-7 (Codabar) barcode of `value` (the number as stored, check character included) as an SVG string,
 * sized in millimetres so that it prints at its true size and titled with the number for screen readers.
 */
export function renderCodabarSvg(value: string, options: CodabarSvgOptions): string {
  const { start, stop, heightMm = 10, includeText = true } = options;
  if (!CODABAR_BODY.test(value) || !START_STOP.test(start) || !START_STOP.test(stop)) {
    throw new AppError("INVALID_BARCODE", { value, reason: "characters", start, stop });
  }
  const svg = bwipjs.toSVG({
    bcid: "rationalizedCodabar",
    text: `${start}${value}${stop}`,
    height: heightMm,
    scale: SCALE,
    paddingwidth: QUIET_ZONE_MODULES,
    backgroundcolor: "FFFFFF",
    // Staff and patrons read the number itself; start/stop characters are for the scanner only.
    // bwip-js prints any alttext even with includetext off, so it is passed only when text is wanted.
    ...(includeText ? { includetext: true, alttext: value, textxalign: "center" as const } : {}),
  });
  const open =
    /^<svg viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)" xmlns="http:\/\/www\.w3\.org\/2000\/svg">\n/;
  const match = open.exec(svg);
  if (!match) throw new Error("bwip-js returned an SVG of an unexpected shape");
  const width = mm(Number(match[1]));
  const height = mm(Number(match[2]));
  // Spliced rather than String.replace'd: "$" is a Codabar character and a replacement-pattern metacharacter.
  return (
    `<svg viewBox="0 0 ${match[1]} ${match[2]}" width="${width}mm" height="${height}mm" ` +
    `xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${value}">\n<title>${value}</title>\n` +
    svg.slice(match[0].length)
  );
}

function mm(units: number): string {
  return (units * MM_PER_UNIT).toFixed(2);
}
