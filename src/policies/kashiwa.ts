import type { LibrarySystemPreset } from "../domain/library-system.ts";
import {
  lastWeekday,
  MONDAY,
  openEveryDayExceptNewYear,
  THURSDAY,
  usualLibraryCalendar,
} from "./calendars.ts";

// Kashiwa City Library (柏市立図書館), seed 002: smart (online) registration with e-mail
// verification, identity-document photos, staff review and a receipt number; the smartphone card.
// Loans, holds, returns and fees are not in the seed and are assumed.

// assumed: 002 shows a 本館 calendar without its closed days; the usual pattern with a
// last-Thursday housekeeping day.
const libraryCalendar = () => usualLibraryCalendar({ monthlyClosedDay: lastWeekday(THURSDAY) });

export const kashiwaPreset: LibrarySystemPreset = {
  slug: "kashiwa",
  name: { ja: "柏市立図書館", en: "Kashiwa City Library" },
  source: "seeds/002_465558b0d45ad2c9.txt",
  policy: {
    eligibility: {
      areaMunicipalities: ["柏市"], // 002: 柏市在住・在勤・在学の個人
      areaPrefecture: null, // 002: a municipal library
      bases: ["resident", "worker", "student"], // 002: 在住・在勤・在学
      // 002: 千葉県内の隣接市…に在住する個人 (the seed spells 鎌ヶ谷市)
      wideAreaMunicipalities: ["松戸市", "流山市", "野田市", "我孫子市", "印西市", "白井市", "鎌ヶ谷市"],
      workerStudentProofRequired: true, // assumed: 002 does not say; as at 000
      acceptedIdDocuments: [
        "myNumberCard", // 002: 個人番号カード(マイナンバーカード)
        "driversLicence", // 002: 運転免許証
        "healthInsuranceCard", // 002: 健康保険証
        "residenceCard", // assumed: 002 「等」 — 公的機関が発行した有効な証明書 with name, address and birth date
      ],
      // NOTE: 002 refuses, online, any document without the current address (現住所が記載されていない
      // ものは、この申請には利用できません); the schema cannot tell channels apart, so these
      // supplementary-document values apply to counter registration only in practice.
      supplementaryDocumentMaxAgeMonths: 3, // assumed: 002 does not say; as at 000
      supplementaryDocuments: ["residenceCertificate", "utilityBill"], // assumed: as at 000
    },
    registration: {
      validity: { kind: "fixedYears", years: 3 }, // assumed: 002 gives no period; 3 years, matching its 3-year disuse rule
      renewalWindowDaysBeforeExpiry: 30, // 002: 1か月前から更新可 (one month taken as 30 days)
      renewAfterUnusedYears: 3, // 002: 利用カードを3年以上使っていなかったかた
      purgeAfterExpiryDays: null, // assumed: 002 says nothing of deleting expired registrations
      counterReminderDaysBeforeExpiry: null, // assumed: 002 mentions no reminder
      cardNumber: {
        length: 10, // assumed: 002 mails the 利用券番号 but does not describe it
        prefix: "", // assumed
        checkDigit: "mod10w21", // assumed
        start: "A", // assumed: NW-7 start and stop characters A…A
        stop: "A",
        mustRenewPrefix: null, // assumed: no old card series to renew
      },
      loss: {
        temporaryCard: false, // 002: a lost card is reissued (online or at the counter), no temporary card
        temporaryCardCanBorrow: false, // 002: no temporary card
        reissueAfterDays: null, // 002: 利用カードを紛失してしまったかた apply for 再発行 at once
        reissueChangesCardNumber: true, // 002: 再発行手続きを行うと、利用者番号が変わる
      },
      proxies: {
        allowed: true, // assumed: 002 does not cover proxies; as at 000
        letterRequiredWithoutCard: true, // assumed: as at 000
      },
      myNumber: {
        linkOffered: false, // 002: the My Number card is an identity document only
        autoRenewalMonths: null, // 002: no link
        autoRenewalExcludesNonResidentWorkersStudents: false, // 002: no automatic renewal
      },
      felicaPerPatron: 0, // 002: no FeliCa credential
      lineLink: false, // 002: no LINE link
      elibrary: true, // 002: 柏市電子図書館サービス, keyed by the 利用者番号 (a reissue loses its loans and reservations)
      guardianRegistersChildrenUpTo: "endOfPrimarySchool", // 000: 本人または小学生以下の児童の保護者
    },
    loans: {
      totalLimit: 10, // assumed: 002 does not cover loans
      perTypeLimits: [], // assumed: none
      periodDays: 14, // assumed: two weeks, as at 001 and 003
      renewal: {
        maxRenewals: 1, // assumed: as at 001 and 003
        base: "dueDate", // assumed: as at 003
        periodDays: 14, // assumed
        allowedOnLoanDay: true, // assumed: as at 003
        refuseWhenOverdue: true, // assumed: as at 001 and 003
        refuseWhenReservedByOther: true, // assumed: as at 001
        refuseIll: true, // assumed: as at 001
        channels: ["counter", "web", "phone"], // assumed
      },
      walkInBorrowerFirst: true, // assumed: as at 003
      // assumed: no seed states notice days; a reminder 2 days before, then weekly overdue mail, 3 at most
      notices: {
        courtesyDaysBeforeDue: 2,
        overdueDaysAfterDue: 1,
        overdueRepeatDays: 7,
        overdueMaxNotices: 3,
      },
      // assumed: the seeds name no overrides; staff may lend past the limit, in-library material or a held item
      overridable: ["LOAN_LIMIT_REACHED", "ITEM_NOT_LOANABLE", "ITEM_ON_HOLD_FOR_ANOTHER_PATRON"],
      deliveryLending: null, // assumed: 002 offers no delivery lending
    },
    returns: {
      toLendingServicePointOnly: {
        materialTypes: ["bigBook", "kamishibaiStage"], // assumed: as at 001
        flags: ["ill"], // assumed: as at 001
      },
      bookDrop: {
        acceptedMaterialTypes: ["book", "magazine", "weeklyMagazine", "kamishibai"], // assumed: as at 001
        refusedFlags: ["ill"], // assumed: as at 001
        ownItemsOnly: true, // assumed: as at 001
      },
      returnPointAcceptedMaterialTypes: [], // assumed: no return points
    },
    holds: {
      allowedBases: ["resident", "worker", "student"], // assumed: every card holder
      wideAreaMayReserve: true, // assumed: 002 sets no restriction
      emailRequiredForWeb: false, // assumed
      channels: ["counter", "web", "phone"], // assumed
      totalLimit: 10, // assumed: as at 001
      totalIncludesRequests: false, // assumed
      perChannelLimits: [], // assumed: none
      perTypeLimits: [], // assumed: none
      notReservable: [
        {
          reason: { ja: "館内閲覧のみの資料", en: "In-library use only" }, // assumed: as at 001
          flags: ["inLibraryOnly"],
        },
      ],
      itemLevelAllowed: false, // assumed
      pickup: {
        days: 7, // assumed: one week, as at 001 and 003
        dayKind: "calendarDays", // assumed
        pickupServicePointTypes: ["main", "branch"], // assumed
        untransportableAtMainOnly: false, // assumed
      },
      contactMethods: ["email", "phone"], // assumed
      webCannotCancelReady: true, // assumed: as at 001 and 003
      cart: {
        maxTitles: 10, // assumed: as at 001
        keptAfterBrowserCloses: false, // assumed: as at 001
        signInWhenAdding: false, // assumed
      },
    },
    requests: {
      offered: true, // assumed: 002 does not cover requests
      channels: ["counter"], // assumed: as at 001
      onlyForTitlesNotHeld: true, // assumed: as at 001
      refusedCategories: [], // assumed: none listed
      postagePaidBy: "patron", // assumed: as at 001
    },
    onlineRegistration: {
      offered: true, // 002: スマート登録 (令和5年5月19日スタート)
      procedures: [
        "newRegistration", // 002: 新規登録
        "reissue", // 002: 再発行 (紛失, 氏名の変更)
        "renewRegistration", // 002: 有効期限更新
        "changeOfDetails", // 002: 登録内容変更(住所・電話番号の変更)
        "forgotCardNumber", // 002: スマート登録したが、利用券番号が分からなくなってしまった
        "forgotElibraryPassword", // 002: 「電子図書館サービス」のパスワードを忘れた
      ],
      verificationLinkMinutes: 60, // assumed: 002 shows the one-time link (key=…) but not its lifetime
      receiptNumberPrefix: "WR", // 002: 受付番号: WR0000
      receiptNumberDigits: 4, // 002: WR0000
      usableFromOpeningDay: 2, // 002: 通常申請から2開館日後より利用可能
      reviewOpeningDays: { min: 1, max: 2 }, // assumed: review done within the two opening days of 002
      unansweredInquiryLimit: 3, // assumed: 002 says only 一定回数のお問い合わせに応じていただけない場合
      inquiryReplyDays: 7, // assumed: 002 gives no reply period
      photoRetentionDaysAfterDecision: 30, // assumed: 002 does not say
      photoMaxBytes: 10_000_000, // assumed: 10 MB, a phone photo
      registrationKits: false, // 002: no kits
      deliveryLendingApplication: false, // 002: no delivery lending
      postal: null, // 002: no registration by post
    },
    webServices: {
      password: {
        minLength: 8, // assumed: 002 does not say; as at 003
        requireLettersAndDigits: true, // assumed: as at 003
        caseSensitive: true, // assumed: as at 001 (the schema requires it)
      },
      loanHistory: false, // assumed: not in 002
      readingRecord: false, // assumed: not in 002
      readLaterList: false, // assumed: not in 002
      myBookshelf: false, // assumed: not in 002
      favourites: false, // assumed: not in 002
      newArrivalMail: {
        offered: false, // assumed: not in 002
        weekday: MONDAY, // assumed: unused while not offered
        by: [], // assumed: not offered
      },
      smartphoneCard: true, // 002: 利用カードの発行はありません…利用券バーコードを表示して本を借りる(スマート貸出)
    },
    reference: { offered: false, channels: [], notAnswered: [] }, // assumed: the seed describes no reference service
    fees: {
      photocopyMonoYen: 10, // assumed: 002 gives no fees; as at 001
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
      code: "main",
      name: { ja: "柏市立図書館 本館", en: "Kashiwa City Library Main Library" },
      type: "main", // 002: 本館 (図書館カレンダー)
      acceptedCredentials: ["card"], // 002: the printed card or the smartphone barcode (スマート貸出)
      calendar: libraryCalendar(),
      bookDrops: [
        {
          code: "main-drop",
          name: { ja: "本館ブックポスト", en: "Main Library book drop" },
          calendar: openEveryDayExceptNewYear(), // assumed: 002 says nothing of book drops
        },
      ],
      district: null,
      municipality: null,
      hostServicePoint: null,
    },
    // assumed: 002 names only the 本館; three branches of the city.
    {
      code: "toyoshikidai",
      name: { ja: "豊四季台分館", en: "Toyoshikidai Branch Library" },
      type: "branch", // assumed
      acceptedCredentials: ["card"], // assumed: lending happens here
      calendar: libraryCalendar(), // assumed
      bookDrops: [],
      district: null,
      municipality: null,
      hostServicePoint: null,
    },
    {
      code: "masuo",
      name: { ja: "増尾分館", en: "Masuo Branch Library" },
      type: "branch", // assumed
      acceptedCredentials: ["card"], // assumed
      calendar: libraryCalendar(), // assumed
      bookDrops: [],
      district: null,
      municipality: null,
      hostServicePoint: null,
    },
    {
      code: "eirakudai",
      name: { ja: "永楽台分館", en: "Eirakudai Branch Library" },
      type: "branch", // assumed
      acceptedCredentials: ["card"], // assumed
      calendar: libraryCalendar(), // assumed
      bookDrops: [],
      district: null,
      municipality: null,
      hostServicePoint: null,
    },
  ],
};
