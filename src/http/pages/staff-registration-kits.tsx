import type { Context } from "hono";
import { Hono } from "hono";
import { raw } from "hono/html";
import { japanDate } from "../../clock.ts";
import { renderCodabarSvg } from "../../domain/barcodes/codabar-svg.ts";
import { isAppError } from "../../domain/errors.ts";
import {
  getKitBatch,
  handOverKitBatch,
  listKits,
  maxKitsPerBatch,
  printKitBatch,
} from "../../services/applications/registration-kits.ts";
import { getPolicyInForce } from "../../services/policies/get-policy-in-force.ts";
import { listServicePoints } from "../../services/service-points/list-service-points.ts";
import { hasRole } from "../../services/staff/authenticate-staff.ts";
import { staffActor } from "../client-address.ts";
import { type AppEnv, type Lang, useCaseContext } from "../context.ts";
import { staffWithRole } from "./circulation-counter.ts";
import { csrfCheckedBody, one } from "./circulation-form-data.ts";
import { Layout } from "./layout.tsx";
import { formatDate } from "./patron-record.tsx";
import { RefusalBox } from "./refusal-box.tsx";
import { shell } from "./shell.ts";

const words = {
  title: { ja: "オンライン利用者登録セット", en: "Registration kits" },
  staffMenu: { ja: "職員メニュー", en: "Staff menu" },
  print: { ja: "セットを作る(番号を割り当てる)", en: "Make kits (assign numbers)" },
  count: { ja: "枚数", en: "Number of kits" },
  printButton: { ja: "番号を割り当てる", en: "Assign numbers" },
  batches: { ja: "セットの束", en: "Batches" },
  batch: { ja: "束", en: "Batch" },
  printedAt: { ja: "作成日", en: "Made on" },
  kits: { ja: "枚数", en: "Kits" },
  facility: { ja: "配布先の施設", en: "Partner facility" },
  handedOverOn: { ja: "配布日", en: "Handed over" },
  used: { ja: "登録済み", en: "Registered" },
  pending: { ja: "審査中", en: "Under review" },
  labels: { ja: "ラベルを印刷", en: "Print labels" },
  handOver: { ja: "施設に渡した", en: "Handed over" },
  notYet: { ja: "(未配布)", en: "(not yet)" },
  none: { ja: "まだセットはありません。", en: "No kits yet." },
  refused: { ja: "できませんでした", en: "Not done" },
  printed: {
    ja: "番号を割り当てました。ラベルを印刷してカードに貼ってください。",
    en: "Numbers assigned; print the labels for the cards.",
  },
  handed: {
    ja: "配布先を記録しました。この束の番号で申請できるようになりました。",
    en: "Recorded; the batch's numbers can now be applied with.",
  },
  labelHint: {
    ja: "ブラウザーの印刷で、ラベルだけが印刷されます。",
    en: "Print with the browser; only the labels are printed.",
  },
  back: { ja: "セットの一覧へ", en: "Back to the kits" },
} as const;
const w = (lang: Lang, key: keyof typeof words) => words[key][lang];

const reviewerStaff = staffWithRole("reviewer");

/**
 * /staff/registration-kits (004): batches of pre-numbered cards made here, printed as NW-7 labels and handed to the
 * partner facilities of the seed's list; how many of each were registered with or wait in review.
 */
