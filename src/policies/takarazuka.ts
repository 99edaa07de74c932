import type { LibrarySystemPreset } from "../domain/library-system.ts";
import {
  communityFacilityCalendar,
  MONDAY,
  newYearHolidays,
  nthWeekday,
  officeHoursCalendar,
  openEveryDayExceptNewYear,
  SATURDAY,
  SUNDAY,
  THURSDAY,
  usualLibraryCalendar,
} from "./calendars.ts";

// Takarazuka City Library (宝塚市立図書館), seed 001: cards, loans, returns, reservations, requests,
// web services, postal loans, FeliCa and LINE.

// assumed: 001 gives no opening days; the usual pattern with a 3rd-Thursday housekeeping day.
const libraryCalendar = () => usualLibraryCalendar({ monthlyClosedDay: nthWeekday(3, THURSDAY) });

// assumed: 001 gives no opening hours; 9:30 to 19:00, to 17:00 on Saturdays and Sundays, as many city libraries.
const libraryHours = () => ({
  opens: "09:30",
  closes: "19:00",
  byWeekday: [
    { weekday: SATURDAY, opens: "09:30", closes: "17:00" },
    { weekday: SUNDAY, opens: "09:30", closes: "17:00" },
  ],
});

// assumed: a branch office counter opens Tuesday to Saturday inside its host facility, and never
// when the host is closed (so its New Year is the host's, 12-28 to 01-04).
const branchOfficeCalendar = () => ({
  ...communityFacilityCalendar(),
  weeklyClosedDays: [SUNDAY, MONDAY],
  holidays: "closed" as const,
});

