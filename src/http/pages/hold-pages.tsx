import type { Context } from "hono";
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Child } from "hono/jsx";
import { withTenant } from "../../db/tenant.ts";
import { isAppError } from "../../domain/errors.ts";
import { refuseHoldChange } from "../../domain/holds/hold-shelf.ts";
import { getRecord, type RecordView } from "../../services/catalogue/get-record.ts";
import { cancelHold } from "../../services/holds/cancel-hold.ts";
import { changeHoldPickup } from "../../services/holds/change-hold-pickup.ts";
import type { HoldActor } from "../../services/holds/hold-actor.ts";
import { listRequests } from "../../services/holds/hold-requests.ts";
import { holdShelfLists } from "../../services/holds/hold-shelf-lists.ts";
import { type HoldView, listPatronHolds } from "../../services/holds/hold-view.ts";
import { placeHold } from "../../services/holds/place-hold.ts";
import { type CallOutcome, recordHoldCall } from "../../services/holds/record-hold-call.ts";
import {
  listServicePoints,
  type ServicePointView,
} from "../../services/service-points/list-service-points.ts";
import { staffActor } from "../client-address.ts";
import { type AppEnv, type Lang, useCaseContext } from "../context.ts";
import { describeError } from "../error-messages.ts";
import { RecordPage } from "./catalogue-pages.tsx";
import { counterPoints, counterStaff } from "./circulation-counter.ts";
import { csrfCheckedBody, many, one } from "./circulation-form-data.ts";
import { isHttps } from "./csrf.ts";
import {
  type Choice,
  type Contact,
  callOutcomes,
  choiceOf,
  contactNames,
  fill,
  HoldChoices,
  holdsPolicy,
  type PostalOffer,
  pickupPoints,
  postalOffer,
  type Refusal,
  RefusalNotice,
  refusalOf,
  refusalText,
  requestStatusNames,
  statusNames,
  w,
  type words,
} from "./hold-page-parts.tsx";
import { t } from "./i18n.ts";
import { Layout } from "./layout.tsx";
import { currentPatron, patronLoginPath, requirePatronPage, safeNextPath } from "./patron-session.ts";
import { shell } from "./shell.ts";

// ---- The cart: a session cookie of record ids (001: 予約カートはブラウザを閉じた時にクリアされます) ----

const cartCookie = (slug: string) => `shiori_cart_${slug}`;

function readCart(c: Context<AppEnv>): number[] {
  const value = getCookie(c, cartCookie(c.get("system").slug)) ?? "";
  const ids = value
    .split(",")
    .map(Number)
    .filter((id) => Number.isSafeInteger(id) && id > 0);
  return [...new Set(ids)].slice(0, 100);
}

/** Days a cart is kept where the policy keeps it after the browser closes (003's cart lives in "my page"). */
const keptCartDays = 30;

async function writeCart(c: Context<AppEnv>, ids: readonly number[]): Promise<void> {
  const slug = c.get("system").slug;
  if (ids.length === 0) {
    deleteCookie(c, cartCookie(slug), { path: `/${slug}` });
    return;
  }
  // 001: no Max-Age or Expires, so the browser forgets the cart when it closes; the policy may keep it.
  const kept = (await holdsPolicy(c)).cart.keptAfterBrowserCloses;
  setCookie(c, cartCookie(slug), ids.join(","), {
    path: `/${slug}`,
    httpOnly: true,
    sameSite: "Lax",
    secure: isHttps(c),
    ...(kept && { maxAge: keptCartDays * 24 * 3600 }),
  });
}

function patronActor(patronId: string): HoldActor {
  return { kind: "patron", patronId, channel: "web" };
}

async function reserveFor(c: Context<AppEnv>, patronId: string, recordId: number, choice: Choice) {
  const deps = c.get("deps");
  return placeHold({
    db: deps.database.db,
    librarySystemId: c.get("system").id,
    actor: patronActor(patronId),
    patronId,
    recordId,
    pickupPoint: choice.pickupPoint,
    delivery: choice.delivery,
    // An unknown contact is refused by the policy's rule (CONTACT_METHOD_NOT_OFFERED).
    contact: choice.contact as Contact,
    now: deps.clock.now(),
  });
}

// ---- The record page's reservation panel ----

export type ReservePanelProps = {
  lang: Lang;
  slug: string;
  csrf: string;
  recordId: number;
  signedIn: boolean;
  points: ServicePointView[];
  contacts: readonly Contact[];
  postal: PostalOffer | null;
  cartSize: number;
  cartMax: number;
  refusal?: Refusal;
  chosen?: Partial<Choice>;
};

