import type { LibrarySystemPreset } from "../domain/library-system.ts";
import {
  closure,
  communityFacilityCalendar,
  FRIDAY,
  MONDAY,
  newYearHolidays,
  nthWeekday,
  officeHoursCalendar,
  openEveryDayExceptNewYear,
  SUNDAY,
  usualLibraryCalendar,
} from "./calendars.ts";

// Hiratsuka City Library (平塚市図書館), seed 000. The seed covers registration and the My Number card
// link only: loans, holds, returns and fees are assumed (plausible values, marked `assumed:`).

// assumed: 000 gives no opening days; the usual pattern with a 3rd-Friday housekeeping day.
const libraryCalendar = () => usualLibraryCalendar({ monthlyClosedDay: nthWeekday(3, FRIDAY) });

// 000: 「南図書館は、令和8年6月1日まで休館中です」 — closed up to and including 2026-06-01.
const southLibraryClosure = () =>
  closure(
    "2025-04-01", // assumed: 000 gives only the end of the closure
    "2026-06-01", // 000: 令和8年6月1日まで休館中
    "休館中(令和8年6月1日まで)",
    "Closed up to and including 1 June 2026",
  );

export const hiratsukaPreset: LibrarySystemPreset = {
  slug: "hiratsuka",
  name: { ja: "平塚市図書館", en: "Hiratsuka City Library" },
  source: "seeds/000_f0b6c808f6a395d2.txt",
  policy: {
    eligibility: {
      areaMunicipalities: ["平塚市"], // 000: 平塚市に在住・在勤・在学の方
      areaPrefecture: null, // 000: a municipal library; the area is the city
      bases: ["resident", "worker", "student"], // 000: 在住・在勤・在学
      // 000: 秦野市・伊勢原市・大磯町・二宮町・茅ヶ崎市・厚木市に在住の方 (residents only)
      wideAreaMunicipalities: ["秦野市", "伊勢原市", "大磯町", "二宮町", "茅ヶ崎市", "厚木市"],
      workerStudentProofRequired: true, // 000: 在勤・在学の方は、勤務先・学校のわかるものをお持ちください
      acceptedIdDocuments: [
        "myNumberCard", // 000: マイナンバーカード
        "driversLicence", // 000: 運転免許証
        "healthInsuranceCard", // 000: 保険証
        "residenceCertificate", // 000: 住民票
        // assumed: 000 「など本人に発行される公的書類で氏名、生年月日、住所が確認できるもの」 covers it
        "residenceCard",
      ],
      supplementaryDocumentMaxAgeMonths: 3, // 000: 現在の住所が記載されているもの(発行3か月以内のもの)
      supplementaryDocuments: ["residenceCertificate", "utilityBill"], // 000: 住民票や公共料金の支払明細書など
    },
    registration: {
      validity: { kind: "fixedYears", years: 5 }, // 000: 有効期限は5年間です / ご登録から5年毎に…更新します
      renewalWindowDaysBeforeExpiry: 30, // assumed: 000 does not say how early renewal is possible; one month as at Kashiwa (002)
      renewAfterUnusedYears: null, // assumed: 000 has no renewal-after-disuse rule
      purgeAfterExpiryDays: 365, // assumed: 000 「有効期限が切れてから一定期間経過後に…削除されます」 gives no period; one year
      counterReminderDaysBeforeExpiry: null, // assumed: 000 mentions no reminder; the expiry is shown on 利用者のページ
      cardNumber: {
        length: 10, // assumed: 000 does not describe card numbers; ten digits, a common NW-7 card length
        prefix: "", // assumed: no fixed prefix
        checkDigit: "mod10w21", // assumed: a modulus-10 check digit, common on library cards
        start: "A", // assumed: NW-7 start and stop characters A…A
        stop: "A",
        mustRenewPrefix: null, // assumed: no old card series to renew (that rule is 003's)
      },
      loss: {
        temporaryCard: false, // assumed: 000 only says to report a loss at the counter (受付カウンターで手続き)
        temporaryCardCanBorrow: false, // assumed: no temporary card, so nothing to borrow with
        reissueAfterDays: null, // assumed: 000 図書館カードの再発行届 — reissued when the loss is reported
        reissueChangesCardNumber: true, // assumed: the lost number is withdrawn (the card also keys the e-library, as at 002)
      },
      proxies: {
        allowed: true, // 000: 利用登録、図書館カード再発行、登録内容変更、予約資料の受け取りについて…代理人
        letterRequiredWithoutCard: true, // 000: 予約資料の受け取りは図書館カードがない場合のみ委任状が必要です
      },
      myNumber: {
        linkOffered: true, // 000: マイナンバーカード連携 (in person only: 代理手続きはできません)
        autoRenewalMonths: 12, // 000: 確認日から1年後の日付まで…自動的に更新します (checked 1か月に1回)
        autoRenewalExcludesNonResidentWorkersStudents: true, // 000: 平塚市外にお住まいで市内在勤・在学として登録している方 are excluded
      },
      felicaPerPatron: 0, // assumed: 000 offers no FeliCa credential
      lineLink: false, // assumed: 000 offers no LINE link
      elibrary: true, // 000: 図書館登録カード兼電子図書館登録カード — one form registers both
      guardianRegistersChildrenUpTo: "endOfPrimarySchool", // 000: 本人または小学生以下の児童の保護者
    },
    loans: {
      totalLimit: 10, // assumed: 000 does not cover loans; ten items in total
      perTypeLimits: [], // assumed: no per-type loan limits (no seed sets any)
      periodDays: 14, // assumed: two weeks, as at 001 and 003
      renewal: {
        maxRenewals: 1, // assumed: once, as at 001 and 003
        base: "renewalDate", // assumed: two weeks from the renewal day, as at 001
        periodDays: 14, // assumed: two weeks
        allowedOnLoanDay: true, // assumed: as at 003 (即日更新可能)
        refuseWhenOverdue: true, // assumed: as at 001 and 003
        refuseWhenReservedByOther: true, // assumed: as at 001
        refuseIll: true, // assumed: as at 001
        channels: ["counter", "web", "phone"], // assumed: 000 mentions 利用者のページ; counter and phone as at 001
      },
      walkInBorrowerFirst: true, // assumed: as at 003 (貸出は、来館者を優先)
      // assumed: no seed states notice days; a reminder 2 days before, then weekly overdue mail, 3 at most
      notices: {
        courtesyDaysBeforeDue: 2,
        overdueDaysAfterDue: 1,
        overdueRepeatDays: 7,
        overdueMaxNotices: 3,
      },
      // assumed: the seeds name no overrides; staff may lend past the limit, in-library material or a held item
      overridable: ["LOAN_LIMIT_REACHED", "ITEM_NOT_LOANABLE", "ITEM_ON_HOLD_FOR_ANOTHER_PATRON"],
      deliveryLending: null, // assumed: 000 offers no postal or online lending
    },
    returns: {
      toLendingServicePointOnly: {
        materialTypes: ["bigBook", "kamishibaiStage"], // assumed: as at 001
        flags: ["ill"], // assumed: as at 001 (他市の図書館から借り受けている資料)
      },
      bookDrop: {
        acceptedMaterialTypes: ["book", "magazine", "weeklyMagazine", "kamishibai"], // assumed: as at 001
        refusedFlags: ["ill"], // assumed: as at 001
        ownItemsOnly: true, // assumed: as at 001
      },
      returnPointAcceptedMaterialTypes: [], // 000: no 返却できるところ among Hiratsuka's service points
    },
    holds: {
      allowedBases: ["resident", "worker", "student"], // assumed: every card holder may reserve
      wideAreaMayReserve: true, // assumed: 000 sets no restriction on wide-area patrons
      emailRequiredForWeb: false, // assumed: phone contact is possible
      channels: ["counter", "web", "phone"], // assumed: 000 mentions reservations (予約資料の受け取り) but not how they are placed
      totalLimit: 10, // assumed: ten, as at 001
      totalIncludesRequests: false, // assumed: requests counted apart
      perChannelLimits: [], // assumed: none
      perTypeLimits: [], // assumed: none
      notReservable: [
        {
          reason: { ja: "館内閲覧のみの資料", en: "In-library use only" }, // assumed: as at 001
          flags: ["inLibraryOnly"],
        },
      ],
      itemLevelAllowed: false, // assumed: reservations are per title
      pickup: {
        days: 7, // assumed: one week, as at 001 and 003
        dayKind: "calendarDays", // assumed: as at 001
        pickupServicePointTypes: ["main", "branch", "stationRoom", "pickupPoint"], // 000: 公民館での予約受取; the station room assumed
        untransportableAtMainOnly: false, // assumed: 000 has no such rule
      },
      contactMethods: ["email", "phone", "none"], // assumed: as at 001
      webCannotCancelReady: true, // assumed: as at 001 and 003
      cart: {
        maxTitles: 10, // assumed: as at 001
        keptAfterBrowserCloses: false, // assumed: as at 001
        signInWhenAdding: false, // assumed: as at 001
      },
    },
    requests: {
      offered: true, // assumed: 000 does not cover requests
      channels: ["counter"], // assumed: counter only, as at 001
      onlyForTitlesNotHeld: true, // assumed: as at 001
      refusedCategories: [], // assumed: 000 lists none
      postagePaidBy: "patron", // assumed: as at 001
    },
    onlineRegistration: {
      offered: true, // 000: ホームページから新規利用登録申請ができます
      procedures: ["newRegistration"], // 000: これまで図書館カードをお持ちでない方 only
      verificationLinkMinutes: 60, // assumed: 000 does not say; one hour
      receiptNumberPrefix: "", // assumed: 000 shows no receipt number format
      receiptNumberDigits: 6, // assumed
      usableFromOpeningDay: 2, // assumed: as at 002 (通常申請から2開館日後より利用可能)
      reviewOpeningDays: { min: 1, max: 2 }, // assumed: as at 002
      unansweredInquiryLimit: 3, // assumed: 002 says only 一定回数
      inquiryReplyDays: 7, // assumed
      photoRetentionDaysAfterDecision: 30, // assumed: identity photos kept a month after the decision
      photoMaxBytes: 10_000_000, // assumed: 10 MB, a phone photo
      registrationKits: false, // 000: no kits (004's scheme)
      deliveryLendingApplication: false, // 000: no delivery lending
      postal: {
        offered: true, // 000: 郵送による新規登録 (再発行は郵送ではできません)
        returnEnvelopeYen: 110, // 000: 切手(110円分)を貼付した返信用封筒
        processingDays: 7, // 000: 返信には、約1週間程度時間がかかります
      },
    },
    webServices: {
      password: {
        minLength: 8, // assumed: 000 does not say; as at 003
        requireLettersAndDigits: true, // assumed: as at 003
        caseSensitive: true, // assumed: as at 001 (the schema requires it)
      },
      loanHistory: false, // assumed: 000 mentions 読書記録 only as data deleted after expiry
      readingRecord: true, // 000: 登録情報(読書記録含む)
      readLaterList: false, // assumed: not mentioned
      myBookshelf: false, // assumed: not mentioned
      favourites: false, // assumed: not mentioned
      newArrivalMail: {
        offered: false, // assumed: not mentioned
        weekday: MONDAY, // assumed: unused while not offered
        by: [], // assumed: not offered
      },
      smartphoneCard: true, // 000: スマートフォンの画面で図書館カードを表示できます (スマホ利用券)
    },
    reference: { offered: false, channels: [], notAnswered: [] }, // assumed: the seed describes no reference service
    fees: {
      photocopyMonoYen: 10, // assumed: 000 gives no fees; as at 001
      photocopyColourYen: 30, // assumed: as at 001
      internetTerminalSlotMinutes: 30, // assumed
      internetTerminalBookingsPerPatron: 1, // assumed
      ndlMinutesPerPersonPerDay: 60, // assumed: as at 001
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
      name: { ja: "平塚市中央図書館", en: "Hiratsuka City Central Library" },
      type: "main", // 000: 中央図書館 (the postal address of registration: 平塚市中央図書館)
      // 000: 対象図書館 for the My Number card includes 中央図書館
      acceptedCredentials: ["card", "mynumber"],
      calendar: libraryCalendar(),
      bookDrops: [
        {
          code: "central-drop",
          name: { ja: "中央図書館ブックポスト", en: "Central Library book drop" },
          calendar: openEveryDayExceptNewYear(), // assumed: 000 says nothing of book drops
        },
      ],
      district: null,
      municipality: null,
      hostServicePoint: null,
    },
    {
      code: "north",
      name: { ja: "平塚市北図書館", en: "Hiratsuka City North Library" },
      type: "branch", // 000: 北図書館
      acceptedCredentials: ["card", "mynumber"], // 000: 対象図書館 includes 北図書館
      calendar: libraryCalendar(),
      bookDrops: [
        {
          code: "north-drop",
          name: { ja: "北図書館ブックポスト", en: "North Library book drop" },
          calendar: openEveryDayExceptNewYear(), // assumed
        },
      ],
      district: null,
      municipality: null,
      hostServicePoint: null,
    },
    {
      code: "west",
      name: { ja: "平塚市西図書館", en: "Hiratsuka City West Library" },
      type: "branch", // 000: 西図書館
      acceptedCredentials: ["card", "mynumber"], // 000: 対象図書館 includes 西図書館
      calendar: libraryCalendar(),
      bookDrops: [
        {
          code: "west-drop",
          name: { ja: "西図書館ブックポスト", en: "West Library book drop" },
          calendar: openEveryDayExceptNewYear(), // assumed
        },
      ],
      district: null,
      municipality: null,
      hostServicePoint: null,
    },
    {
      code: "south",
      name: { ja: "平塚市南図書館", en: "Hiratsuka City South Library" },
      type: "branch", // 000: 南図書館 (図書館カードは…南図書館…で使えます)
      // 000: the My Number 対象図書館 list leaves out 南図書館, closed until 2026-06-01; staff can add
      // "mynumber" here when it reopens with a card reader.
      acceptedCredentials: ["card"],
      calendar: usualLibraryCalendar({
        monthlyClosedDay: nthWeekday(3, FRIDAY), // assumed: as the other libraries
        closures: [southLibraryClosure()],
      }),
      bookDrops: [
        {
          code: "south-drop",
          name: { ja: "南図書館ブックポスト", en: "South Library book drop" },
          calendar: { ...openEveryDayExceptNewYear(), closures: [southLibraryClosure()] }, // assumed: shut with the library
        },
      ],
      district: null,
      municipality: null,
      hostServicePoint: null,
    },
    {
      code: "station",
      name: { ja: "ひらつか 駅の図書室", en: "Hiratsuka Station Reading Room" },
      type: "stationRoom", // 000: ひらつか 駅の図書室
      acceptedCredentials: ["card", "mynumber"], // 000: 対象図書館 includes ひらつか 駅の図書室
      // assumed: a room in the station building, open every day but over the New Year
      calendar: openEveryDayExceptNewYear(),
      bookDrops: [],
      district: null,
      municipality: null,
      hostServicePoint: null,
    },
    {
      code: "bookmobile",
      name: { ja: "移動図書館あおぞら号", en: "Bookmobile Aozora" },
      type: "bookmobile", // 000: 移動図書館あおぞら号
      // 000 contradicts itself: 対象図書館 and 事前手続きの場所 both name 移動図書館あおぞら号, while one
      // note says 「移動図書館・出前図書館では、利用できません」. The two lists name the vehicle itself and
      // let patrons link their card on board (so it carries a card reader); we follow them.
      acceptedCredentials: ["card", "mynumber"],
      // assumed: the bookmobile runs its route Tuesday to Saturday, not on holidays; its stops and
      // their timetable are not modelled (no field for them)
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
    // assumed: 000 names 公民館での予約受取 but no community centre; three of Hiratsuka's 公民館.
    {
      code: "kanome-cc",
      name: { ja: "金目公民館", en: "Kanome Community Centre" },
      type: "pickupPoint", // 000: 公民館での予約受取
      acceptedCredentials: ["card"], // 000: 公民館での予約受取…では、(マイナンバーカードは)利用できません
      calendar: communityFacilityCalendar(), // assumed: a municipal hall's week
      bookDrops: [],
      district: null,
      municipality: null,
      hostServicePoint: null,
    },
    {
      code: "okazaki-cc",
      name: { ja: "岡崎公民館", en: "Okazaki Community Centre" },
      type: "pickupPoint", // 000: 公民館での予約受取
      acceptedCredentials: ["card"], // 000: no My Number card at community centres
      calendar: communityFacilityCalendar(), // assumed
      bookDrops: [],
      district: null,
      municipality: null,
      hostServicePoint: null,
    },
    {
      code: "ono-cc",
      name: { ja: "大野公民館", en: "Ono Community Centre" },
      type: "pickupPoint", // 000: 公民館での予約受取
      acceptedCredentials: ["card"], // 000: no My Number card at community centres
      calendar: communityFacilityCalendar(), // assumed
      bookDrops: [],
      district: null,
      municipality: null,
      hostServicePoint: null,
    },
    {
      code: "outreach",
      name: { ja: "出前図書館", en: "Outreach Library" },
      type: "outreach", // 000: 出前図書館
      acceptedCredentials: ["card"], // 000: 出前図書館では、(マイナンバーカードは)利用できません
      calendar: officeHoursCalendar(), // assumed: visits on weekdays, run by library staff
      bookDrops: [],
      district: null,
      municipality: null,
      hostServicePoint: null,
    },
  ],
};
