import type { messagingApi } from "@line/bot-sdk";
import { chatPageSize, postbackOf } from "../../domain/line-chat/chat-commands.ts";
import type { LineMessage } from "../../integrations/line-messaging.ts";
import type { ChatAnswer } from "../../services/line-chat/answer-line-chat.ts";
import { describeError } from "../error-messages.ts";

/** Where the chat's links and images point. */
export type ChatSite = { publicUrl: string; slug: string; libraryName: { ja: string; en: string } };

type QuickReply = messagingApi.QuickReply;
type Action = messagingApi.Action;

const postback = (label: string, data: string, displayText?: string): Action =>
  ({ type: "postback", label: label.slice(0, 20), data, ...(displayText ? { displayText } : {}) }) as Action;
const quick = (...actions: Action[]): QuickReply => ({
  items: actions.slice(0, 13).map((action) => ({ type: "action", action })),
});
const text = (body: string, quickReply?: QuickReply): LineMessage => ({
  type: "text",
  text: body.slice(0, 5000),
  ...(quickReply ? { quickReply } : {}),
});
/** A message with one link button; the alt text (notifications, old clients) carries the address too. */
const linkButton = (body: string, label: string, uri: string): LineMessage => ({
  type: "template",
  altText: `${body.slice(0, 300)}\n${uri}`.slice(0, 400),
  template: { type: "buttons", text: body.slice(0, 160), actions: [{ type: "uri", label, uri }] },
});

const menu = (linked: boolean) =>
  quick(
    postback("カード / Card", postbackOf({ kind: "card" })),
    postback("マイページ / My page", postbackOf({ kind: "portal" })),
    linked
      ? postback("連携解除 / Unlink", postbackOf({ kind: "unlink", confirmed: false }))
      : postback("連携 / Link", postbackOf({ kind: "link" })),
  );

/** The chat's help: what to send, and that LINE never brings notices (001). */
export function helpMessages(site: ChatSite, linked: boolean, greeting = false): LineMessage[] {
  const hello = greeting
    ? `${site.libraryName.ja}の公式LINEです。友だち追加ありがとうございます。\nThank you for adding ${site.libraryName.en}.\n\n`
    : "";
  return [
    text(
      `${hello}次のように送ってください。\n` +
        "・書名や著者名 → 蔵書を検索（結果から予約できます）\n" +
        "・「カード」→ 利用券を表示\n" +
        "・「マイページ」→ 貸出・予約の状況\n" +
        "・「連携」「連携解除」→ 利用券とのLINE連携\n" +
        "※予約の確保などのお知らせはLINEでは届きません。メールなどでお知らせします。\n\n" +
        "Send a title or an author to search (and reserve from the results), “card” for your library card, " +
        "“my page” for your loans and reservations, “link” or “unlink” for the LINE link. " +
        "Notices such as “ready for pickup” never come through LINE.",
      menu(linked),
    ),
  ];
}

/** The messages that answer one chat command. */
export function chatReplies(
  answer: ChatAnswer,
  site: ChatSite,
  cardImageUrl: (n: string) => string,
): LineMessage[] {
  const base = `${site.publicUrl}/${site.slug}`;
  switch (answer.kind) {
    case "help":
      return helpMessages(site, answer.linked);
    case "notLinked":
      return [
        text(
          "この機能を使うには、利用券とLINEの連携が必要です。「連携」と送ってください（先に利用者ポータルのパスワードを設定してください）。\n" +
            "This needs your library card linked to LINE. Send “link” (set your web password first).",
          quick(postback("連携 / Link", postbackOf({ kind: "link" }))),
        ),
      ];
    case "card":
      return [
        text(
          `${answer.name} 様の利用券 / Library card\n利用者番号 / Card number: ${answer.cardNumber}\n` +
            `有効期限 / Valid until: ${answer.expiresOn}\n` +
            "カウンターでこのバーコードをお見せください。/ Show this barcode at the counter.",
        ),
        {
          type: "image",
          originalContentUrl: cardImageUrl(answer.cardNumber),
          previewImageUrl: cardImageUrl(answer.cardNumber),
        },
      ];
    case "noCard":
      return [
        text(
          "お使いいただける利用券がありません。カウンターにお問い合わせください。\nNo card in use: please ask at a counter.",
        ),
      ];
    case "portal":
      return [
        linkButton(
          "貸出・予約の状況は利用者ポータルでご覧ください。\nSee your loans and reservations on My page.",
          "利用者ポータル",
          `${base}/my`,
        ),
      ];
    case "linkOffer":
      return [
        text(
          "利用券とLINEを連携します。下のボタンから図書館のページを開き、利用者番号とパスワードでログインして連携を確定してください（10分以内）。" +
            "LINEの名前が利用券の名義（漢字またはカタカナ）と同じ場合に連携できます。\n" +
            "Open the library's page below, sign in with your card number and web password and confirm within 10 minutes. " +
            "Your LINE name must match the name on your card.",
        ),
        linkButton(
          "図書館のページで連携を確定してください。\nConfirm the link on the library's page.",
          "連携する / Link",
          `${base}/my/links/line?${new URLSearchParams({ linkToken: answer.linkToken })}`,
        ),
      ];
    case "alreadyLinked":
      return [text("すでに利用券と連携しています。\nYour library card is already linked.", menu(true))];
    case "unlinkConfirm":
      return [
        {
          type: "template",
          altText: "LINE連携を解除しますか？ / Unlink LINE?",
          template: {
            type: "confirm",
            text: "利用券とのLINE連携を解除しますか？\nUnlink your library card from LINE?",
            actions: [
              postback("解除する / Unlink", postbackOf({ kind: "unlink", confirmed: true }), "連携解除"),
              postback("やめる / Keep", postbackOf({ kind: "help" })),
            ],
          },
        },
      ];
    case "unlinked":
      return [text("LINE連携を解除しました。\nYour library card is no longer linked to LINE.", menu(false))];
    case "searchResults":
      return searchMessages(answer, base);
    case "choosePickup":
      return [
        text(
          `「${answer.title}」を予約します。受取場所を選んでください。\nChoose where to collect “${answer.title}”.`,
          quick(
            ...answer.points.map((p) =>
              postback(
                p.name.ja,
                postbackOf({ kind: "reserve", recordId: answer.recordId, pickupPoint: p.code }),
                `受取: ${p.name.ja}`,
              ),
            ),
          ),
        ),
      ];
    case "reserved": {
      const place = answer.position === null ? "" : `（${answer.position}番目 / place ${answer.position}）`;
      const pickup = answer.pickupPoint;
      return [
        text(
          `「${answer.title}」を予約しました${place}。` +
            (pickup ? `受取場所: ${pickup.name.ja}。` : "") +
            "用意ができたらメールなどでお知らせします（LINEではお知らせしません）。\n" +
            `Reserved “${answer.title}”${pickup ? ` for collection at ${pickup.name.en}` : ""}. ` +
            "You will be told by e-mail or phone when it is ready, not through LINE.",
        ),
      ];
    }
    case "recordNotFound":
      return [text("その資料は見つかりませんでした。\nThat title was not found.")];
    case "refused": {
      const reason = describeError(answer.code);
      return [text(`できませんでした: ${reason.ja}\nNot done: ${reason.en}`)];
    }
  }
}

