/**
 * What a patron asks the library's LINE account (001 LINE連携): show the card, search, reserve from a result
 * (also an earlier one in the talk history: the reservation button carries the record, so no chat state is
 * kept), open the web portal, and link or unlink the account. Typed words and the buttons' postback data
 * both become one command.
 */
export type ChatCommand =
  | { kind: "help" }
  | { kind: "card" }
  | { kind: "portal" }
  | { kind: "link" }
  | { kind: "unlink"; confirmed: boolean }
  | { kind: "search"; query: string; offset: number }
  | { kind: "reserve"; recordId: number; pickupPoint: string | null };

/** Results shown per answer; LINE shows them as a carousel of this many cards. */
export const chatPageSize = 5;

/** A search longer than this is cut (the catalogue's own limit is higher; a chat message is not a form). */
export const chatQueryMaxLength = 100;

const words: Record<string, ChatCommand> = {};
const say = (command: ChatCommand, ...texts: string[]) => {
  for (const text of texts) words[text] = command;
};
say(
  { kind: "help" },
  "ヘルプ",
  "使い方",
  "メニュー",
  "help",
  "menu",
  "?",
  "予約",
  "reserve",
  "検索",
  "search",
);
say({ kind: "card" }, "カード", "利用券", "利用者カード", "図書館カード", "利用者番号", "card");
say(
  { kind: "portal" },
  "マイページ",
  "ポータル",
  "利用者ポータル",
  "利用者のページ",
  "貸出状況",
  "予約状況",
  "貸出・予約状況",
  "portal",
  "my page",
  "mypage",
);
say({ kind: "link" }, "連携", "アカウント連携", "line連携", "link");
say({ kind: "unlink", confirmed: false }, "連携解除", "連携を解除", "unlink");

/** A typed message: a known word, or else a search (a leading 検索 or "search" is dropped). */
export function commandOfText(text: string): ChatCommand {
  const plain = text.normalize("NFKC").trim().replace(/\s+/gu, " ");
  const known = words[plain.toLowerCase()];
  if (known) return known;
  const query = plain
    .replace(/^(検索|search)\s+/iu, "")
    .slice(0, chatQueryMaxLength)
    .trim();
  return query ? { kind: "search", query, offset: 0 } : { kind: "help" };
}

/** A button's postback data, as written by `postbackOf`; anything else is answered with the help. */
export function commandOfPostback(data: string): ChatCommand {
  const p = new URLSearchParams(data);
  switch (p.get("a")) {
    case "card":
      return { kind: "card" };
    case "portal":
      return { kind: "portal" };
    case "link":
      return { kind: "link" };
    case "unlink":
      return { kind: "unlink", confirmed: p.get("confirm") === "yes" };
    case "more": {
      const query = (p.get("q") ?? "").slice(0, chatQueryMaxLength).trim();
      const offset = Number(p.get("o"));
      if (!query || !Number.isSafeInteger(offset) || offset < 0) break;
      return { kind: "search", query, offset };
    }
    case "reserve": {
      const recordId = Number(p.get("r"));
      if (!Number.isSafeInteger(recordId) || recordId <= 0) break;
      return { kind: "reserve", recordId, pickupPoint: p.get("p") || null };
    }
  }
  return { kind: "help" };
}

/** The postback data of a button that asks for `command` (at most 300 characters, LINE's limit). */
export function postbackOf(command: ChatCommand): string {
  switch (command.kind) {
    case "search":
      return new URLSearchParams({ a: "more", q: command.query, o: String(command.offset) }).toString();
    case "reserve":
      return new URLSearchParams({
        a: "reserve",
        r: String(command.recordId),
        ...(command.pickupPoint ? { p: command.pickupPoint } : {}),
      }).toString();
    case "unlink":
      return command.confirmed ? "a=unlink&confirm=yes" : "a=unlink";
    default:
      return `a=${command.kind}`;
  }
}
