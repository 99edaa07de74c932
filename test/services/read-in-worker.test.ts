import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import type { ImportFormat } from "../../src/services/catalogue/formats/read-result.ts";
import {
  type ReadOutcome,
  readIncoming,
  readIncomingInWorker,
} from "../../src/services/catalogue/read-in-worker.ts";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/marc/${name}`, import.meta.url));

async function* inPieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function all(records: AsyncIterable<ReadOutcome>): Promise<ReadOutcome[]> {
  const out: ReadOutcome[] = [];
  for await (const record of records) out.push(record);
  return out;
}

// A large import reads in a worker thread; what it reads must be exactly what the import's own thread reads.
describe("reading an import file in a worker thread", () => {
  for (const [name, format] of [
    ["enju-ndl-japanmarc21-subset.mrc", "marc"],
    ["blacklight-lc-japanese-880.xml", "marcxml"],
    ["pymarc-bad-records.mrc", "marc"],
  ] as [string, ImportFormat][]) {
    test(`${name}: the same records and refusals, in the same order, as in this thread`, async () => {
      const bytes = fixture(name);
      // Small pieces, so the worker asks for the next one many times and records cross piece boundaries.
      const inWorker = await all(readIncomingInWorker(inPieces(bytes, 997), format));
      const here = await all(readIncoming(inPieces(bytes, 997), format));
      assert.ok(here.length > 0);
      assert.deepEqual(inWorker, here);
    });
  }

  test("a failure reading the stored file ends the reading with that error", async () => {
    const bytes = fixture("enju-ndl-japanmarc21-subset.mrc");
    async function* breaking(): AsyncGenerator<Uint8Array> {
      yield bytes.subarray(0, 4000);
      throw new Error("the stored file could not be read");
    }
    await assert.rejects(all(readIncomingInWorker(breaking(), "marc")), /the stored file could not be read/);
  });

  test("a caller that stops early stops the worker", async () => {
    const bytes = fixture("enju-ndl-japanmarc21-subset.mrc");
    let taken = 0;
    for await (const _ of readIncomingInWorker(inPieces(bytes, 500), "marc")) {
      if (++taken === 3) break;
    }
    assert.equal(taken, 3);
  });
});