/** The results as a carousel of cards, each with its reservation button (it works later from the history). */
function searchMessages(answer: Extract<ChatAnswer, { kind: "searchResults" }>, base: string): LineMessage[] {
  const { query, offset, result } = answer;
  if (result.results.length === 0) {
    return [text(`「${query}」に一致する資料は見つかりませんでした。\nNothing found for “${query}”.`)];
  }
  const from = offset + 1;
  const to = offset + result.results.length;
  const total = `${result.totalIsEstimate ? "約" : ""}${result.total}`;
  const more = to < result.total;
  const bubbles = result.results.map(
    (r): messagingApi.FlexBubble => ({
      type: "bubble",
      size: "kilo",
      body: {
        type: "box",
        layout: "vertical",
        spacing: "sm",
        contents: [
          { type: "text", text: r.title, weight: "bold", wrap: true, maxLines: 3 },
          ...(r.authors.length
            ? [
                {
                  type: "text",
                  text: r.authors.map((a) => a.name).join("、"),
                  size: "sm",
                  wrap: true,
                } as const,
              ]
            : []),
          ...(r.publisher || r.year
            ? [{ type: "text", text: [r.publisher, r.year].filter(Boolean).join(" "), size: "xs" } as const]
            : []),
          { type: "text", text: availability(r.availability), size: "xs", wrap: true },
        ],
      },
      footer: {
        type: "box",
        layout: "vertical",
        spacing: "sm",
        contents: [
          {
            type: "button",
            style: "primary",
            height: "sm",
            action: postback(
              "予約する / Reserve",
              postbackOf({ kind: "reserve", recordId: r.id, pickupPoint: null }),
              `「${r.title.slice(0, 80)}」を予約`,
            ),
          },
          {
            type: "button",
            height: "sm",
            action: { type: "uri", label: "詳しく / Details", uri: `${base}/records/${r.id}` },
          },
        ],
      },
    }),
  );
  const list = result.results.map((r, i) => `${from + i}. ${r.title}`).join("\n");
  return [
    text(
      `「${query}」の検索結果 ${total}件（${from}〜${to}件目）\n${total} found for “${query}” (${from}–${to})`,
    ),
    {
      type: "flex",
      altText: `${list}`.slice(0, 400),
      contents: { type: "carousel", contents: bubbles },
      ...(more
        ? {
            quickReply: quick(
              postback(
                "次の5件 / Next 5",
                postbackOf({ kind: "search", query, offset: offset + chatPageSize }),
              ),
            ),
          }
        : {}),
    },
  ];
}

function availability(a: { available: number; total: number; queueLength: number }): string {
  const now = a.available > 0 ? `貸出可 ${a.available}冊 / ${a.available} on shelf` : "貸出中 / All on loan";
  const queue = a.queueLength > 0 ? `、予約 ${a.queueLength}人 / ${a.queueLength} waiting` : "";
  return `${now}（所蔵 ${a.total}冊 / ${a.total} held）${queue}`;
}