/** What the record page needs to offer a reservation: the signed-in patron, the pickup points, the cart. */
export async function reservePanelProps(
  c: Context<AppEnv>,
  recordId: number,
  state: { refusal?: Refusal; chosen?: Partial<Choice> } = {},
): Promise<ReservePanelProps> {
  const s = shell(c);
  const holds = await holdsPolicy(c);
  return {
    lang: s.prefs.lang,
    slug: c.get("system").slug,
    csrf: s.csrf,
    recordId,
    signedIn: (await currentPatron(c)) !== null,
    points: await pickupPoints(c, holds),
    contacts: holds.contactMethods,
    postal: await postalOffer(c, "web"),
    cartSize: readCart(c).length,
    cartMax: holds.cart.maxTitles,
    ...state,
  };
}

/** 予約する for a signed-in patron (else a link to sign in and come back), and カートに入れる. */
export function ReservePanel(props: ReservePanelProps) {
  const { lang, slug, recordId } = props;
  const here = `/${slug}/records/${recordId}`;
  return (
    <section class="reserve-panel" aria-labelledby="reserve-heading">
      <h2 id="reserve-heading">{w(lang, "reservation")}</h2>
      {props.refusal && <RefusalNotice lang={lang} refusal={props.refusal} id="reserve-refusal" />}
      {props.signedIn ? (
        <form method="post" action={`${here}/reserve`} class="stacked-form">
          <input type="hidden" name="_csrf" value={props.csrf} />
          <HoldChoices
            lang={lang}
            idPrefix="reserve"
            points={props.points}
            contacts={props.contacts}
            chosen={props.chosen}
            postal={props.postal}
          />
          <button type="submit">{w(lang, "reserve")}</button>
        </form>
      ) : (
        <p>
          <a class="button" href={patronLoginPath(slug, here)}>
            {w(lang, "signInToReserve")}
          </a>
        </p>
      )}
      <form method="post" action={`/${slug}/cart/add`} class="form-actions-note">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <input type="hidden" name="recordId" value={String(recordId)} />
        <input type="hidden" name="return" value={here} />
        <button type="submit" class="button-secondary">
          {w(lang, "addToCart")}
        </button>
        <a href={`/${slug}/cart`}>
          {w(lang, "viewCart")} ({fill(w(lang, "cartCount"), { n: props.cartSize, max: props.cartMax })})
        </a>
      </form>
    </section>
  );
}

// ---- The search results' cart form ----

/** Opens the form that wraps the result list; its check boxes post `recordId` to /cart/add. */
export function CartForm(props: {
  lang: Lang;
  slug: string;
  csrf: string;
  returnTo: string;
  children: Child;
}) {
  const { lang, slug } = props;
  return (
    <form method="post" action={`/${slug}/cart/add`} id="cart-form">
      <input type="hidden" name="_csrf" value={props.csrf} />
      <input type="hidden" name="return" value={props.returnTo} />
      {props.children}
      <p class="form-actions-note">
        <button type="submit">{w(lang, "addToCart")}</button>
        <a href={`/${slug}/cart`}>{w(lang, "viewCart")}</a>
      </p>
    </form>
  );
}

/** One result's check box, named by its title for a screen reader. */
export function CartCheckbox(props: { lang: Lang; recordId: number; title: string }) {
  const id = `cart-${props.recordId}`;
  return (
    <div class="check">
      <input type="checkbox" id={id} name="recordId" value={String(props.recordId)} />
      <label for={id}>
        {w(props.lang, "selectForCart")}
        <span class="visually-hidden">: {props.title}</span>
      </label>
    </div>
  );
}

// ---- Pages ----

type CartLine = { recordId: number; title: string; queueLength: number };
type CartOutcome = { title: string; hold: HoldView | null; refusal: Refusal | null };

