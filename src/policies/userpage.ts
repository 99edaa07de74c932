import type { LibrarySystemPreset } from "../domain/library-system.ts";
import { MONDAY, nthWeekday, openEveryDayExceptNewYear, TUESDAY, usualLibraryCalendar } from "./calendars.ts";

// The "user page" library (利用者のページ), seed 003: a municipal library that does not name itself.
// The seed covers the patron's web page: password, reservations with per-type limits and
// non-reservable categories, loan renewal, new-arrival mail, read-later list and reading record.

// assumed: 003 gives no opening days; the usual pattern with a 2nd-Tuesday housekeeping day.
const libraryCalendar = () => usualLibraryCalendar({ monthlyClosedDay: nthWeekday(2, TUESDAY) });

export const userpagePreset: LibrarySystemPreset = {
  slug: "userpage",
  name: { ja: "「利用者のページ」の図書館", en: "The “User Page” Library" },
  source: "seeds/003_bc61c83bf8195e0e.txt",
  policy: {
    eligibility: {
      // NOTE: 003 never names its city (市内在住…); "本市" ("this city") stands in until an operator
      // sets the real municipality.
      areaMunicipalities: ["本市"], // 003: 市内在住または、在勤・在学の方
      areaPrefecture: null, // 003: a municipal library
      bases: ["resident", "worker", "student"], // 003: 市内在住または、在勤・在学
      // NOTE: 003 has wide-area patrons (広域利用者, 青色のカード) but does not name their
      // municipalities, so the list is empty until an operator fills it.
      wideAreaMunicipalities: [],
      workerStudentProofRequired: true, // assumed: 003 does not cover registration; as at 000
      acceptedIdDocuments: ["driversLicence", "healthInsuranceCard", "myNumberCard", "residenceCard"], // assumed: as at 000
      supplementaryDocumentMaxAgeMonths: 3, // assumed: as at 000
      supplementaryDocuments: ["residenceCertificate", "utilityBill"], // assumed: as at 000
    },
    registration: {
      validity: { kind: "fixedYears", years: 3 }, // assumed: 003 mentions 利用券の更新 but no period
      renewalWindowDaysBeforeExpiry: 30, // assumed: as at 002
      renewAfterUnusedYears: null, // assumed: 003 has no such rule
      purgeAfterExpiryDays: null, // assumed: 003 does not say
      counterReminderDaysBeforeExpiry: null, // assumed: 003 mentions no reminder
      cardNumber: {
        length: 10, // assumed: 003 does not describe card numbers
        prefix: "", // assumed: old "07…" cards and newer ones coexist, so no fixed prefix
        checkDigit: "mod10w21", // assumed
        start: "A", // assumed: NW-7 start and stop characters A…A
        stop: "A",
        mustRenewPrefix: "07", // 003: 利用券番号が「07」で始まる方は、まず図書館で利用券の更新をお願いします
      },
      loss: {
        temporaryCard: false, // assumed: 003 does not cover losses
        temporaryCardCanBorrow: false, // assumed
        reissueAfterDays: null, // assumed: reissued when reported
        reissueChangesCardNumber: true, // assumed: the lost number is withdrawn
      },
      proxies: {
        allowed: true, // assumed: 003 does not cover proxies; as at 000
        letterRequiredWithoutCard: true, // assumed: as at 000
      },
      myNumber: {
        linkOffered: false, // 003: no My Number card link
        autoRenewalMonths: null, // 003: no link
        autoRenewalExcludesNonResidentWorkersStudents: false, // 003: no automatic renewal
      },
      felicaPerPatron: 0, // 003: no FeliCa credential
      lineLink: false, // 003: no LINE link
      elibrary: false, // 003: no e-library mentioned
      guardianRegistersChildrenUpTo: "endOfPrimarySchool", // 000: 本人または小学生以下の児童の保護者
    },
    loans: {
      totalLimit: 10, // assumed: 003 does not give loan limits (its per-type limits are for reservations)
      perTypeLimits: [], // assumed: none (003's 図書 5点… are reservation limits)
      periodDays: 14, // assumed: two weeks, matching 003's two-week renewal
      renewal: {
        maxRenewals: 1, // 003: 更新は各資料1回まで可能です
        base: "dueDate", // 003: 最初の返却期限日から2週間延長
        periodDays: 14, // 003: 2週間延長
        allowedOnLoanDay: true, // 003: 即日更新可能
        refuseWhenOverdue: true, // 003: 返却期限が過ぎた資料は更新できません
        refuseWhenReservedByOther: true, // assumed: 003 shows 「更新できません」 without reasons; as at 001
        refuseIll: true, // assumed: as at 001
        channels: ["web", "counter"], // 003: 「利用者のページ」の「貸出タブ」; the counter assumed
      },
      walkInBorrowerFirst: true, // 003: 貸出は、来館者を優先とします
      // assumed: no seed states notice days; a reminder 2 days before, then weekly overdue mail, 3 at most
      notices: {
        courtesyDaysBeforeDue: 2,
        overdueDaysAfterDue: 1,
        overdueRepeatDays: 7,
        overdueMaxNotices: 3,
      },
      // assumed: the seeds name no overrides; staff may lend past the limit, in-library material or a held item
      overridable: ["LOAN_LIMIT_REACHED", "ITEM_NOT_LOANABLE", "ITEM_ON_HOLD_FOR_ANOTHER_PATRON"],
      deliveryLending: null, // assumed: 003 offers no delivery lending
    },
    returns: {
      toLendingServicePointOnly: {
        materialTypes: ["bigBook", "kamishibaiStage"], // assumed: 003 does not cover returns; as at 001
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
      allowedBases: ["resident", "worker", "student"], // 003: 市内在住または、在勤・在学の方に限り予約ができます
      wideAreaMayReserve: false, // 003: 広域利用者(青色のカード)の方も…利用できますが、予約はできません
      emailRequiredForWeb: true, // 003: 予約確保の連絡を受け取るために、メールアドレスの登録が必要です
      channels: ["counter", "web"], // 003: 来館予約とインターネット予約
      totalLimit: null, // 003: per-type limits only
      totalIncludesRequests: false, // 003: no total
      perChannelLimits: [], // 003: limits count counter and web together (来館予約とインターネット予約あわせて)
      perTypeLimits: [
        { label: { ja: "図書", en: "Books" }, materialTypes: ["book"], limit: 5 }, // 003: 図書 5点
        // 003: 雑誌(週刊誌は除く)2点 — weekly magazines are not reservable at all (below)
        { label: { ja: "雑誌", en: "Magazines" }, materialTypes: ["magazine"], limit: 2 },
        {
          label: { ja: "視聴覚資料", en: "Audiovisual materials" },
          materialTypes: ["audiovisual", "cd", "audiobookCd", "dvd"],
          limit: 2, // 003: 視聴覚資料 2点
        },
        { label: { ja: "紙芝居", en: "Kamishibai" }, materialTypes: ["kamishibai"], limit: 2 }, // 003: 紙芝居 2点
      ],
      notReservable: [
        {
          // 003: 雑誌(最新号) not reservable, but 「雑誌の最新号の予約は受付にてお申し込みください」:
          // refused on the web only.
          reason: { ja: "雑誌(最新号)", en: "Latest magazine issue" },
          flags: ["latestIssue"],
          channels: ["web"],
        },
        // 003: 参考資料(請求記号R)
        { reason: { ja: "参考資料(請求記号R)", en: "Reference (call number R)" }, callNumberPrefixes: ["R"] },
        // 003: 郷土資料(請求記号A)
        {
          reason: { ja: "郷土資料(請求記号A)", en: "Local history (call number A)" },
          callNumberPrefixes: ["A"],
        },
        // 003: マンガ(請求記号M)
        { reason: { ja: "マンガ(請求記号M)", en: "Manga (call number M)" }, callNumberPrefixes: ["M"] },
        // 003: 週刊誌
        { reason: { ja: "週刊誌", en: "Weekly magazines" }, materialTypes: ["weeklyMagazine"] },
        {
          // 003: DVD(館内用). NOTE: read as "a DVD AND in-library only"; the schema does not say whether
          // a rule's materialTypes and flags combine with AND or OR (AND is the reading that works here).
          reason: { ja: "DVD(館内用)", en: "In-library DVDs" },
          materialTypes: ["dvd"],
          flags: ["inLibraryOnly"],
        },
        {
          // 003: 団体貸出用資料(大型絵本、大型紙芝居) — big books and large kamishibai for group lending
          reason: {
            ja: "団体貸出用資料(大型絵本、大型紙芝居)",
            en: "Group-lending big books and kamishibai",
          },
          materialTypes: ["bigBook", "kamishibai"],
          flags: ["groupLending"],
        },
      ],
      itemLevelAllowed: false, // assumed: 003 reserves from the bibliographic record (書誌情報画面)
      pickup: {
        days: 7, // 003: 「予約資料確保メール」が届いてから、1週間以内
        dayKind: "calendarDays", // 003: 1週間
        pickupServicePointTypes: ["main", "branch"], // 003: 受取希望館 (本館 and others)
        untransportableAtMainOnly: true, // 003: 搬送に適さない資料は本館受取り
      },
      contactMethods: ["email"], // 003: 「連絡方法」(※メールのみ)
      webCannotCancelReady: true, // 003: 予約の準備が完了した資料は、インターネットでの取消しはできません
      cart: {
        maxTitles: 10, // assumed: 003 gives no cart size
        keptAfterBrowserCloses: true, // assumed: the patron is signed in, so the cart is kept with the account
        signInWhenAdding: true, // 003: 「予約カートにいれる」をクリックし、ログイン認証を行います
      },
    },
    requests: {
      offered: true, // assumed: 003 does not cover requests
      channels: ["counter"], // assumed: as at 001
      onlyForTitlesNotHeld: true, // assumed: as at 001
      refusedCategories: [], // assumed: none listed
      postagePaidBy: "patron", // assumed: as at 001
    },
    onlineRegistration: {
      offered: false, // assumed: 003 covers no online registration
      procedures: [], // assumed: none
      verificationLinkMinutes: 60, // assumed: unused while not offered
      receiptNumberPrefix: "", // assumed: unused
      receiptNumberDigits: 6, // assumed: unused
      usableFromOpeningDay: 1, // assumed: unused
      reviewOpeningDays: { min: 1, max: 1 }, // assumed: unused
      unansweredInquiryLimit: 3, // assumed: unused
      inquiryReplyDays: 7, // assumed: unused
      photoRetentionDaysAfterDecision: 30, // assumed: unused
      photoMaxBytes: 10_000_000, // assumed: unused
      registrationKits: false, // assumed: no kits
      deliveryLendingApplication: false, // assumed: no delivery lending
      postal: null, // assumed: no registration by post
    },
    webServices: {
      password: {
        minLength: 8, // 003: 任意のパスワード(英数文字8桁以上)
        requireLettersAndDigits: true, // 003: 英数文字 — read as letters and digits
        caseSensitive: true, // assumed: 003 does not say; as at 001 (the schema requires it)
      },
      loanHistory: false, // 003: the reading record keeps past loans instead
      readingRecord: true, // 003: 読書記録 (monthly counts, yearly goal; off deletes all)
      readLaterList: true, // 003: 今度読みたい本
      myBookshelf: false, // assumed: not in 003
      favourites: false, // assumed: not in 003
      newArrivalMail: {
        offered: true, // 003: 新着資料案内
        weekday: MONDAY, // assumed: 003 gives no day; as at 001
        by: ["author", "genre"], // 003: 好きな著者やジャンルを登録
      },
      smartphoneCard: false, // assumed: not in 003
    },
    reference: { offered: false, channels: [], notAnswered: [] }, // assumed: the seed describes no reference service
    fees: {
      photocopyMonoYen: 10, // assumed: 003 gives no fees; as at 001
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
      name: { ja: "本館", en: "Main Library" },
      type: "main", // 003: 本館 (untransportable items are picked up here)
      acceptedCredentials: ["card"], // 003: 利用券
      calendar: libraryCalendar(),
      bookDrops: [
        {
          code: "main-drop",
          name: { ja: "本館ブックポスト", en: "Main Library book drop" },
          calendar: openEveryDayExceptNewYear(), // assumed: 003 says nothing of book drops
        },
      ],
      district: null,
      municipality: null,
      hostServicePoint: null,
    },
    // assumed: 003 mentions libraries other than the 本館 (本館以外) without naming them.
    {
      code: "north",
      name: { ja: "北分館", en: "North Branch Library" },
      type: "branch", // assumed
      acceptedCredentials: ["card"], // assumed: lending happens here
      calendar: libraryCalendar(), // assumed
      bookDrops: [],
      district: null,
      municipality: null,
      hostServicePoint: null,
    },
    {
      code: "south",
      name: { ja: "南分館", en: "South Branch Library" },
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
