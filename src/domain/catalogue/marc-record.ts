/**
 * A MARC 21 record as the mapping reads it, independent of the library that parsed it:
 * control fields carry a value, data fields indicators and subfields in source order.
 */
export type MarcControlField = { tag: string; value: string };
export type MarcDataField = {
  tag: string;
  ind1: string;
  ind2: string;
  subfields: [code: string, value: string][];
};
export type MarcField = MarcControlField | MarcDataField;
export type MarcRecord = { leader: string; fields: MarcField[] };

export function isDataField(field: MarcField): field is MarcDataField {
  return "subfields" in field;
}

export function controlValue(record: MarcRecord, tag: string): string | null {
  const field = record.fields.find((f) => f.tag === tag && !isDataField(f));
  return field && !isDataField(field) ? field.value : null;
}

export function dataFields(record: MarcRecord, tag: string | RegExp): MarcDataField[] {
  return record.fields.filter(
    (f): f is MarcDataField => isDataField(f) && (typeof tag === "string" ? f.tag === tag : tag.test(f.tag)),
  );
}

export function subfield(field: MarcDataField, code: string): string | null {
  return field.subfields.find(([c]) => c === code)?.[1] ?? null;
}

export function subfieldsOf(field: MarcDataField, codes: string): string[] {
  return field.subfields.filter(([c]) => codes.includes(c)).map(([, v]) => v);
}
