const FIELD_TERMINATOR = 0x1e;
const RECORD_TERMINATOR = 0x1d;

const digits = (bytes: Uint8Array, from: number, to: number): number | null => {
  let value = 0;
  for (let i = from; i < to; i++) {
    const b = bytes[i];
    if (b === undefined || b < 0x30 || b > 0x39) return null;
    value = value * 10 + (b - 0x30);
  }
  return value;
};

/**
 * Checks the ISO 2709 frame of one record (ending with its record terminator) before a MARC library
 * reads it, so that a record with a broken leader or directory is refused with a reason instead
 * of being read as garbage. Returns null when the frame is sound.
 */
export function iso2709StructureProblem(record: Uint8Array): string | null {
  if (record.length < 26) return `record of ${record.length} bytes is shorter than a leader`;
  const declared = digits(record, 0, 5);
  if (declared === null) return "record length (leader/00-04) is not numeric";
  if (declared !== record.length) return `record length says ${declared} bytes, record has ${record.length}`;
  if (record[record.length - 1] !== RECORD_TERMINATOR) return "record does not end with a record terminator";
  const base = digits(record, 12, 17);
  if (base === null) return "base address of data (leader/12-16) is not numeric";
  if (base < 25 || base > record.length) return `base address ${base} is outside the record`;
  if (record[base - 1] !== FIELD_TERMINATOR) return "directory does not end with a field terminator";
  const directoryLength = base - 1 - 24;
  if (directoryLength % 12 !== 0) return `directory length ${directoryLength} is not a multiple of 12`;
  const dataLength = record.length - 1 - base;
  for (let entry = 24; entry < base - 1; entry += 12) {
    const index = (entry - 24) / 12 + 1;
    const length = digits(record, entry + 3, entry + 7);
    const start = digits(record, entry + 7, entry + 12);
    if (length === null || start === null) return `directory entry ${index} is not numeric`;
    if (length === 0 || start + length > dataLength)
      return `directory entry ${index} points outside the data`;
    if (record[base + start + length - 1] !== FIELD_TERMINATOR) {
      return `field of directory entry ${index} does not end with a field terminator`;
    }
  }
  return null;
}
