import { type SQL, sql } from "drizzle-orm";
import { resultRows } from "../migrate.ts";
import type { TenantTx } from "../tenant.ts";

/**
 * The anonymous event of a loan or return, as a statement to run inside the checkout's or return's own write:
 * the item's material type and its title's NDC main class (else the class its call number starts with, as
 * Japanese call numbers do), the service point and the day — never the patron or the item.
 */
export function itemEventInsert(
  tx: TenantTx,
  event: { kind: "loan" | "return"; itemId: number; servicePointId: string; day: string },
): SQL {
  return sql`
    INSERT INTO circulation_events (library_system_id, day, kind, service_point_code, material_type, ndc_class)
    SELECT ${tx.librarySystemId}, ${event.day}, ${event.kind}, sp.code, i.material_type,
           coalesce(substring(r.ndc FROM '^[0-9]'), substring(i.call_number FROM '^[0-9]'), '')
      FROM items i JOIN bibliographic_records r ON r.id = i.record_id
      JOIN service_points sp ON sp.id = ${event.servicePointId}
     WHERE i.id = ${event.itemId}`;
}

/** The anonymous event of a reservation (at its pickup point) or a registration. */
export async function recordEvent(
  tx: TenantTx,
  event: {
    kind: "reservation" | "registration";
    day: string;
    servicePointId: string | null;
    materialType: string | null;
    recordId: number | null;
  },
): Promise<void> {
  await tx.execute(sql`
    INSERT INTO circulation_events (library_system_id, day, kind, service_point_code, material_type, ndc_class)
    VALUES (${tx.librarySystemId}, ${event.day}, ${event.kind},
            coalesce((SELECT code FROM service_points WHERE id = ${event.servicePointId}::uuid), ''),
            ${event.materialType ?? ""},
            coalesce((SELECT substring(ndc FROM '^[0-9]') FROM bibliographic_records WHERE id = ${event.recordId}::bigint),
                     (SELECT substring(call_number FROM '^[0-9]') FROM items
                       WHERE record_id = ${event.recordId}::bigint AND call_number ~ '^[0-9]' LIMIT 1), ''))`);
}

export async function readSummarisedThrough(tx: TenantTx): Promise<string | null> {
  const result = await tx.execute(
    sql`SELECT to_char(summarised_through, 'YYYY-MM-DD') AS d FROM figures_progress`,
  );
  return resultRows<{ d: string }>(result)[0]?.d ?? null;
}

/** The first day with events, where folding starts on a new system. */
export async function firstEventDay(tx: TenantTx): Promise<string | null> {
  const result = await tx.execute(sql`SELECT to_char(min(day), 'YYYY-MM-DD') AS d FROM circulation_events`);
  return resultRows<{ d: string | null }>(result)[0]?.d ?? null;
}

/** Folds the events of the days after `after` up to and including `through` into monthly_figures. */
export async function foldDays(tx: TenantTx, after: string | null, through: string): Promise<number> {
  const result = await tx.execute(sql`
    WITH folded AS (
      INSERT INTO monthly_figures (library_system_id, month, kind, service_point_code, material_type, ndc_class, count)
      SELECT ${tx.librarySystemId}, date_trunc('month', day)::date, kind, service_point_code, material_type,
             ndc_class, count(*)
        FROM circulation_events
       WHERE day <= ${through} AND (${after}::date IS NULL OR day > ${after}::date)
       GROUP BY 2, 3, 4, 5, 6
      ON CONFLICT (library_system_id, month, kind, service_point_code, material_type, ndc_class)
      DO UPDATE SET count = monthly_figures.count + EXCLUDED.count
      RETURNING 1)
    SELECT count(*)::integer AS n FROM folded`);
  await tx.execute(sql`
    INSERT INTO figures_progress (library_system_id, summarised_through) VALUES (${tx.librarySystemId}, ${through})
    ON CONFLICT (library_system_id) DO UPDATE SET summarised_through = EXCLUDED.summarised_through`);
  return resultRows<{ n: number }>(result)[0]!.n;
}

export type FigureDimension = "servicePoint" | "materialType" | "ndc";
export type FigureRow = { month: string; key: string; kind: string; count: number };

const columnOf: Record<FigureDimension, string> = {
  servicePoint: "service_point_code",
  materialType: "material_type",
  ndc: "ndc_class",
};

/**
 * Counts per month, dimension value and kind from `fromMonth` to `toMonth` (first days of months): the
 * summary for folded days, the events themselves for the days after.
 */
export async function readFigures(
  tx: TenantTx,
  range: { fromMonth: string; toMonth: string; through: string | null },
  by: FigureDimension,
): Promise<FigureRow[]> {
  const column = sql.raw(columnOf[by]);
  const result = await tx.execute(sql`
    SELECT to_char(month, 'YYYY-MM') AS month, key, kind, sum(n)::integer AS count FROM (
      SELECT month, ${column} AS key, kind, count AS n FROM monthly_figures
       WHERE month BETWEEN ${range.fromMonth} AND ${range.toMonth}
      UNION ALL
      SELECT date_trunc('month', day)::date, ${column}, kind, 1 FROM circulation_events
       WHERE day >= ${range.fromMonth} AND day < (${range.toMonth}::date + interval '1 month')
         AND (${range.through}::date IS NULL OR day > ${range.through}::date)
    ) f
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
  return resultRows<FigureRow>(result);
}

/** Visitors per month and service point. */
export async function readVisitors(
  tx: TenantTx,
  range: { fromMonth: string; toMonth: string },
): Promise<FigureRow[]> {
  const result = await tx.execute(sql`
    SELECT to_char(date_trunc('month', day), 'YYYY-MM') AS month, service_point_code AS key, 'visit' AS kind,
           sum(visitors)::integer AS count
      FROM visitor_counts
     WHERE day >= ${range.fromMonth} AND day < (${range.toMonth}::date + interval '1 month')
     GROUP BY 1, 2 ORDER BY 1, 2`);
  return resultRows<FigureRow>(result);
}

export async function upsertVisitorCount(
  tx: TenantTx,
  v: { servicePointCode: string; day: string; visitors: number },
): Promise<void> {
  await tx.execute(sql`
    INSERT INTO visitor_counts (library_system_id, service_point_code, day, visitors)
    VALUES (${tx.librarySystemId}, ${v.servicePointCode}, ${v.day}, ${v.visitors})
    ON CONFLICT (library_system_id, service_point_code, day) DO UPDATE SET visitors = EXCLUDED.visitors`);
}
