import { SaxesParser } from "saxes";
import { mapMarcRecord } from "../../../domain/catalogue/map-marc-record.ts";
import type { MarcField, MarcRecord } from "../../../domain/catalogue/marc-record.ts";
import type { ReadRecord } from "./read-result.ts";

/**
 * Reads MARCXML (the LC slim schema, with or without a namespace prefix) as a stream: a SAX parser
 * builds one record at a time. A record that breaks the schema is refused with its position;
 * XML that is not well formed ends the file with a failure at the record where it broke.
 */
export async function* readMarcxml(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<ReadRecord> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  const ready: ReadRecord[] = [];
  let position = 0;
  let record: MarcRecord | null = null;
  let problem: string | null = null;
  let field: MarcField | null = null;
  let code: string | null = null;
  let text = "";
  let inLeader = false;
  let broken: string | null = null;

  const local = (name: string) => name.slice(name.indexOf(":") + 1);
  parser.on("opentag", (node) => {
    const name = local(node.name);
    const attr = (a: string) => {
      const value = node.attributes[a];
      return typeof value === "string" ? value : "";
    };
    if (name === "record") {
      position++;
      record = { leader: "", fields: [] };
      problem = null;
    } else if (!record) {
      return;
    } else if (name === "leader") {
      inLeader = true;
      text = "";
    } else if (name === "controlfield") {
      field = { tag: attr("tag"), value: "" };
      text = "";
    } else if (name === "datafield") {
      const ind1 = attr("ind1") || " ";
      const ind2 = attr("ind2") || " ";
      field = { tag: attr("tag"), ind1, ind2, subfields: [] };
      if (!/^\d{3}$/.test(field.tag)) problem = `datafield with tag "${field.tag}"`;
    } else if (name === "subfield") {
      code = attr("code");
      text = "";
    }
  });
  parser.on("text", (t) => {
    text += t;
  });
  parser.on("closetag", (node) => {
    const name = local(node.name);
    if (!record) return;
    const current: MarcRecord = record;
    if (name === "leader" && inLeader) {
      current.leader = text;
      inLeader = false;
    } else if (name === "controlfield" && field && !("subfields" in field)) {
      field.value = text;
      current.fields.push(field);
      field = null;
    } else if (name === "subfield" && field && "subfields" in field) {
      field.subfields.push([code ?? "", text]);
      code = null;
    } else if (name === "datafield" && field) {
      current.fields.push(field);
      field = null;
    } else if (name === "record") {
      if (!problem && current.leader.length !== 24) problem = `leader of ${current.leader.length} characters`;
      ready.push({ position, result: problem ? { ok: false, reason: problem } : mapMarcRecord(current) });
      record = null;
    }
  });
  parser.on("error", (error) => {
    broken = error.message;
  });

  const decoder = new TextDecoder("utf-8");
  for await (const chunk of chunks) {
    parser.write(decoder.decode(chunk, { stream: true }));
    yield* ready.splice(0);
    if (broken) break;
  }
  if (!broken) parser.close();
  yield* ready.splice(0);
  if (broken) {
    yield { position: position || 1, result: { ok: false, reason: `XML is not well formed: ${broken}` } };
  }
}
