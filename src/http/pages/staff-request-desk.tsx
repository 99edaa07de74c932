import { Hono } from "hono";
import { japanDate } from "../../clock.ts";
import {
  getRequestDesk,
  type RequestDeskView,
  requestDeskViews,
} from "../../services/holds/hold-requests.ts";
import { listServicePoints } from "../../services/service-points/list-service-points.ts";
import { type AppEnv, type Lang, useCaseContext } from "../context.ts";
import { counterStaff } from "./circulation-counter.ts";
import { requestStatusNames } from "./hold-page-parts.tsx";
import { materialTypeNames } from "./i18n.ts";
import { Layout } from "./layout.tsx";
import { shell } from "./shell.ts";

const words = {
  title: { ja: "リクエストの管理", en: "Requests desk" },
  staffMenu: { ja: "職員メニュー", en: "Staff menu" },
  intro: {
    ja: "すべての利用者のリクエストを、受け付けた順に表示します。状態の変更や到着の処理は、利用者名から開く「予約とリクエスト」で行います。",
    en: "Every patron's requests, oldest first. Change a status or receive the copy on the patron's “Reservations and requests” page (follow the name).",
  },
  views: { ja: "表示", en: "Show" },
  open: { ja: "対応中", en: "Open" },
  arrived: { ja: "到着済", en: "Arrived" },
  refused: { ja: "お断り", en: "Refused" },
  cancelled: { ja: "取消", en: "Cancelled" },
  none: { ja: "該当するリクエストはありません。", en: "No requests here." },
  received: { ja: "受付日", en: "Received" },
  material: { ja: "資料", en: "Title" },
  patron: { ja: "利用者", en: "Patron" },
  pickup: { ja: "受取場所", en: "Pickup" },
  status: { ja: "状態", en: "Status" },
  waiting: { ja: "経過日数", en: "Days waiting" },
  days: { ja: "{n}日", en: "{n} d" },
  lender: { ja: "依頼先", en: "Lender" },
  reason: { ja: "理由", en: "Reason" },
  limited: { ja: "古い順に500件まで表示しています。", en: "Showing the oldest 500." },
} as const;

const w = (lang: Lang, key: keyof typeof words) => words[key][lang];
const viewNames = Object.keys(requestDeskViews) as RequestDeskView[];

/**
 * /staff/requests: the requests desk (001 リクエスト) — every patron's requests by state, oldest first, so that
 * staff work through what is waiting; each row leads to the patron's page, where a request is moved on.
 */
export function staffRequestDesk() {
  const app = new Hono<AppEnv>();
  app.use("/staff/requests", counterStaff);

  app.get("/staff/requests", async (c) => {
    const s = shell(c);
    const lang = s.prefs.lang;
    const slug = c.get("system").slug;
    const asked = c.req.query("view") as RequestDeskView | undefined;
    const view: RequestDeskView = asked && viewNames.includes(asked) ? asked : "open";
    const ctx = useCaseContext(c);
    const [{ rows, counts }, points] = await Promise.all([
      getRequestDesk(ctx, view),
      listServicePoints(ctx.db, ctx.librarySystemId),
    ]);
    const pointName = new Map(points.map((p) => [p.code, p.name[lang]]));
    const today = Date.parse(japanDate(ctx.now));
    const countOf = (v: RequestDeskView) => requestDeskViews[v].reduce((n, st) => n + (counts[st] ?? 0), 0);
    c.header("Cache-Control", "no-store");
    return c.html(
      <Layout shell={s} title={w(lang, "title")}>
        <p>
          <a href={`/${slug}/staff`}>{w(lang, "staffMenu")}</a>
        </p>
        <h1>{w(lang, "title")}</h1>
        <p>{w(lang, "intro")}</p>
        <nav aria-label={w(lang, "views")} class="staff-subnav">
          <ul>
            {viewNames.map((v) => (
              <li>
                <a href={`/${slug}/staff/requests?view=${v}`} aria-current={v === view ? "page" : undefined}>
                  {w(lang, v)} ({countOf(v)})
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {rows.length === 0 ? (
          <p>{w(lang, "none")}</p>
        ) : (
          <div class="table-scroll">
            <table class="patron-table">
              <caption>
                {w(lang, "title")}: {w(lang, view)} ({rows.length})
              </caption>
              <thead>
                <tr>
                  <th scope="col">{w(lang, "received")}</th>
                  <th scope="col">{w(lang, "material")}</th>
                  <th scope="col">{w(lang, "patron")}</th>
                  <th scope="col">{w(lang, "pickup")}</th>
                  <th scope="col">{w(lang, "status")}</th>
                  <th scope="col">{w(lang, "waiting")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const received = japanDate(new Date(r.createdAt));
                  const days = Math.round((today - Date.parse(received)) / 86_400_000);
                  return (
                    <tr id={`request-${r.id}`}>
                      <td>{received}</td>
                      <td>
                        <strong>{r.title}</strong>
                        {r.author && <> / {r.author}</>}
                        <br />
                        <small>
                          {materialTypeNames[r.materialType as keyof typeof materialTypeNames]?.[lang] ??
                            r.materialType}
                          {r.isbn13 && <> · ISBN {r.isbn13}</>}
                        </small>
                      </td>
                      <td>
                        <a href={`/${slug}/staff/patrons/${r.patronId}/holds`}>{r.patronName}</a>
                        {r.cardNumber && (
                          <>
                            <br />
                            <small>{r.cardNumber}</small>
                          </>
                        )}
                      </td>
                      <td>{pointName.get(r.pickupPointCode) ?? r.pickupPointCode}</td>
                      <td>
                        {requestStatusNames[r.status]?.[lang] ?? r.status}
                        {r.lender && (
                          <>
                            <br />
                            <small>
                              {w(lang, "lender")}: {r.lender}
                            </small>
                          </>
                        )}
                        {r.refusalReason && (
                          <>
                            <br />
                            <small>
                              {w(lang, "reason")}: {r.refusalReason}
                            </small>
                          </>
                        )}
                      </td>
                      <td>{w(lang, "days").replace("{n}", String(days))}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {rows.length === 500 && <p class="field-hint">{w(lang, "limited")}</p>}
      </Layout>,
    );
  });
  return app;
}
