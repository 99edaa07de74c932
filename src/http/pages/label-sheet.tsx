import { Hono } from "hono";
import { raw } from "hono/html";
import { japanDate } from "../../clock.ts";
import { renderCodabarSvg } from "../../domain/barcodes/codabar-svg.ts";
import { isAppError } from "../../domain/errors.ts";
import { getRecord } from "../../services/catalogue/get-record.ts";
import { findItem } from "../../services/items/find-item.ts";
import type { ItemView } from "../../services/items/item-view.ts";
import { getPolicyInForce } from "../../services/policies/get-policy-in-force.ts";
import type { AppEnv } from "../context.ts";
import { describeError } from "../error-messages.ts";
import { t } from "./i18n.ts";
import { Layout } from "./layout.tsx";
import { shell } from "./shell.ts";
import { staffFromCookie } from "./staff-session.ts";

const MAX_LABELS = 120;

/**
 * A printable sheet of NW-7 item labels for staff: the barcodes typed or scanned one per line, or
 * every item of a record. Each label carries the call number and the system's name above the bars.
 */
export function labelSheetPages() {
  const app = new Hono<AppEnv>();
  app.get("/staff/labels", async (c) => {
    const slug = c.get("system").slug;
    if (!(await staffFromCookie(c))) return c.redirect(`/${slug}/staff/sign-in`, 303);
    const s = shell(c);
    const lang = s.prefs.lang;
    const deps = c.get("deps");
    const systemId = c.get("system").id;
    const now = deps.clock.now();
    const typed = (c.req.query("barcodes") ?? "")
      .split(/[\s,]+/)
      .map((b) => b.trim())
      .filter(Boolean)
      .slice(0, MAX_LABELS);
    const recordId = Number(c.req.query("record"));
    const items: ItemView[] = [];
    const problems: string[] = [];
    if (Number.isSafeInteger(recordId) && recordId > 0) {
      items.push(...(await getRecord(deps.database.db, systemId, recordId)).items);
    }
    for (const barcode of typed) {
      try {
        items.push(await findItem(deps.database.db, systemId, barcode, now));
      } catch (error) {
        if (!isAppError(error)) throw error;
        problems.push(`${barcode}: ${describeError(error.code)[lang]}`);
      }
    }
    const { policy } = await getPolicyInForce(deps.database.db, systemId, japanDate(now));
    const { start, stop } = policy.catalogue.itemBarcode;
    const systemName = lang === "ja" ? c.get("system").nameJa : c.get("system").nameEn;
    return c.html(
      <Layout shell={s} title={t(lang, "labelSheet")}>
        <h1 class="no-print">{t(lang, "labelSheet")}</h1>
        <form method="get" action={`/${slug}/staff/labels`} class="stacked-form no-print">
          <label for="label-barcodes">{t(lang, "labelBarcodes")}</label>
          <textarea id="label-barcodes" name="barcodes" rows={6} autocomplete="off">
            {typed.join("\n")}
          </textarea>
          <button type="submit">{t(lang, "show")}</button>
        </form>
        {problems.length > 0 && (
          <div class="error no-print" role="alert">
            <ul>
              {problems.map((p) => (
                <li>{p}</li>
              ))}
            </ul>
          </div>
        )}
        {items.length > 0 && (
          <>
            <p class="no-print">{t(lang, "labelPrintHint")}</p>
            <ul class="label-sheet">
              {items.map((item) => (
                <li class="label">
                  <span class="label-system">{systemName}</span>
                  <span class="label-call">{item.callNumber}</span>
                  {raw(renderCodabarSvg(item.barcode, { start, stop, heightMm: 10 }))}
                </li>
              ))}
            </ul>
          </>
        )}
      </Layout>,
    );
  });
  return app;
}
