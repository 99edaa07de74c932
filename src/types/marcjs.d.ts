// marcjs ships no type declarations; these cover what Shiori uses.
declare module "marcjs" {
  type Field = string[];
  class Record {
    leader: string;
    fields: Field[];
    append(...fields: Field[]): Record;
    as(format: "iso2709" | "marcxml" | "text" | "json" | "mij"): string;
  }
  const marcjs: {
    Record: typeof Record;
    Iso2709Parser: { parse(raw: Buffer): Record };
    Marc: { format(record: Record, type: "iso2709" | "marcxml" | "text" | "json" | "mij"): string };
  };
  export default marcjs;
}
