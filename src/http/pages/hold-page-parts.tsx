import type { Context } from "hono";
import { japanDate } from "../../clock.ts";
import { isAppError } from "../../domain/errors.ts";
import type { HoldChannel } from "../../domain/holds/hold-placement.ts";
import type { Policy } from "../../domain/policy/policy-schema.ts";
import type { HoldView } from "../../services/holds/hold-view.ts";
import type { CallOutcome } from "../../services/holds/record-hold-call.ts";
import { getPolicyInForce } from "../../services/policies/get-policy-in-force.ts";
import {
  listServicePoints,
  type ServicePointView,
} from "../../services/service-points/list-service-points.ts";
import type { AppEnv, Lang } from "../context.ts";
import { describeError } from "../error-messages.ts";
import { type Body, one } from "./circulation-form-data.ts";

// The parts the reservation pages share: the patron's (record page, cart, my reservations) and the staff's
// (hold shelf, a patron's reservations and requests at the counter).

/** The reservation pages' own wording, Japanese first. */
export const words = {
  confirmCancel: { ja: "予約を取り消しますか?", en: "Cancel this reservation?" },
  confirmCancelHint: {
    ja: "取り消すと予約の順番は失われます。もう一度予約すると最後尾に並びます。",
    en: "Your place in the queue is lost; reserving again puts you at the end.",
  },
  confirmCancelButton: { ja: "はい、取り消します", en: "Yes, cancel it" },
  keepHold: { ja: "取り消さずに戻る", en: "Keep it and go back" },
  reservation: { ja: "予約", en: "Reservation" },
  reserve: { ja: "予約する", en: "Reserve" },
  signInToReserve: { ja: "ログインして予約", en: "Sign in to reserve" },
  pickupPoint: { ja: "受取場所", en: "Pickup point" },
  postalDelivery: {
    ja: "郵送で受け取る(有料・着払い)",
    en: "Have it posted to me (postage paid on delivery)",
  },
  postalDeliveryHint: {
    ja: "{point}から郵送します。貸出期間は郵送の日数を含めて{days}日、借りている資料を含めて{limit}冊までです。郵送を選ぶと受取場所は使いません。",
    en: "{point} posts it to you. The loan lasts {days} days including the post, up to {limit} items counting those you have. The pickup point is not used.",
  },
  contact: { ja: "連絡方法", en: "How we contact you" },
  addToCart: { ja: "カートに入れる", en: "Add to cart" },
  selectForCart: { ja: "カートに選択", en: "Select for the cart" },
  cart: { ja: "予約カート", en: "Reservation cart" },
  viewCart: { ja: "予約カートを見る", en: "View the reservation cart" },
  cartIntro: {
    ja: "カートには {max} タイトルまで入れられます。ブラウザを閉じるとカートは空になります。",
    en: "The cart holds up to {max} titles. It is emptied when you close the browser.",
  },
  cartEmpty: { ja: "カートは空です。", en: "The cart is empty." },
  cartCount: { ja: "{n} / {max} タイトル", en: "{n} of {max} titles" },
  added: { ja: "{n} タイトルをカートに入れました。", en: "Added {n} titles to the cart." },
  nothingSelected: {
    ja: "カートに入れる資料を選んでください。",
    en: "Select the titles to add to the cart.",
  },
  addPendingTitle: { ja: "予約カートに入れる", en: "Add to the reservation cart" },
  addPendingIntro: {
    ja: "ログイン前に選んだ資料です。予約カートに入れますか。",
    en: "You chose these titles before signing in. Add them to the cart?",
  },
  addPending: { ja: "予約カートに入れる", en: "Add to cart" },
  addPendingBack: { ja: "入れずに戻る", en: "Go back without adding" },
  remove: { ja: "カートから削除", en: "Remove from cart" },
  reserveAll: { ja: "まとめて予約する", en: "Reserve all" },
  reserveAllHint: {
    ja: "カートのすべての資料を、次の受取場所と連絡方法で予約します。",
    en: "Every title in the cart is reserved with this pickup point and contact.",
  },
  outcomes: { ja: "予約の結果", en: "Reservation results" },
  reserved: { ja: "予約しました", en: "Reserved" },
  notReserved: { ja: "予約できませんでした", en: "Not reserved" },
  myHolds: { ja: "予約の状況", en: "My reservations" },
  noHolds: { ja: "予約している資料はありません。", en: "You have no reservations." },
  placed: {
    ja: "「{title}」を予約しました。",
    en: "Reserved “{title}”.",
  },
  cancelled: { ja: "「{title}」の予約を取り消しました。", en: "Cancelled the reservation of “{title}”." },
  changed: { ja: "「{title}」の受取場所を変更しました。", en: "Changed the pickup point of “{title}”." },
  status: { ja: "状態", en: "Status" },
  position: { ja: "予約順位", en: "Place in queue" },
  pickupDeadline: { ja: "取置期限", en: "Collect by" },
  cancel: { ja: "予約を取り消す", en: "Cancel reservation" },
  changePickup: { ja: "受取場所を変更", en: "Change pickup point" },
  change: { ja: "変更する", en: "Change" },
  readyLocked: {
    ja: "ご用意ができた予約は、インターネットからは取消・変更できません。図書館にご連絡ください。",
    en: "A reservation that is ready cannot be cancelled or changed online; please contact the library.",
  },
  myPage: { ja: "利用者のページ", en: "My page" },
  // Staff
  holdShelfWork: { ja: "予約資料の管理", en: "Reservations work" },
  shelf: { ja: "取置棚", en: "Hold shelf" },
  toCall: { ja: "電話連絡", en: "To call" },
  toPull: { ja: "抜き取りリスト", en: "To pull from the shelves" },
  toClear: { ja: "期限切れ(本日)", en: "Ended today: clear from the shelf" },
  incoming: { ja: "搬送中", en: "Incoming transit" },
  none: { ja: "ありません。", en: "None." },
  patron: { ja: "利用者", en: "Patron" },
  phone: { ja: "電話番号", en: "Phone" },
  lastCall: { ja: "前回の連絡", en: "Last call" },
  callOutcome: { ja: "連絡の結果", en: "Call outcome" },
  called: { ja: "連絡の結果を記録しました。", en: "The call was recorded." },
  from: { ja: "発送元", en: "From" },
  since: { ja: "発送日時", en: "Since" },
  show: { ja: "表示", en: "Show" },
} as const;

