import type { IsoDate } from "../../domain/calendar/calendar-rules.ts";

/** The reservation mails, Japanese first and English second, as every notice Shiori sends. */

type Library = { ja: string; en: string };
type About = { name: string; title: string; point: Library };

export function holdReadyMail(library: Library, about: About, deadline: IsoDate | null) {
  const until = deadline ?? "—";
  return {
    subject: `【${library.ja}】予約資料のご用意ができました / Your reservation is ready`,
    template: "holdReady",
    text: [
      `${about.name} 様`,
      "",
      "ご予約の資料をご用意しました。受取館のカウンターで利用者カードをお見せください。",
      `資料名: ${about.title}`,
      `受取館: ${about.point.ja}`,
      `取置期限: ${until}`,
      "期限を過ぎると予約は取り消されます。",
      "",
      "The item you reserved is ready. Please show your library card at the counter of the pickup point.",
      `Title: ${about.title}`,
      `Pickup point: ${about.point.en}`,
      `Collect by: ${until}`,
      "After this date the reservation is cancelled.",
      "",
      library.ja,
    ].join("\n"),
  };
}

export function holdExpiredMail(library: Library, about: About, deadline: IsoDate | null) {
  return {
    subject: `【${library.ja}】予約の取置期限が過ぎました / Your reservation has expired`,
    template: "holdExpired",
    text: [
      `${about.name} 様`,
      "",
      `取置期限 (${deadline ?? "—"}) までにお受け取りがなかったため、次の予約を取り消しました。`,
      `資料名: ${about.title}`,
      `受取館: ${about.point.ja}`,
      "必要な場合は、あらためてご予約ください。",
      "",
      `The reservation below was cancelled because it was not collected by ${deadline ?? "—"}.`,
      `Title: ${about.title}`,
      `Pickup point: ${about.point.en}`,
      "Please reserve it again if you still need it.",
      "",
      library.ja,
    ].join("\n"),
  };
}

const requestStatusText = {
  received: { ja: "リクエストを受け付けました。", en: "We have received your request." },
  ordered: { ja: "リクエストの資料を購入手配しました。", en: "We have ordered the title you requested." },
  requested: {
    ja: "リクエストの資料を他の図書館に借用を依頼しました。",
    en: "We have asked another library to lend the title you requested.",
  },
  refused: {
    ja: "申し訳ありませんが、リクエストにお応えできませんでした。",
    en: "We are sorry: we cannot obtain the title you requested.",
  },
  cancelled: { ja: "リクエストを取り消しました。", en: "Your request has been cancelled." },
} as const;

export function requestStatusMail(
  library: Library,
  about: { name: string; title: string },
  status: keyof typeof requestStatusText,
  reason: string | null,
) {
  const says = requestStatusText[status];
  return {
    subject: `【${library.ja}】リクエストのお知らせ / About your request`,
    template: `request.${status}`,
    text: [
      `${about.name} 様`,
      "",
      says.ja,
      `資料名: ${about.title}`,
      ...(reason ? [`理由: ${reason}`] : []),
      "",
      says.en,
      `Title: ${about.title}`,
      ...(reason ? [`Reason: ${reason}`] : []),
      "",
      library.ja,
    ].join("\n"),
  };
}
