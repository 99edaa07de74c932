import { type SQL, type SQLWrapper, sql } from "drizzle-orm";

/**
 * A text[] parameter. Drizzle spreads a JS array into a list of parameters, and the two drivers
 * serialise arrays differently, so arrays travel as one JSON parameter.
 */
export function textArray(values: readonly string[]): SQL {
  return sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
}

/** `column LIKE 'prefix%'` with the prefix's own %, _ and \ taken literally. */
export function startsWith(column: SQLWrapper, prefix: string): SQL {
  return sql`${column} LIKE ${`${prefix.replace(/[\\%_]/g, "\\$&")}%`}`;
}

/** A bigint[] parameter, sent as JSON like `textArray`. */
export function bigintArray(values: readonly number[]): SQL {
  return sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(values)}::jsonb)::bigint)`;
}

/** A uuid[] parameter, sent as JSON like `textArray`. */
export function uuidArray(values: readonly string[]): SQL {
  return sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(values)}::jsonb)::uuid)`;
}