export function holdPages() {
  const app = new Hono<AppEnv>();
  app.use("/my/holds", requirePatronPage);
  app.use("/my/holds/*", requirePatronPage);
  app.use("/staff/holds", counterStaff);
  app.use("/staff/holds/*", counterStaff);

  app.post("/records/:id{[0-9]+}/reserve", async (c) => {
    const body = await csrfCheckedBody(c);
    const slug = c.get("system").slug;
    const recordId = Number(c.req.param("id"));
    const patron = await currentPatron(c);
    if (!patron) return c.redirect(patronLoginPath(slug, `/${slug}/records/${recordId}`), 303);
    const choice = choiceOf(body);
    try {
      const hold = await reserveFor(c, patron.patronId, recordId, choice);
      return c.redirect(`/${slug}/my/holds?placed=${hold.id}`, 303);
    } catch (error) {
      const refusal = refusalOf(error);
      const s = shell(c);
      const record = await getRecord(c.get("deps").database.db, c.get("system").id, recordId);
      const panel = await reservePanelProps(c, recordId, { refusal, chosen: choice });
      return c.html(
        <Layout shell={s} title={record.title}>
          <RecordPage record={record} lang={s.prefs.lang} actions={<ReservePanel {...panel} />} />
        </Layout>,
        describeError(refusal.code).status as 409,
      );
    }
  });

  // ---- The cart ----

  app.get("/cart", async (c) => cartPage(c, {}));

  app.post("/cart/add", async (c) => {
    const body = await csrfCheckedBody(c);
    const slug = c.get("system").slug;
    const holds = await holdsPolicy(c);
    const back = safeNextPath(slug, one(body, "return")) ?? `/${slug}/cart`;
    const requested = many(body, "recordId")
      .map(Number)
      .filter((id) => Number.isSafeInteger(id) && id > 0)
      .slice(0, 100);
    // 003: the cart is the signed-in patron's; adding asks for sign-in first, and the ticked titles come back
    // after it on a page that adds them with one press (a GET never changes the cart).
    if (holds.cart.signInWhenAdding && !(await currentPatron(c))) {
      const pending = new URLSearchParams([
        ...requested.map((id) => ["recordId", String(id)]),
        ["return", back],
      ]);
      return c.redirect(patronLoginPath(slug, `/${slug}/cart/add?${pending}`), 303);
    }
    if (requested.length === 0) {
      return cartPage(c, { error: w(shell(c).prefs.lang, "nothingSelected") }, 422);
    }
    const cart = readCart(c);
    let added = 0;
    let full = false;
    for (const id of requested) {
      if (cart.includes(id)) continue;
      if (cart.length >= holds.cart.maxTitles) {
        full = true;
        break;
      }
      if (!(await recordExists(c, id))) continue;
      cart.push(id);
      added++;
    }
    await writeCart(c, cart);
    if (full) {
      return cartPage(c, { cart, added, refusal: { code: "CART_FULL", details: {} } }, 409);
    }
    return c.redirect(`/${slug}/cart?added=${added}`, 303);
  });

  app.get("/cart/add", requirePatronPage, async (c) => {
    const s = shell(c);
    const lang = s.prefs.lang;
    const slug = c.get("system").slug;
    const ids = c.req
      .queries("recordId")
      ?.map(Number)
      .filter((id) => Number.isSafeInteger(id) && id > 0)
      .slice(0, 100);
    const lines = await cartLines(c, ids ?? []);
    const back = safeNextPath(slug, c.req.query("return")) ?? `/${slug}/cart`;
    c.header("Cache-Control", "no-store");
    return c.html(
      <Layout shell={s} title={w(lang, "addPendingTitle")}>
        <h1>{w(lang, "addPendingTitle")}</h1>
        {lines.length === 0 ? (
          <p>{w(lang, "nothingSelected")}</p>
        ) : (
          <form method="post" action={`/${slug}/cart/add`}>
            <input type="hidden" name="_csrf" value={s.csrf} />
            <input type="hidden" name="return" value={back} />
            <p>{w(lang, "addPendingIntro")}</p>
            <ul>
              {lines.map((l) => (
                <li>
                  <input type="hidden" name="recordId" value={String(l.recordId)} />
                  {l.title}
                </li>
              ))}
            </ul>
            <button type="submit">{w(lang, "addPending")}</button>
          </form>
        )}
        <p>
          <a href={back}>{w(lang, "addPendingBack")}</a>
        </p>
      </Layout>,
    );
  });

  app.post("/cart/remove", async (c) => {
    const body = await csrfCheckedBody(c);
    const id = Number(one(body, "recordId"));
    await writeCart(
      c,
      readCart(c).filter((r) => r !== id),
    );
    return c.redirect(`/${c.get("system").slug}/cart`, 303);
  });

  app.post("/cart/reserve", async (c) => {
    const body = await csrfCheckedBody(c);
    const slug = c.get("system").slug;
    const patron = await currentPatron(c);
    if (!patron) return c.redirect(patronLoginPath(slug, `/${slug}/cart`), 303);
    const choice = choiceOf(body);
    const cart = readCart(c);
    const outcomes: CartOutcome[] = [];
    const kept: number[] = [];
    // Each title on its own: one refused leaves the others reserved, and stays in the cart.
    for (const line of await cartLines(c, cart)) {
      try {
        const hold = await reserveFor(c, patron.patronId, line.recordId, choice);
        outcomes.push({ title: line.title, hold, refusal: null });
      } catch (error) {
        outcomes.push({ title: line.title, hold: null, refusal: refusalOf(error) });
        kept.push(line.recordId);
      }
    }
    await writeCart(c, kept);
    return cartPage(c, { cart: kept, outcomes, chosen: choice });
  });

  // ---- The patron's reservations ----

  app.get("/my/holds", async (c) => myHoldsPage(c, {}));

  app.post("/my/holds/:id{[0-9]+}/cancel", async (c) => {
    const body = await csrfCheckedBody(c);
    const deps = c.get("deps");
    const holdId = Number(c.req.param("id"));
    // A reservation may have waited months for its turn: the first press asks, the second cancels.
    if (one(body, "confirm") !== "yes") return confirmCancelPage(c, holdId);
    try {
      await cancelHold({
        db: deps.database.db,
        librarySystemId: c.get("system").id,
        actor: patronActor(c.get("patron").patronId),
        holdId,
        now: deps.clock.now(),
      });
      return c.redirect(`/${c.get("system").slug}/my/holds?cancelled=${holdId}`, 303);
    } catch (error) {
      const refusal = refusalOf(error);
      return myHoldsPage(c, { refusal }, describeError(refusal.code).status);
    }
  });

  app.post("/my/holds/:id{[0-9]+}/pickup", async (c) => {
    const body = await csrfCheckedBody(c);
    const deps = c.get("deps");
    const holdId = Number(c.req.param("id"));
    try {
      await changeHoldPickup({
        db: deps.database.db,
        librarySystemId: c.get("system").id,
        actor: patronActor(c.get("patron").patronId),
        holdId,
        pickupPoint: one(body, "pickupPoint").slice(0, 64),
        now: deps.clock.now(),
      });
      return c.redirect(`/${c.get("system").slug}/my/holds?changed=${holdId}`, 303);
    } catch (error) {
      const refusal = refusalOf(error);
      return myHoldsPage(c, { refusal }, describeError(refusal.code).status);
    }
  });

  // ---- Staff: the hold shelf and its lists ----

  app.get("/staff/holds", async (c) => staffHoldsPage(c, {}));

  app.post("/staff/holds/:id{[0-9]+}/call", async (c) => {
    const body = await csrfCheckedBody(c);
    const deps = c.get("deps");
    const outcome = one(body, "outcome");
    const servicePoint = one(body, "servicePoint");
    try {
      if (!callOutcomes.some((o) => o.value === outcome)) {
        return staffHoldsPage(c, { refusal: { code: "VALIDATION_FAILED", details: {} } }, 422);
      }
      await recordHoldCall({
        db: deps.database.db,
        librarySystemId: c.get("system").id,
        staff: staffActor(c),
        holdId: Number(c.req.param("id")),
        outcome: outcome as CallOutcome,
        now: deps.clock.now(),
      });
      const query = new URLSearchParams({ servicePoint, called: c.req.param("id") });
      return c.redirect(`/${c.get("system").slug}/staff/holds?${query}`, 303);
    } catch (error) {
      const refusal = refusalOf(error);
      return staffHoldsPage(c, { refusal }, describeError(refusal.code).status);
    }
  });

  return app;
}

