// Command-line options shared by the benchmarks: `--name value` pairs and whole numbers with `_` separators.

export function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith("--")) throw new Error(`${name} needs a value`);
  return value;
}

export function count(args: readonly string[], name: string, fallback: number, min = 1): number {
  const text = option(args, name);
  if (text === undefined) return fallback;
  const n = Number(text.replaceAll("_", ""));
  if (!Number.isSafeInteger(n) || n < min)
    throw new Error(`${name} must be an integer ≥ ${min}, got "${text}"`);
  return n;
}