export const w = (lang: Lang, key: keyof typeof words) => words[key][lang];
export const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));

export type Contact = Policy["holds"]["contactMethods"][number];
export const contactNames: Record<Contact, { ja: string; en: string }> = {
  email: { ja: "メール", en: "E-mail" },
  phone: { ja: "電話", en: "Phone" },
  none: { ja: "連絡不要", en: "No contact" },
};

export const statusNames: Record<HoldView["status"], { ja: string; en: string }> = {
  pending: { ja: "予約中", en: "Waiting" },
  inTransit: { ja: "輸送中", en: "In transit" },
  ready: { ja: "取置中(受取可)", en: "Ready for pickup" },
  fulfilled: { ja: "貸出済", en: "Collected" },
  cancelled: { ja: "取消", en: "Cancelled" },
  expired: { ja: "期限切れ", en: "Expired" },
};

/** A request's steps as staff and the patron see them. */
export const requestStatusNames: Record<string, { ja: string; en: string }> = {
  received: { ja: "受付", en: "Received" },
  ordered: { ja: "購入手配中", en: "Ordered" },
  requested: { ja: "他館に借用依頼中", en: "Asked another library" },
  arrived: { ja: "到着(予約に)", en: "Arrived (now a reservation)" },
  refused: { ja: "お断り", en: "Refused" },
  cancelled: { ja: "取消", en: "Cancelled" },
};

export const callOutcomes: { value: CallOutcome; ja: string; en: string }[] = [
  { value: "reached", ja: "連絡済", en: "Reached" },
  { value: "message", ja: "留守電", en: "Left a message" },
  { value: "noAnswer", ja: "不在", en: "No answer" },
];

export type Refusal = { code: string; details: Record<string, unknown> };

/** The refusal in the reader's language, with what the code alone does not say: which limit, which reason. */
export function refusalText(lang: Lang, refusal: Refusal): { message: string; detail: string | null } {
  const message = describeError(refusal.code)[lang];
  const d = refusal.details;
  if (refusal.code === "HOLD_LIMIT_REACHED") {
    const max = Number(d.max);
    const current = Number(d.current);
    const group = (d.group as { ja: string; en: string } | undefined)?.[lang];
    const which =
      d.limit === "materialType" && group
        ? lang === "ja"
          ? `${group}の予約`
          : `Reservations of ${group}`
        : d.limit === "channel"
          ? lang === "ja"
            ? "この方法での予約"
            : "Reservations through this channel"
          : lang === "ja"
            ? "予約の合計"
            : "Reservations in total";
    const detail =
      lang === "ja"
        ? `${which}は ${max} 件までです(現在 ${current} 件)。`
        : `${which}: at most ${max} (you have ${current}).`;
    return { message, detail };
  }
  if (refusal.code === "NOT_RESERVABLE") {
    const reason = (d.reason as { ja: string; en: string } | undefined)?.[lang];
    return { message, detail: reason ? (lang === "ja" ? `理由: ${reason}` : `Reason: ${reason}`) : null };
  }
  return { message, detail: null };
}