async function recordExists(c: Context<AppEnv>, id: number): Promise<boolean> {
  try {
    await getRecord(c.get("deps").database.db, c.get("system").id, id);
    return true;
  } catch (error) {
    if (isAppError(error)) return false;
    throw error;
  }
}

/** The cart's titles with their queues; a record gone from the catalogue is left out. */
async function cartLines(c: Context<AppEnv>, cart: readonly number[]): Promise<CartLine[]> {
  const lines: CartLine[] = [];
  for (const recordId of cart) {
    try {
      const record: RecordView = await getRecord(c.get("deps").database.db, c.get("system").id, recordId);
      lines.push({ recordId, title: record.title, queueLength: record.availability.queueLength });
    } catch (error) {
      if (!isAppError(error)) throw error;
    }
  }
  return lines;
}

async function cartPage(
  c: Context<AppEnv>,
  state: {
    cart?: number[];
    added?: number;
    error?: string;
    refusal?: Refusal;
    outcomes?: CartOutcome[];
    chosen?: Partial<Choice>;
  },
  status = 200,
) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const holds = await holdsPolicy(c);
  const points = await pickupPoints(c, holds);
  const lines = await cartLines(c, state.cart ?? readCart(c));
  const signedIn = (await currentPatron(c)) !== null;
  const addedQuery = Number(c.req.query("added"));
  const added = state.added ?? (Number.isInteger(addedQuery) && addedQuery > 0 ? addedQuery : 0);
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={w(lang, "cart")}>
      <h1>{w(lang, "cart")}</h1>
      <p>{fill(w(lang, "cartIntro"), { max: holds.cart.maxTitles })}</p>
      <div role="status">
        {added > 0 && (
          <div class="notice notice-ok">
            <p>{fill(w(lang, "added"), { n: added })}</p>
          </div>
        )}
      </div>
      {state.error && (
        <p class="error" role="alert">
          {state.error}
        </p>
      )}
      {state.refusal && <RefusalNotice lang={lang} refusal={state.refusal} id="cart-refusal" />}
      {state.outcomes && (
        <section aria-labelledby="outcomes-heading" class="cart-outcomes">
          <h2 id="outcomes-heading">{w(lang, "outcomes")}</h2>
          <ul class="patron-notices" role="status">
            {state.outcomes.map((o) =>
              o.hold ? (
                <li class="notice notice-ok">
                  <p class="notice-title">
                    {w(lang, "reserved")}: {o.title}
                  </p>
                  {o.hold.position !== null && (
                    <p>
                      {w(lang, "position")} {o.hold.position}
                    </p>
                  )}
                </li>
              ) : (
                <li class="notice notice-danger">
                  <p class="notice-title">
                    {w(lang, "notReserved")}: {o.title}
                  </p>
                  <p>{refusalText(lang, o.refusal!).message}</p>
                  {refusalText(lang, o.refusal!).detail && <p>{refusalText(lang, o.refusal!).detail}</p>}
                </li>
              ),
            )}
          </ul>
          {state.outcomes.some((o) => o.hold) && (
            <p>
              <a href={`/${slug}/my/holds`}>{w(lang, "myHolds")}</a>
            </p>
          )}
        </section>
      )}
      <p class="result-count">{fill(w(lang, "cartCount"), { n: lines.length, max: holds.cart.maxTitles })}</p>
      {lines.length === 0 ? (
        <p>{w(lang, "cartEmpty")}</p>
      ) : (
        <>
          <ol class="results" id="cart-lines">
            {lines.map((line) => (
              <li class="result">
                <a href={`/${slug}/records/${line.recordId}`} class="result-title">
                  {line.title}
                </a>
                <p class="result-availability">
                  <span class="badge badge-queue">
                    {lang === "ja" ? `予約待ち ${line.queueLength} 人` : `${line.queueLength} waiting`}
                  </span>
                </p>
                <form method="post" action={`/${slug}/cart/remove`}>
                  <input type="hidden" name="_csrf" value={s.csrf} />
                  <input type="hidden" name="recordId" value={String(line.recordId)} />
                  <button type="submit" class="button-secondary">
                    {w(lang, "remove")}
                    <span class="visually-hidden">: {line.title}</span>
                  </button>
                </form>
              </li>
            ))}
          </ol>
          <h2 id="reserve-all-heading">{w(lang, "reserveAll")}</h2>
          {signedIn ? (
            <form
              method="post"
              action={`/${slug}/cart/reserve`}
              class="stacked-form"
              aria-labelledby="reserve-all-heading"
            >
              <input type="hidden" name="_csrf" value={s.csrf} />
              <p class="field-hint">{w(lang, "reserveAllHint")}</p>
              <HoldChoices
                lang={lang}
                idPrefix="cart"
                points={points}
                contacts={holds.contactMethods}
                chosen={state.chosen}
                postal={await postalOffer(c, "web")}
              />
              <button type="submit">{w(lang, "reserveAll")}</button>
            </form>
          ) : (
            <p>
              <a class="button" href={patronLoginPath(slug, `/${slug}/cart`)}>
                {w(lang, "signInToReserve")}
              </a>
            </p>
          )}
        </>
      )}
    </Layout>,
    status as 200,
  );
}