export function staffRegistrationKits() {
  const app = new Hono<AppEnv>();
  app.use("/staff/registration-kits", reviewerStaff);
  app.use("/staff/registration-kits/*", reviewerStaff);

  app.get("/staff/registration-kits", (c) => listPage(c, {}));

  app.post("/staff/registration-kits", async (c) => {
    const body = await csrfCheckedBody(c);
    try {
      const batch = await printKitBatch(
        { ...useCaseContext(c), staff: staffActor(c) },
        Number(one(body, "count").normalize("NFKC")),
      );
      return c.redirect(`/${c.get("system").slug}/staff/registration-kits/${batch.id}/labels?printed=1`, 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return listPage(c, { refusal: error.code }, error.code === "VALIDATION_FAILED" ? 422 : 409);
    }
  });

  app.post("/staff/registration-kits/:id{[0-9]+}/hand-over", async (c) => {
    const body = await csrfCheckedBody(c);
    try {
      await handOverKitBatch(
        { ...useCaseContext(c), staff: staffActor(c) },
        Number(c.req.param("id")),
        one(body, "servicePoint"),
      );
    } catch (error) {
      if (!isAppError(error)) throw error;
      return listPage(c, { refusal: error.code }, 409);
    }
    return c.redirect(`/${c.get("system").slug}/staff/registration-kits?handed=1`, 303);
  });

  app.get("/staff/registration-kits/:id{[0-9]+}/labels", async (c) => {
    const s = shell(c);
    const lang = s.prefs.lang;
    const ctx = useCaseContext(c);
    const batch = await getKitBatch(ctx, Number(c.req.param("id")));
    const { policy } = await getPolicyInForce(ctx.db, ctx.librarySystemId, japanDate(ctx.now));
    const { start, stop } = policy.registration.cardNumber;
    const systemName = lang === "ja" ? c.get("system").nameJa : c.get("system").nameEn;
    const title = `${w(lang, "labels")}: ${w(lang, "batch")} ${batch.id}`;
    return c.html(
      <Layout shell={s} title={title}>
        <p class="no-print">
          <a href={`/${c.get("system").slug}/staff/registration-kits`}>{w(lang, "back")}</a>
        </p>
        <h1 class="no-print">{title}</h1>
        {c.req.query("printed") && (
          <p class="notice notice-ok no-print" role="status">
            {w(lang, "printed")}
          </p>
        )}
        <p class="no-print">{w(lang, "labelHint")}</p>
        <ul class="label-sheet">
          {batch.kits.map((kit) => (
            <li class="label">
              <span class="label-system">{systemName}</span>
              {raw(renderCodabarSvg(kit.number, { start, stop, heightMm: 10 }))}
            </li>
          ))}
        </ul>
      </Layout>,
    );
  });
  return app;
}

async function listPage(c: Context<AppEnv>, state: { refusal?: string }, status: 200 | 409 | 422 = 200) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const ctx = useCaseContext(c);
  const [batches, points] = await Promise.all([
    listKits(ctx),
    listServicePoints(ctx.db, ctx.librarySystemId),
  ]);
  const partners = points.filter((p) => p.type === "partner");
  const administrator = hasRole(c.get("staff"), "administrator");
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={w(lang, "title")}>
      <p>
        <a href={`/${slug}/staff`}>{w(lang, "staffMenu")}</a>
      </p>
      <h1>{w(lang, "title")}</h1>
      <RefusalBox lang={lang} heading={w(lang, "refused")} code={state.refusal} />
      {c.req.query("handed") && (
        <p class="notice notice-ok" role="status">
          {w(lang, "handed")}
        </p>
      )}
      {administrator && (
        <form method="post" action={`/${slug}/staff/registration-kits`} class="stacked-form">
          <h2>{w(lang, "print")}</h2>
          <input type="hidden" name="_csrf" value={s.csrf} />
          <label for="kit-count">{w(lang, "count")}</label>
          <input
            id="kit-count"
            name="count"
            type="number"
            min={1}
            max={maxKitsPerBatch}
            required
            inputmode="numeric"
            class="input-short"
          />
          <button type="submit">{w(lang, "printButton")}</button>
        </form>
      )}
      <h2>{w(lang, "batches")}</h2>
      {batches.length === 0 ? (
        <p>{w(lang, "none")}</p>
      ) : (
        <div class="table-scroll">
          <table class="patron-table">
            <caption>{w(lang, "batches")}</caption>
            <thead>
              <tr>
                <th scope="col">{w(lang, "batch")}</th>
                <th scope="col">{w(lang, "kits")}</th>
                <th scope="col">{w(lang, "facility")}</th>
                <th scope="col">{w(lang, "handedOverOn")}</th>
                <th scope="col">{w(lang, "used")}</th>
                <th scope="col">{w(lang, "pending")}</th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr>
                  <td>
                    {b.id} <a href={`/${slug}/staff/registration-kits/${b.id}/labels`}>{w(lang, "labels")}</a>
                  </td>
                  <td>{b.kitCount}</td>
                  <td>
                    {b.servicePointCode ? (
                      lang === "ja" ? (
                        b.servicePointJa
                      ) : (
                        b.servicePointEn
                      )
                    ) : (
                      <form
                        method="post"
                        action={`/${slug}/staff/registration-kits/${b.id}/hand-over`}
                        class="inline-form"
                      >
                        <input type="hidden" name="_csrf" value={s.csrf} />
                        <label for={`kit-facility-${b.id}`} class="visually-hidden">
                          {w(lang, "facility")} ({w(lang, "batch")} {b.id})
                        </label>
                        <select id={`kit-facility-${b.id}`} name="servicePoint" required>
                          {partners.map((p) => (
                            <option value={p.code}>
                              {p.municipality ? `${p.municipality} ` : ""}
                              {p.name[lang]}
                            </option>
                          ))}
                        </select>
                        <button type="submit">{w(lang, "handOver")}</button>
                      </form>
                    )}
                  </td>
                  <td>{b.handedOverOn ? formatDate(lang, b.handedOverOn) : w(lang, "notYet")}</td>
                  <td>{b.used}</td>
                  <td>{b.pending}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>,
    status,
  );
}