export function refusalOf(error: unknown): Refusal {
  if (!isAppError(error)) throw error;
  return { code: error.code, details: (error.details ?? {}) as Record<string, unknown> };
}

export function RefusalNotice(props: { lang: Lang; refusal: Refusal; title?: string; id?: string }) {
  const { message, detail } = refusalText(props.lang, props.refusal);
  return (
    <div class="notice notice-danger" role="alert" id={props.id}>
      {props.title && <p class="notice-title">{props.title}</p>}
      <p>{message}</p>
      {detail && <p>{detail}</p>}
    </div>
  );
}

// ---- What the forms need ----

export type HoldsPolicy = Policy["holds"];

export async function holdsPolicy(c: Context<AppEnv>): Promise<HoldsPolicy> {
  const deps = c.get("deps");
  const { policy } = await getPolicyInForce(
    deps.database.db,
    c.get("system").id,
    japanDate(deps.clock.now()),
  );
  return policy.holds;
}

/** The service points that hand out reservations under the policy, the main library first. */
export async function pickupPoints(c: Context<AppEnv>, holds: HoldsPolicy): Promise<ServicePointView[]> {
  const points = await listServicePoints(c.get("deps").database.db, c.get("system").id);
  return points
    .filter((p) => holds.pickup.pickupServicePointTypes.includes(p.type))
    .sort((a, b) => Number(b.type === "main") - Number(a.type === "main"));
}

export type Choice = { pickupPoint: string; contact: string; delivery: "postal" | null };

export function choiceOf(body: Body): Choice {
  return {
    pickupPoint: one(body, "pickupPoint").slice(0, 64),
    contact: one(body, "contact").slice(0, 16),
    delivery: one(body, "delivery") === "postal" ? "postal" : null,
  };
}

/** Delivery by post as the web offers it (001): the service point that posts, the loan's days and limit. */
export type PostalOffer = {
  pointName: { ja: string; en: string };
  days: number;
  limit: number;
};

/** The offer where the policy posts reservations placed through `channel`, else null (the form shows nothing). */
export async function postalOffer(c: Context<AppEnv>, channel: HoldChannel): Promise<PostalOffer | null> {
  const deps = c.get("deps");
  const { policy } = await getPolicyInForce(
    deps.database.db,
    c.get("system").id,
    japanDate(deps.clock.now()),
  );
  const lending = policy.loans.deliveryLending;
  if (
    lending?.kind !== "postal" ||
    lending.postedFrom === null ||
    !lending.reservationChannels.includes(channel)
  ) {
    return null;
  }
  const points = await listServicePoints(deps.database.db, c.get("system").id);
  const point = points.find((p) => p.code === lending.postedFrom);
  if (!point) return null;
  return { pointName: point.name, days: lending.periodDays, limit: lending.limit };
}

/** Pickup point and contact selects, labelled; the first of each is the default. */
export function HoldChoices(props: {
  lang: Lang;
  idPrefix: string;
  points: ServicePointView[];
  contacts: readonly Contact[];
  chosen?: Partial<Choice>;
  postal?: PostalOffer | null;
}) {
  const { lang, idPrefix, chosen, postal } = props;
  return (
    <>
      {postal && (
        <div class="postal-delivery">
          <div class="check">
            <input
              type="checkbox"
              id={`${idPrefix}-delivery`}
              name="delivery"
              value="postal"
              checked={chosen?.delivery === "postal"}
              aria-describedby={`${idPrefix}-delivery-hint`}
            />
            <label for={`${idPrefix}-delivery`}>{w(lang, "postalDelivery")}</label>
          </div>
          <p id={`${idPrefix}-delivery-hint`} class="field-hint">
            {w(lang, "postalDeliveryHint")
              .replace("{point}", postal.pointName[lang])
              .replace("{days}", String(postal.days))
              .replace("{limit}", String(postal.limit))}
          </p>
        </div>
      )}
      <label for={`${idPrefix}-pickup`}>{w(lang, "pickupPoint")}</label>
      <select id={`${idPrefix}-pickup`} name="pickupPoint" required>
        {props.points.map((p) => (
          <option value={p.code} selected={p.code === chosen?.pickupPoint}>
            {p.name[lang]}
          </option>
        ))}
      </select>
      <label for={`${idPrefix}-contact`}>{w(lang, "contact")}</label>
      <select id={`${idPrefix}-contact`} name="contact" required>
        {props.contacts.map((k) => (
          <option value={k} selected={k === chosen?.contact}>
            {contactNames[k][lang]}
          </option>
        ))}
      </select>
    </>
  );
}