async function myHoldsPage(c: Context<AppEnv>, state: { refusal?: Refusal }, status = 200) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const deps = c.get("deps");
  const holdsRules = await holdsPolicy(c);
  const points = await pickupPoints(c, holdsRules);
  const patronId = c.get("patron").patronId;
  const holds = await withTenant(deps.database.db, c.get("system").id, (tx) =>
    listPatronHolds(tx, patronId, "active"),
  );
  const requests = await listRequests(useCaseContext(c), { status: null, patronId });
  const notice = noticeOf(c, lang, holds);
  // The patron's own page is never kept by a shared computer's browser or a proxy.
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={w(lang, "myHolds")}>
      <p>
        <a href={`/${slug}/my`}>{w(lang, "myPage")}</a>
      </p>
      <h1>{w(lang, "myHolds")}</h1>
      <div role="status">
        {notice && (
          <div class="notice notice-ok">
            <p>{notice}</p>
          </div>
        )}
      </div>
      {state.refusal && <RefusalNotice lang={lang} refusal={state.refusal} id="holds-refusal" />}
      {holds.length === 0 ? (
        <p>{w(lang, "noHolds")}</p>
      ) : (
        <ol class="results" id="my-holds">
          {holds.map((h) => (
            <HoldEntry
              lang={lang}
              slug={slug}
              csrf={s.csrf}
              hold={h}
              points={points}
              locked={h.status === "ready" && holdsRules.webCannotCancelReady}
            />
          ))}
        </ol>
      )}
      {requests.length > 0 && (
        <section aria-labelledby="my-requests-heading">
          <h2 id="my-requests-heading">{lang === "ja" ? "リクエスト" : "Requests"}</h2>
          <ul class="request-list" id="my-requests">
            {requests.map((r) => (
              <li>
                <strong>{r.title}</strong> — {requestStatusNames[r.status]?.[lang] ?? r.status}
                {r.status === "refused" && r.refusalReason && <span> ({r.refusalReason})</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <p>
        <a href={`/${slug}/cart`}>{w(lang, "viewCart")}</a>
      </p>
    </Layout>,
    status as 200,
  );
}

/** "Cancel this reservation?" with the title, a confirming button and the way back; refusals shown at once. */
async function confirmCancelPage(c: Context<AppEnv>, holdId: number) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const holds = await withTenant(c.get("deps").database.db, c.get("system").id, (tx) =>
    listPatronHolds(tx, c.get("patron").patronId, "active"),
  );
  const hold = holds.find((h) => h.id === holdId);
  const refusal = hold
    ? refuseHoldChange(await holdsPolicy(c), hold.status, "web", "cancel")
    : { code: "HOLD_NOT_FOUND", details: { id: holdId } };
  if (refusal) return myHoldsPage(c, { refusal }, describeError(refusal.code).status);
  c.header("Cache-Control", "no-store");
  return c.html(
    <Layout shell={s} title={w(lang, "confirmCancel")}>
      <h1>{w(lang, "confirmCancel")}</h1>
      <p>
        <strong>{hold!.title}</strong>
      </p>
      {hold!.position !== null && (
        <p>
          {w(lang, "position")}: {hold!.position}
        </p>
      )}
      <p>{w(lang, "confirmCancelHint")}</p>
      <form method="post" action={`/${slug}/my/holds/${holdId}/cancel`} class="inline-form">
        <input type="hidden" name="_csrf" value={s.csrf} />
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit">{w(lang, "confirmCancelButton")}</button>{" "}
        <a href={`/${slug}/my/holds`}>{w(lang, "keepHold")}</a>
      </form>
    </Layout>,
  );
}

function noticeOf(c: Context<AppEnv>, lang: Lang, holds: HoldView[]): string | null {
  for (const key of ["placed", "cancelled", "changed"] as const) {
    const id = Number(c.req.query(key));
    if (!Number.isSafeInteger(id) || id <= 0) continue;
    // A cancelled reservation has left the active list; its title is not needed to say so.
    const hold = holds.find((h) => h.id === id);
    if (key === "cancelled") {
      return hold
        ? fill(w(lang, "cancelled"), { title: hold.title })
        : lang === "ja"
          ? "予約を取り消しました。"
          : "The reservation was cancelled.";
    }
    if (!hold) continue;
    const text = fill(w(lang, key), { title: hold.title });
    return key === "placed" && hold.position !== null
      ? `${text} ${w(lang, "position")}: ${hold.position}`
      : text;
  }
  return null;
}

function HoldEntry(props: {
  lang: Lang;
  slug: string;
  csrf: string;
  hold: HoldView;
  points: ServicePointView[];
  locked: boolean;
}) {
  const { lang, slug, hold: h } = props;
  const base = `/${slug}/my/holds/${h.id}`;
  return (
    <li class="result" id={`hold-${h.id}`}>
      <a href={`/${slug}/records/${h.recordId}`} class="result-title">
        {h.title}
      </a>
      <dl class="facts">
        <dt>{w(lang, "status")}</dt>
        <dd class={`hold-status hold-${h.status}`}>{statusNames[h.status][lang]}</dd>
        {h.status === "pending" && h.position !== null && (
          <>
            <dt>{w(lang, "position")}</dt>
            <dd>{h.position}</dd>
          </>
        )}
        <dt>{w(lang, "pickupPoint")}</dt>
        <dd>{h.pickupPoint ? h.pickupPoint.name[lang] : "—"}</dd>
        {h.pickupDeadline && (
          <>
            <dt>{w(lang, "pickupDeadline")}</dt>
            <dd>
              <time datetime={h.pickupDeadline}>{h.pickupDeadline}</time>
            </dd>
          </>
        )}
      </dl>
      {props.locked ? (
        <p class="field-hint">{w(lang, "readyLocked")}</p>
      ) : (
        <div class="hold-actions">
          <form method="post" action={`${base}/pickup`} class="counter-point">
            <input type="hidden" name="_csrf" value={props.csrf} />
            <label for={`pickup-${h.id}`}>{w(lang, "changePickup")}</label>
            <div class="counter-point-row">
              <select id={`pickup-${h.id}`} name="pickupPoint">
                {props.points.map((p) => (
                  <option value={p.code} selected={p.code === h.pickupPoint?.code}>
                    {p.name[lang]}
                  </option>
                ))}
              </select>
              <button type="submit" class="button-secondary">
                {w(lang, "change")}
                <span class="visually-hidden">: {h.title}</span>
              </button>
            </div>
          </form>
          <form method="post" action={`${base}/cancel`}>
            <input type="hidden" name="_csrf" value={props.csrf} />
            <button type="submit" class="button-secondary">
              {w(lang, "cancel")}
              <span class="visually-hidden">: {h.title}</span>
            </button>
          </form>
        </div>
      )}
    </li>
  );
}

async function staffHoldsPage(c: Context<AppEnv>, state: { refusal?: Refusal }, status = 200) {
  const s = shell(c);
  const lang = s.prefs.lang;
  const slug = c.get("system").slug;
  const deps = c.get("deps");
  const counter = await counterPoints(c, "returns");
  const requested = c.req.query("servicePoint") ?? "";
  const point = counter.points.find((p) => p.code === requested) ?? counter.current;
  const all = await listServicePoints(deps.database.db, c.get("system").id);
  const nameOf = (id: string | null) => all.find((p) => p.id === id)?.name[lang] ?? "";
  const lists = await holdShelfLists({
    db: deps.database.db,
    librarySystemId: c.get("system").id,
    servicePoint: point.code,
    now: deps.clock.now(),
  });
  const called = Number(c.req.query("called"));
  const contactName = (k: string) => contactNames[k as Contact]?.[lang] ?? k;
  const outcomeName = (k: string | null) => callOutcomes.find((o) => o.value === k)?.[lang] ?? "";
  return c.html(
    <Layout shell={s} title={w(lang, "holdShelfWork")}>
      <nav class="staff-subnav" aria-label={t(lang, "staffDashboard")}>
        <ul>
          <li>
            <a href={`/${slug}/staff`}>{t(lang, "staffDashboard")}</a>
          </li>
          <li>
            <a href={`/${slug}/staff/checkout`}>{t(lang, "checkout")}</a>
          </li>
          <li>
            <a href={`/${slug}/staff/returns`}>{t(lang, "returns")}</a>
          </li>
        </ul>
      </nav>
      <h1>{w(lang, "holdShelfWork")}</h1>
      <form method="get" action={`/${slug}/staff/holds`} class="counter-point">
        <label for="holds-point">{t(lang, "servicePoint")}</label>
        <div class="counter-point-row">
          <select id="holds-point" name="servicePoint">
            {counter.points.map((p) => (
              <option value={p.code} selected={p.code === point.code}>
                {p.name[lang]}
              </option>
            ))}
          </select>
          <button type="submit" class="button-secondary">
            {w(lang, "show")}
          </button>
        </div>
      </form>
      <div role="status">
        {Number.isSafeInteger(called) && called > 0 && (
          <div class="notice notice-ok">
            <p>{w(lang, "called")}</p>
          </div>
        )}
      </div>
      {state.refusal && <RefusalNotice lang={lang} refusal={state.refusal} id="staff-holds-refusal" />}

      <StaffSection lang={lang} id="shelf" heading="shelf" count={lists.shelf.length}>
        <table class="patron-table">
          <thead>
            <tr>
              <th scope="col">{t(lang, "title")}</th>
              <th scope="col">{t(lang, "itemBarcode")}</th>
              <th scope="col">{w(lang, "patron")}</th>
              <th scope="col">{w(lang, "contact")}</th>
              <th scope="col">{w(lang, "pickupDeadline")}</th>
            </tr>
          </thead>
          <tbody>
            {lists.shelf.map((r) => (
              <tr>
                <th scope="row" data-label={t(lang, "title")}>
                  {r.title}
                </th>
                <td data-label={t(lang, "itemBarcode")}>{r.itemBarcode ?? ""}</td>
                <td data-label={w(lang, "patron")}>
                  {r.patronName ?? ""} {r.cardNumber ? `(${r.cardNumber})` : ""}
                </td>
                <td data-label={w(lang, "contact")}>{contactName(r.contact)}</td>
                <td data-label={w(lang, "pickupDeadline")}>{r.pickupDeadline ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </StaffSection>

      <StaffSection lang={lang} id="to-call" heading="toCall" count={lists.toCall.length}>
        <table class="patron-table">
          <thead>
            <tr>
              <th scope="col">{t(lang, "title")}</th>
              <th scope="col">{w(lang, "patron")}</th>
              <th scope="col">{w(lang, "phone")}</th>
              <th scope="col">{w(lang, "lastCall")}</th>
              <th scope="col">{w(lang, "callOutcome")}</th>
            </tr>
          </thead>
          <tbody>
            {lists.toCall.map((r) => (
              <tr id={`call-${r.id}`}>
                <th scope="row" data-label={t(lang, "title")}>
                  {r.title}
                </th>
                <td data-label={w(lang, "patron")}>
                  {r.patronName ?? ""} {r.cardNumber ? `(${r.cardNumber})` : ""}
                </td>
                <td data-label={w(lang, "phone")}>
                  {r.phone ? <a href={`tel:${r.phone}`}>{r.phone}</a> : "—"}
                </td>
                <td data-label={w(lang, "lastCall")}>{outcomeName(r.callOutcome) || "—"}</td>
                <td data-label={w(lang, "callOutcome")}>
                  <form method="post" action={`/${slug}/staff/holds/${r.id}/call`} class="form-actions-note">
                    <input type="hidden" name="_csrf" value={s.csrf} />
                    <input type="hidden" name="servicePoint" value={point.code} />
                    {callOutcomes.map((o) => (
                      <button
                        type="submit"
                        name="outcome"
                        value={o.value}
                        class="button-secondary"
                        aria-label={`${o[lang]}: ${r.title}`}
                      >
                        {o[lang]}
                      </button>
                    ))}
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </StaffSection>

      <StaffSection lang={lang} id="to-pull" heading="toPull" count={lists.toPull.length}>
        <table class="patron-table">
          <thead>
            <tr>
              <th scope="col">{t(lang, "title")}</th>
              <th scope="col">{t(lang, "itemBarcode")}</th>
              <th scope="col">{t(lang, "callNumber")}</th>
              <th scope="col">{w(lang, "pickupPoint")}</th>
            </tr>
          </thead>
          <tbody>
            {lists.toPull.map((r) => (
              <tr>
                <th scope="row" data-label={t(lang, "title")}>
                  {r.title}
                </th>
                <td data-label={t(lang, "itemBarcode")}>{r.barcode}</td>
                <td data-label={t(lang, "callNumber")}>{r.callNumber}</td>
                <td data-label={w(lang, "pickupPoint")}>{nameOf(r.pickupServicePointId)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </StaffSection>

      <StaffSection lang={lang} id="to-clear" heading="toClear" count={lists.toClear.length}>
        <table class="patron-table">
          <thead>
            <tr>
              <th scope="col">{t(lang, "title")}</th>
              <th scope="col">{t(lang, "itemBarcode")}</th>
              <th scope="col">{w(lang, "status")}</th>
            </tr>
          </thead>
          <tbody>
            {lists.toClear.map((r) => (
              <tr>
                <th scope="row" data-label={t(lang, "title")}>
                  {r.title}
                </th>
                <td data-label={t(lang, "itemBarcode")}>{r.itemBarcode ?? ""}</td>
                <td data-label={w(lang, "status")}>{statusNames[r.status]?.[lang] ?? r.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </StaffSection>

      <StaffSection lang={lang} id="incoming" heading="incoming" count={lists.incoming.length}>
        <table class="patron-table">
          <thead>
            <tr>
              <th scope="col">{t(lang, "title")}</th>
              <th scope="col">{t(lang, "itemBarcode")}</th>
              <th scope="col">{w(lang, "from")}</th>
              <th scope="col">{w(lang, "since")}</th>
            </tr>
          </thead>
          <tbody>
            {lists.incoming.map((r) => (
              <tr>
                <th scope="row" data-label={t(lang, "title")}>
                  {r.title}
                </th>
                <td data-label={t(lang, "itemBarcode")}>{r.barcode}</td>
                <td data-label={w(lang, "from")}>{nameOf(r.homeServicePointId)}</td>
                <td data-label={w(lang, "since")}>{japanDateTime(r.since)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </StaffSection>
    </Layout>,
    status as 200,
  );
}

function japanDateTime(value: string | Date): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toLocaleString("ja-JP", { timeZone: "Asia/Tokyo", dateStyle: "short", timeStyle: "short" });
}

/** One of the staff's lists: a heading with its count, the table, or a plain "none". */
function StaffSection(props: {
  lang: Lang;
  id: string;
  heading: keyof typeof words;
  count: number;
  children: Child;
}) {
  const { lang } = props;
  return (
    <section aria-labelledby={`${props.id}-heading`} id={props.id}>
      <h2 id={`${props.id}-heading`}>
        {w(lang, props.heading)} ({props.count})
      </h2>
      {props.count === 0 ? <p>{w(lang, "none")}</p> : props.children}
    </section>
  );
}
