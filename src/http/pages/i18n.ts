import type { Lang } from "../context.ts";

/** Page wording, Japanese first; a key missing in English falls back to Japanese. */
const words = {
  siteName: { ja: "栞 図書館システム", en: "Shiori Library System" },
  skipToContent: { ja: "本文へ移動", en: "Skip to main content" },
  language: { ja: "言語", en: "Language" },
  textSize: { ja: "文字の大きさ", en: "Text size" },
  sizeLarge: { ja: "大", en: "Large" },
  sizeMedium: { ja: "中", en: "Medium" },
  sizeSmall: { ja: "小", en: "Small" },
  background: { ja: "背景色", en: "Background" },
  bgWhite: { ja: "白", en: "White" },
  bgYellow: { ja: "黄", en: "Yellow" },
  bgBlack: { ja: "黒", en: "Black" },
  bgBlue: { ja: "青", en: "Blue" },
  displaySettings: { ja: "表示の設定", en: "Display settings" },
  displayMenu: { ja: "文字サイズ・背景色", en: "Text & colour" },
  siteNavigation: { ja: "サイト内", en: "Site" },
  librarySystems: { ja: "図書館システム一覧", en: "Library systems" },
  topIntro: {
    ja: "利用する図書館を選んでください。",
    en: "Choose your library.",
  },
  servicePoints: { ja: "施設一覧", en: "Service points" },
  libraryCalendar: { ja: "図書館カレンダー", en: "Library calendar" },
  open: { ja: "開館", en: "Open" },
  closed: { ja: "休館", en: "Closed" },
  today: { ja: "今日", en: "Today" },
  previousMonth: { ja: "前の月", en: "Previous month" },
  nextMonth: { ja: "次の月", en: "Next month" },
  showCalendar: { ja: "表示", en: "Show" },
  servicePoint: { ja: "施設", en: "Service point" },
  staffSignIn: { ja: "職員ログイン", en: "Staff sign-in" },
  staffDashboard: { ja: "職員メニュー", en: "Staff dashboard" },
  username: { ja: "利用者名", en: "User name" },
  password: { ja: "パスワード", en: "Password" },
  signIn: { ja: "ログイン", en: "Sign in" },
  signOut: { ja: "ログアウト", en: "Sign out" },
  signedInAs: { ja: "ログイン中", en: "Signed in as" },
  roles: { ja: "権限", en: "Roles" },
  dashboardEmpty: {
    ja: "業務メニューは順次追加されます。現在の運用ルールと施設は下記のとおりです。",
    en: "Work menus will appear here. The policy in force and the service points are below.",
  },
  policyInForce: { ja: "適用中の運用ルール", en: "Policy in force" },
  version: { ja: "版", en: "Version" },
  effectiveFrom: { ja: "適用開始日", en: "Effective from" },
  home: { ja: "ホーム", en: "Home" },
  allSystems: { ja: "図書館システム一覧へ", en: "All library systems" },
  backToHome: { ja: "トップページへ戻る", en: "Back to the home page" },
  errorTitle: { ja: "エラー", en: "Error" },
  apiDocs: { ja: "API 仕様", en: "API reference" },
  weekdays: { ja: "日,月,火,水,木,金,土", en: "Sun,Mon,Tue,Wed,Thu,Fri,Sat" },
  calendarLegend: {
    ja: "休館日（印のない日は開館日です）",
    en: "Closing day (days without a mark are open)",
  },
  closingDays: { ja: "この月の休館日", en: "Closing days this month" },
  bookDrops: { ja: "ブックポスト", en: "Book drops" },
  credentials: { ja: "使えるカード", en: "Accepted cards" },
  partners: { ja: "登録セット配布施設", en: "Registration kit partners" },
} as const;

export type WordKey = keyof typeof words;

export function t(lang: Lang, key: WordKey): string {
  return words[key][lang];
}

export const servicePointTypeNames: Record<string, { ja: string; en: string }> = {
  main: { ja: "中央館・本館", en: "Main library" },
  branch: { ja: "分館・地区館", en: "Branch library" },
  branchOffice: { ja: "分室", en: "Branch office" },
  bookmobile: { ja: "移動図書館", en: "Bookmobile" },
  stationRoom: { ja: "駅の図書室", en: "Station reading room" },
  outreach: { ja: "出前図書館", en: "Outreach" },
  pickupPoint: { ja: "予約受取(公民館など)", en: "Reservation pickup point" },
  returnPoint: { ja: "返却できるところ", en: "Return point" },
  partner: { ja: "登録セット配布施設", en: "Registration kit partner" },
};

export const credentialNames: Record<string, { ja: string; en: string }> = {
  card: { ja: "図書館カード", en: "Library card" },
  felica: { ja: "FeliCa", en: "FeliCa" },
  mynumber: { ja: "マイナンバーカード", en: "My Number card" },
  line: { ja: "LINE", en: "LINE" },
};

export const closedReasonNames: Record<string, { ja: string; en: string }> = {
  weeklyClosed: { ja: "定期休館日", en: "Regular closing day" },
  holiday: { ja: "祝日休館", en: "Closed for the holiday" },
  substituteClosed: { ja: "振替休館日", en: "Closed in place of a holiday" },
  newYear: { ja: "年末年始休館", en: "New Year closure" },
  housekeeping: { ja: "館内整理日", en: "Housekeeping day" },
  closure: { ja: "休館", en: "Closed" },
  specialOpening: { ja: "特別開館", en: "Special opening" },
};
