import marcjs from "marcjs";
import { iso2709StructureProblem } from "../../../domain/catalogue/iso2709-structure.ts";
import { mapMarcRecord } from "../../../domain/catalogue/map-marc-record.ts";
import type { MarcField, MarcRecord } from "../../../domain/catalogue/marc-record.ts";
import type { ReadRecord } from "./read-result.ts";

const RECORD_TERMINATOR = 0x1d;
const utf8 = new TextDecoder("utf-8", { fatal: true });

type MarcjsRecord = { leader: string; fields: string[][] };

/** marcjs keeps a field as [tag, value] or [tag, indicators, code, value, code, value, …]. */
export function fromMarcjs(record: MarcjsRecord): MarcRecord {
  const fields: MarcField[] = record.fields.map((f) => {
    const [tag = "", second = ""] = f;
    if (f.length === 2 && /^00\d$/.test(tag)) return { tag, value: second };
    const subfields: [string, string][] = [];
    for (let i = 2; i + 1 < f.length; i += 2) subfields.push([f[i] ?? "", f[i + 1] ?? ""]);
    return { tag, ind1: second[0] ?? " ", ind2: second[1] ?? " ", subfields };
  });
  return { leader: record.leader, fields };
}

/** Parses one ISO 2709 record (its bytes up to and including the terminator) with marcjs. */
export function readIso2709Record(bytes: Uint8Array, position: number): ReadRecord {
  const problem = iso2709StructureProblem(bytes);
  if (problem) return { position, result: { ok: false, reason: problem } };
  try {
    utf8.decode(bytes);
  } catch {
    return { position, result: { ok: false, reason: "not UTF-8 (MARC-8 records are not supported)" } };
  }
  const parsed = marcjs.Iso2709Parser.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  return { position, result: mapMarcRecord(fromMarcjs(parsed)) };
}

/**
 * Reads MARC 21 (ISO 2709) records from a byte stream, one at a time: memory holds one record and
 * one chunk, whatever the size of the file. Records are split at the record terminator.
 */
export async function* readIso2709(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<ReadRecord> {
  let pending: Buffer = Buffer.alloc(0);
  let position = 0;
  for await (const chunk of chunks) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : Buffer.from(chunk);
    let start = 0;
    for (;;) {
      const end = pending.indexOf(RECORD_TERMINATOR, start);
      if (end === -1) break;
      const bytes = pending.subarray(start, end + 1);
      start = end + 1;
      if (isBlank(bytes)) continue;
      position++;
      yield readIso2709Record(trimLeadingWhitespace(bytes), position);
    }
    pending = pending.subarray(start);
  }
  if (!isBlank(pending)) {
    position++;
    yield { position, result: { ok: false, reason: "file ends inside a record (no record terminator)" } };
  }
}

// Files joined by tools often carry a newline between records.
function trimLeadingWhitespace(bytes: Buffer): Buffer {
  let i = 0;
  while (i < bytes.length && (bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x20)) i++;
  return bytes.subarray(i);
}

function isBlank(bytes: Uint8Array): boolean {
  return bytes.every((b) => b === 0x0a || b === 0x0d || b === 0x20 || b === RECORD_TERMINATOR);
}