export const takarazukaPreset: LibrarySystemPreset = {
  slug: "takarazuka",
  name: { ja: "宝塚市立図書館", en: "Takarazuka City Library" },
  source: "seeds/001_8468d09c321fe487.txt",
  policy: {
    eligibility: {
      areaMunicipalities: ["宝塚市"], // 001: 宝塚市にお住まいの方 / 宝塚市内に通勤・通学されている方
      areaPrefecture: null, // 001: a municipal library
      bases: ["resident", "worker", "student"], // 001: お住まい・通勤・通学
      // 001: 芦屋市・尼崎市・伊丹市・猪名川町・川西市・三田市・西宮市・神戸市にお住まいの方 (residents only)
      wideAreaMunicipalities: [
        "芦屋市",
        "尼崎市",
        "伊丹市",
        "猪名川町",
        "川西市",
        "三田市",
        "西宮市",
        "神戸市",
      ],
      workerStudentProofRequired: true, // assumed: 001 does not say; as at 000 (勤務先・学校のわかるもの)
      acceptedIdDocuments: [
        "healthInsuranceCard", // 001: 健康保険証
        "driversLicence", // 001: 免許証
        "myNumberCard", // assumed: 001 「など」; a public card with name and address
        "residenceCard", // assumed: 001 「など」
        "residenceCertificate", // assumed: 001 「など」
      ],
      supplementaryDocumentMaxAgeMonths: 3, // assumed: 001 does not say; as at 000
      supplementaryDocuments: ["residenceCertificate", "utilityBill"], // assumed: as at 000
    },
    registration: {
      validity: { kind: "birthMonthCycle", years: 3 }, // 001: 更新月(3年ごとの誕生月)
      renewalWindowDaysBeforeExpiry: 31, // 001: renewal happens in the 更新月 (the birth month), at most 31 days before its end
      renewAfterUnusedYears: null, // 001: no such rule
      purgeAfterExpiryDays: null, // assumed: 001 says nothing of deleting expired registrations
      counterReminderDaysBeforeExpiry: 60, // 001: 更新月が近づきましたら、窓口でお知らせします; assumed: from two months before
      cardNumber: {
        length: 10, // assumed: 001 does not describe card numbers
        prefix: "", // assumed
        checkDigit: "mod10w21", // assumed
        start: "A", // assumed: NW-7 start and stop characters A…A
        stop: "A",
        mustRenewPrefix: null, // assumed: no old card series to renew
      },
      loss: {
        temporaryCard: true, // 001: 利用券紛失届をご記入いただいて、仮の利用券を発行します
        temporaryCardCanBorrow: true, // 001: 紛失届を出されても貸出しできます
        // NOTE: 001 says 1ヶ月; the schema counts days, so one month is 30 days here.
        reissueAfterDays: 30, // 001: 1ヶ月経過しても利用券が見つからない場合は利用券を再発行します
        reissueChangesCardNumber: true, // assumed: 001 does not say; the lost number is withdrawn
      },
      proxies: {
        allowed: true, // assumed: 001 does not cover proxies; as at 000
        letterRequiredWithoutCard: true, // assumed: as at 000
      },
      myNumber: {
        linkOffered: false, // 001: no My Number card link
        autoRenewalMonths: null, // 001: no link, no automatic renewal
        autoRenewalExcludesNonResidentWorkersStudents: false, // 001: no automatic renewal to exclude anyone from
      },
      felicaPerPatron: 1, // 001: 利用者(個人)1人につき、1つのFeliCaの登録が可能です
      lineLink: true, // 001: LINE連携 (from 2024-05-13; the portal password must be set first)
      elibrary: false, // 001: no e-library mentioned
      guardianRegistersChildrenUpTo: "endOfPrimarySchool", // 000: 本人または小学生以下の児童の保護者
    },
    loans: {
      totalLimit: 15, // 001: 15冊まで(全館合計)
      perTypeLimits: [], // 001: only the total limit
      periodDays: 14, // 001: 2週間借りることができます
      renewal: {
        maxRenewals: 1, // 001: それぞれ1回のみ / 既に一度延長しているもの cannot be renewed
        base: "renewalDate", // 001: 手続きをされた日から2週間の延長
        periodDays: 14, // 001: 2週間
        allowedOnLoanDay: true, // assumed: 001 does not forbid it; as at 003 (即日更新可能)
        refuseWhenOverdue: true, // 001: 貸出期間が過ぎているもの
        refuseWhenReservedByOther: true, // 001: 次に予約があるもの
        refuseIll: true, // 001: 他市の図書館から借り受けているもの
        channels: ["counter", "web", "phone"], // 001: 窓口、インターネット、電話で貸出期間の延長
      },
      walkInBorrowerFirst: true, // assumed: 001 reserves only items on loan (貸出中の場合には予約ができます)
      // assumed: no seed states notice days; a reminder 2 days before, then weekly overdue mail, 3 at most
      notices: {
        courtesyDaysBeforeDue: 2,
        overdueDaysAfterDue: 1,
        overdueRepeatDays: 7,
        overdueMaxNotices: 3,
      },
      // assumed: the seeds name no overrides; staff may lend past the limit, in-library material or a held item
      overridable: ["LOAN_LIMIT_REACHED", "ITEM_NOT_LOANABLE", "ITEM_ON_HOLD_FOR_ANOTHER_PATRON"],
      deliveryLending: {
        kind: "postal", // 001: 有料郵送貸出
        limit: 10, // 001: 10冊まで(既に借りている本がある場合はそれも含む)
        periodDays: 21, // 001: 3週間(往復の郵送にかかる日数を含む)
        postagePaidBy: "patron", // 001: 着払い郵便(有料:実費負担); returns by parcel also at the patron's cost
        parcelReturnTo: "west", // 001: 「ゆうパック」や宅配便等で西図書館宛てに送ってください
        reservedItemsOnly: true, // 001: 電話やWebで予約した資料を郵送で貸出
        postedFrom: "west", // 001: 西図書館 有料郵送貸出担当
        reservationChannels: ["phone", "web"], // 001: 電話やWeb(インターネット)で予約
      },
    },
    returns: {
      toLendingServicePointOnly: {
        materialTypes: ["bigBook", "kamishibaiStage"], // 001: ビッグブック / 紙芝居舞台 はお借りになられた図書館や分室に
        flags: ["ill"], // 001: 他市の図書館から借り受けて貸出している本
      },
      bookDrop: {
        // 001: 本、雑誌、紙芝居のみ; 雑誌 includes 週刊誌 (001 リクエスト: 雑誌(週刊誌・月刊誌)).
        // CDs, audiobook CDs, big books and kamishibai stages are refused by being left out.
        acceptedMaterialTypes: ["book", "magazine", "weeklyMagazine", "kamishibai"],
        refusedFlags: ["ill"], // 001: 他市の図書館から借り受けて貸出している本
        ownItemsOnly: true, // 001: 宝塚市立図書館所蔵の…のみ
      },
      // 001: 本や雑誌は「返却できるところ」に返却することもできます (雑誌 includes 週刊誌, as above)
      returnPointAcceptedMaterialTypes: ["book", "magazine", "weeklyMagazine"],
    },
    holds: {
      allowedBases: ["resident", "worker", "student"], // 001: any card holder
      wideAreaMayReserve: true, // 001: any card holder (wide-area patrons hold cards too)
      emailRequiredForWeb: false, // 001: 連絡不要 may be chosen for a web reservation
      channels: ["counter", "web", "phone", "line"], // 001: 窓口 / インターネットからも / 電話でも / LINEトーク画面で検索・予約
      totalLimit: 10, // 001: 予約の合計冊数は10冊
      totalIncludesRequests: true, // 001: (下記のリクエストも含む)
      perChannelLimits: [{ channel: "phone", limit: 2 }], // 001: 電話でも2件まで予約を受け付けています
      perTypeLimits: [], // 001: only the total
      notReservable: [
        {
          reason: { ja: "館内閲覧のみの本", en: "In-library use only" }, // 001: 館内閲覧のみの本
          flags: ["inLibraryOnly"],
        },
        {
          reason: { ja: "課題図書", en: "Assigned reading" }, // 001: 課題図書
          flags: ["assignedReading"],
        },
        {
          reason: { ja: "ビッグブック", en: "Big books" }, // 001: ビッグブック
          materialTypes: ["bigBook"],
        },
      ],
      itemLevelAllowed: false, // assumed: 001 reserves titles (cart of titles)
      pickup: {
        days: 7, // 001: 引取期限は連絡日から1週間以内 (連絡不要: ご用意できてから1週間)
        dayKind: "calendarDays", // 001: 1週間
        pickupServicePointTypes: ["main", "branch", "branchOffice"], // 001: 受取予定の図書館; branch offices assumed
        untransportableAtMainOnly: false, // 001: no such rule
      },
      contactMethods: ["email", "phone", "none"], // 001: メール / 連絡日 (phone) / 連絡不要
      webCannotCancelReady: true, // 001: インターネットからは、すでに確保された資料の取消や変更はできません
      cart: {
        maxTitles: 10, // 001: 予約カートには10冊まで
        keptAfterBrowserCloses: false, // 001: 予約カートはブラウザを閉じた時にクリアされます
        signInWhenAdding: false, // 001: titles are added from 検索結果一覧 before 「予約」へと進んでください
      },
    },
    requests: {
      offered: true, // 001: リクエストという制度があります
      channels: ["counter"], // 001: リクエストは窓口のみ (インターネット、電話、ファクスでは受け付けていません)
      onlyForTitlesNotHeld: true, // 001: 宝塚市立図書館が所蔵していない場合には
      refusedCategories: [
        {
          reason: { ja: "まんが", en: "Manga" }, // 001: まんが
          callNumberPrefixes: ["726.1"], // assumed: manga shelved under NDC 726.1 (漫画)
        },
        {
          reason: { ja: "学習参考書", en: "Study guides" }, // 001: 学習参考書
          genres: ["学習参考書"],
        },
        {
          reason: { ja: "資格試験や受験などの問題集", en: "Exam workbooks" }, // 001: 資格試験や受験などの問題集
          genres: ["問題集"],
        },
        {
          reason: { ja: "雑誌(週刊誌・月刊誌)", en: "Magazines (weekly and monthly)" }, // 001: 雑誌(週刊誌・月刊誌)
          materialTypes: ["magazine", "weeklyMagazine"],
        },
        {
          reason: { ja: "CD、朗読CD", en: "CDs and audiobook CDs" }, // 001: CD、朗読CD
          materialTypes: ["cd", "audiobookCd"],
        },
      ],
      postagePaidBy: "patron", // 001: 送料が必要な場合は利用者負担
    },
    onlineRegistration: {
      offered: false, // 001: cards are made at the counter (窓口にお持ちください)
      procedures: [], // 001: none online
      verificationLinkMinutes: 60, // assumed: unused while not offered
      receiptNumberPrefix: "", // assumed: unused
      receiptNumberDigits: 6, // assumed: unused
      usableFromOpeningDay: 1, // assumed: unused
      reviewOpeningDays: { min: 1, max: 1 }, // assumed: unused
      unansweredInquiryLimit: 3, // assumed: unused
      inquiryReplyDays: 7, // assumed: unused
      photoRetentionDaysAfterDecision: 30, // assumed: unused
      photoMaxBytes: 10_000_000, // assumed: unused
      registrationKits: false, // 001: no kits
      deliveryLendingApplication: false, // 001: postal loans are arranged with the West Library (有料郵送貸出担当)
      postal: null, // 001: no registration by post
    },
    webServices: {
      password: {
        minLength: 8, // assumed: 001 gives no length; as at 003
        requireLettersAndDigits: false, // assumed: 001 sets no composition rule
        caseSensitive: true, // 001: 新しいシステムでは(大文字・小文字を)区別しています
      },
      loanHistory: true, // 001: My本棚の「借りた本」(貸出履歴の保存), after 貸出履歴保存の合意
      readingRecord: false, // 001: loan history instead (003's 読書記録 is another feature)
      readLaterList: false, // 001: 「読みたい本」 is a My本棚 shelf, not a separate list
      myBookshelf: true, // 001: My本棚 (読みたい本 / 読んだ本, with comments)
      favourites: true, // 001: 「お気に入り」
      newArrivalMail: {
        offered: true, // 001: メールマガジン
        weekday: MONDAY, // 001: 毎週月曜日に
        by: ["keyword"], // 001: 登録されたキーワードに関する新着資料
      },
      smartphoneCard: true, // 001: LINE 「利用券をスマホで表示」
    },
    reference: {
      offered: true, // 001: 調べもの — 職員が調べものや資料探しのお手伝いをします
      channels: ["referenceRoom", "referenceCorner", "phone", "web"], // 001: 調査相談室 (central), 調査相談コーナー (west); assumed: by phone and a web form too
      notAnswered: ["legalAdvice", "medicalAdvice", "personalInvestigation", "quiz", "homework"], // 001: 法律、医療相談、身上調査、クイズ、学校の宿題等お答えできないもの
    },
    fees: {
      photocopyMonoYen: 10, // 001: 白黒1枚10円
      photocopyColourYen: 30, // 001: カラー1枚30円
      // NOTE: 001 has 2 internet terminals at the central library and 1 at the west library; the
      // schema has no field for terminal counts (they belong with equipment, not policy).
      internetTerminalSlotMinutes: 30, // assumed: 001 gives no slot length
      internetTerminalBookingsPerPatron: 1, // assumed: 001 gives no booking limit
      ndlMinutesPerPersonPerDay: 60, // 001: 利用時間はお一人1時間まで
    },
    catalogue: {
      itemBarcode: {
        // assumed: no seed describes item labels; ten-digit NW-7 labels starting with 2, a modulus-10
        // (weights 2-1) check digit and A…A start/stop, as many Japanese library systems print them
        length: 10,
        prefix: "2",
        checkDigit: "mod10w21",
        start: "A",
        stop: "A",
      },
    },
  },
  servicePoints: [
    {
      code: "central",
      name: { ja: "宝塚市立中央図書館", en: "Takarazuka City Central Library" },
      type: "main", // 001: 中央図書館 (調査相談室, NDL デジタル送信サービス参加館)
      acceptedCredentials: ["card", "felica", "line"], // 001: 利用券 / FeliCa 窓口で利用券と同様に / LINE 利用券をスマホで表示
      calendar: libraryCalendar(),
      openingHours: libraryHours(),
      internetTerminals: 2, // 001: 中央図書館の調査相談室に2台
      ndlDigitalService: true, // 001: 中央図書館は国立国会図書館デジタル送信サービスの参加館です
      bookDrops: [
        {
          code: "central-drop",
          name: { ja: "中央図書館ブックポスト", en: "Central Library book drop" },
          // 001: 中央図書館・西図書館のブックポストは、年末年始は利用できません (dates assumed 12-29..01-03)
          calendar: openEveryDayExceptNewYear(),
        },
      ],
      district: null,
      municipality: null,
      hostServicePoint: null,
    },
    {
      code: "west",
      name: { ja: "宝塚市立西図書館", en: "Takarazuka City West Library" },
      type: "branch", // 001: 西図書館 (調査相談コーナー; 有料郵送貸出担当)
      acceptedCredentials: ["card", "felica", "line"], // 001: as at the central library
      calendar: libraryCalendar(),
      openingHours: libraryHours(),
      internetTerminals: 1, // 001: 西図書館の調査相談コーナーに1台
      bookDrops: [
        {
          code: "west-drop",
          name: { ja: "西図書館ブックポスト", en: "West Library book drop" },
          calendar: openEveryDayExceptNewYear(), // 001: 年末年始は利用できません (dates assumed 12-29..01-03)
        },
      ],
      district: null,
      municipality: null,
      hostServicePoint: null,
    },
    // 001: 分室 exist and sit in other facilities (分室の入っている施設) but are not named; these two
    // are assumed. Their hosts are not service points, hence hostServicePoint null.
    {
      code: "nishitani",
      name: { ja: "西谷分室", en: "Nishitani Branch Office" },
      type: "branchOffice", // 001: 分室; assumed: housed in the 西谷 district's community facility
      acceptedCredentials: ["card", "felica", "line"], // 001: lending happens at 分室 (お借りになられた図書館や分室)
      calendar: branchOfficeCalendar(), // assumed
      bookDrops: [
        {
          code: "nishitani-drop",
          name: { ja: "西谷分室ブックポスト", en: "Nishitani Branch Office book drop" },
          // 001: 分室のブックポストは、分室の入っている施設の閉まっているときには利用できません;
          // assumed: the host facility keeps a municipal hall's week
          calendar: communityFacilityCalendar(),
        },
      ],
      district: null,
      municipality: null,
      hostServicePoint: null,
    },
    {
      code: "higashi",
      name: { ja: "東公民館分室", en: "Higashi Community Centre Branch Office" },
      type: "branchOffice", // 001: 分室; assumed: housed in the east community centre (東公民館)
      acceptedCredentials: ["card", "felica", "line"], // 001: lending happens at 分室
      calendar: branchOfficeCalendar(), // assumed
      bookDrops: [
        {
          code: "higashi-drop",
          name: { ja: "東公民館分室ブックポスト", en: "Higashi Community Centre Branch Office book drop" },
          calendar: communityFacilityCalendar(), // 001: closed while the host is; assumed host calendar
        },
      ],
      district: null,
      municipality: null,
      hostServicePoint: null,
    },
    {
      code: "bookmobile",
      name: { ja: "移動図書館", en: "Bookmobile" },
      type: "bookmobile", // 001: 移動図書館 (postal-loan items may be returned there)
      acceptedCredentials: ["card", "felica", "line"], // 001: lending happens on the bookmobile
      // assumed: the route runs Tuesday to Saturday, not on holidays; stops are not modelled
      calendar: {
        weeklyClosedDays: [SUNDAY, MONDAY],
        holidays: "closed",
        newYearClosure: newYearHolidays(),
        monthlyClosedDay: null,
        closures: [],
        specialOpenings: [],
      },
      bookDrops: [],
      district: null,
      municipality: null,
      hostServicePoint: null,
    },
    // 001: 「返却できるところ」 exist but the seed links to their list; these two are assumed.
    {
      code: "city-hall-return",
      name: { ja: "宝塚市役所 返却できるところ", en: "Takarazuka City Hall return point" },
      type: "returnPoint", // 001: 返却できるところ (books and magazines only)
      acceptedCredentials: [], // 001: returns only; no patron is identified
      calendar: officeHoursCalendar(), // assumed: the city hall's office hours
      bookDrops: [],
      district: null,
      municipality: null,
      hostServicePoint: null,
    },
    {
      code: "nakayamadai-return",
      name: {
        ja: "中山台コミュニティセンター 返却できるところ",
        en: "Nakayamadai Community Centre return point",
      },
      type: "returnPoint", // 001: 返却できるところ
      acceptedCredentials: [], // 001: returns only
      calendar: communityFacilityCalendar(), // assumed: a community centre's week
      bookDrops: [],
      district: null,
      municipality: null,
      hostServicePoint: null,
    },
  ],
};
