import type { LibrarySystemPreset, ServicePoint } from "../domain/library-system.ts";
import { MONDAY, openEveryDayExceptNewYear, usualLibraryCalendar } from "./calendars.ts";

// Aomori Prefectural Library (青森県立図書館), seed 004: online registration with a registration
// kit (オンライン利用者登録セット) picked up at one of 59 partner facilities, 1–3 day review,
// acceptance e-mail, and the online lending service applied for at the same time.

/**
 * 004: 「オンライン利用者登録セット」が入手可能な施設一覧 (2023.10.1 現在), reconstructed:
 * - rows 19–24 are shifted one column right in the seed (the district in the municipality column);
 * - rows 25–29 and 53–59 are shifted one column left (the municipality in the district column);
 * - rows 50–52 are scrambled (50 is shifted right, 51–52 have the name in the district column);
 * - an empty municipality inherits the one above; districts follow the seed's six headings;
 * - two misprints fixed: row 12 鱒ヶ沢町 → 鰺ヶ沢町, row 24 平川市碓ヶ関公民館 → 平川市碇ヶ関公民館.
 */
const partnerList: ReadonlyArray<
  readonly [no: number, district: string, municipality: string, ja: string, en: string]
> = [
  [1, "東青地区", "青森市", "青森市浪岡中央公民館", "Aomori City Namioka Central Community Centre"],
  [2, "東青地区", "平内町", "平内町立図書館", "Hiranai Town Library"],
  [3, "東青地区", "今別町", "今別町中央公民館", "Imabetsu Town Central Community Centre"],
  [4, "東青地区", "今別町", "今別町町民ふれあい文庫", "Imabetsu Town Fureai Library"],
  [5, "東青地区", "外ヶ浜町", "外ヶ浜町中央公民館", "Sotogahama Town Central Community Centre"],
  [6, "東青地区", "蓬田村", "蓬田村ふるさと総合センター", "Yomogita Village Furusato Centre"],
  [7, "西北五地区", "五所川原市", "五所川原市立図書館", "Goshogawara City Library"],
  [8, "西北五地区", "五所川原市", "五所川原市立図書館金木分館", "Goshogawara City Library Kanagi Branch"],
  [9, "西北五地区", "五所川原市", "五所川原市立図書館市浦分館", "Goshogawara City Library Shiura Branch"],
  [10, "西北五地区", "つがる市", "つがる市立図書館", "Tsugaru City Library"],
  [
    11,
    "西北五地区",
    "つがる市",
    "つがる市教育委員会「松の館」",
    "Tsugaru City Board of Education Matsu no Yakata",
  ],
  [12, "西北五地区", "鰺ヶ沢町", "日本海拠点館", "Nihonkai Kyotenkan (Ajigasawa)"], // seed: 鱒ヶ沢町 (misprint)
  [13, "西北五地区", "深浦町", "「太宰の宿」ふかうら文学館", "Fukaura Literary Museum “Dazai no Yado”"],
  [14, "西北五地区", "深浦町", "深浦町公民館岩崎分館", "Fukaura Town Community Centre Iwasaki Branch"],
  [15, "西北五地区", "板柳町", "板柳町民図書館", "Itayanagi Town Library"],
  [16, "西北五地区", "鶴田町", "鶴田町公民館", "Tsuruta Town Community Centre"],
  [17, "西北五地区", "中泊町", "中泊町図書館", "Nakadomari Town Library"],
  [
    18,
    "西北五地区",
    "中泊町",
    "中泊町教育委員会小泊事務所(中泊町日本海漁火センター)",
    "Nakadomari Town Board of Education Kodomari Office (Nihonkai Isaribi Centre)",
  ],
  [19, "中弘南黒地区", "弘前市", "弘前市立弘前図書館", "Hirosaki City Hirosaki Library"],
  [20, "中弘南黒地区", "弘前市", "弘前市立岩木図書館", "Hirosaki City Iwaki Library"],
  [21, "中弘南黒地区", "黒石市", "黒石市立図書館", "Kuroishi City Library"],
  [22, "中弘南黒地区", "平川市", "平川市平賀図書館", "Hirakawa City Hiraka Library"],
  [23, "中弘南黒地区", "平川市", "平川市尾上図書館", "Hirakawa City Onoe Library"],
  [24, "中弘南黒地区", "平川市", "平川市碇ヶ関公民館", "Hirakawa City Ikarigaseki Community Centre"], // seed: 碓ヶ関 (misprint)
  [25, "中弘南黒地区", "藤崎町", "藤崎町図書館大夢", "Fujisaki Town Library Taimu"],
  [
    26,
    "中弘南黒地区",
    "藤崎町",
    "藤崎町常盤公民館(常盤生涯学習文化会館)",
    "Fujisaki Town Tokiwa Community Centre (Tokiwa Lifelong Learning and Culture Hall)",
  ],
  [27, "中弘南黒地区", "大鰐町", "大鰐町中央公民館", "Owani Town Central Community Centre"],
  [28, "中弘南黒地区", "西目屋村", "西目屋村中央公民館", "Nishimeya Village Central Community Centre"],
  [29, "中弘南黒地区", "田舎館村", "田舎館村中央公民館", "Inakadate Village Central Community Centre"],
  [30, "上十三地区", "十和田市", "十和田市民図書館", "Towada City Library"],
  [31, "上十三地区", "三沢市", "三沢市立図書館", "Misawa City Library"],
  [32, "上十三地区", "野辺地町", "野辺地町立図書館", "Noheji Town Library"],
  [33, "上十三地区", "七戸町", "七戸中央図書館", "Shichinohe Central Library"],
  [34, "上十三地区", "七戸町", "七戸中央公民館", "Shichinohe Central Community Centre"],
  [35, "上十三地区", "おいらせ町", "おいらせ町立図書館", "Oirase Town Library"],
  [36, "上十三地区", "おいらせ町", "おいらせ町立北公民館", "Oirase Town North Community Centre"],
  [37, "上十三地区", "六戸町", "六戸町立図書館", "Rokunohe Town Library"],
  [38, "上十三地区", "横浜町", "横浜町民図書館", "Yokohama Town Library"],
  [39, "上十三地区", "東北町", "東北町立図書館", "Tohoku Town Library"],
  [
    40,
    "上十三地区",
    "東北町",
    "東北町立図書館乙供分室(東北町中央公民館)",
    "Tohoku Town Library Ottomo Branch Office (Tohoku Town Central Community Centre)",
  ],
  [41, "上十三地区", "六ヶ所村", "六ヶ所村民図書館", "Rokkasho Village Library"],
  [42, "むつ下北地区", "むつ市", "むつ市立図書館", "Mutsu City Library"],
  [43, "むつ下北地区", "むつ市", "むつ市立図書館川内分館", "Mutsu City Library Kawauchi Branch"],
  [44, "むつ下北地区", "むつ市", "むつ市立図書館大畑分館", "Mutsu City Library Ohata Branch"],
  [
    45,
    "むつ下北地区",
    "むつ市",
    "むつ市立図書館脇野沢分館(脇野沢地域交流センター)",
    "Mutsu City Library Wakinosawa Branch (Wakinosawa Community Centre)",
  ],
  [
    46,
    "むつ下北地区",
    "大間町",
    "北通り総合文化センター「ウイング」",
    "Kitadori General Culture Centre “Wing”",
  ],
  [47, "むつ下北地区", "東通村", "東通村教育委員会", "Higashidori Village Board of Education"],
  [48, "むつ下北地区", "風間浦村", "風間浦村中央公民館", "Kazamaura Village Central Community Centre"],
  [49, "むつ下北地区", "佐井村", "佐井村中央公民館", "Sai Village Central Community Centre"],
  [50, "三八地区", "八戸市", "八戸市立図書館", "Hachinohe City Library"],
  [51, "三八地区", "八戸市", "八戸市図書情報センター", "Hachinohe City Library Information Centre"],
  [52, "三八地区", "八戸市", "八戸市立南郷図書館", "Hachinohe City Nango Library"],
  [53, "三八地区", "三戸町", "三戸町立図書館", "Sannohe Town Library"],
  [54, "三八地区", "五戸町", "五戸町図書館", "Gonohe Town Library"],
  [55, "三八地区", "田子町", "田子町立図書館", "Takko Town Library"],
  [56, "三八地区", "南部町", "南部町立名川中学校図書室", "Nanbu Town Nagawa Junior High School Library"],
  [57, "三八地区", "南部町", "南部町立福地公民館", "Nanbu Town Fukuchi Community Centre"],
  [58, "三八地区", "階上町", "階上町ハートフルプラザ・はしかみ", "Hashikami Town Heartful Plaza Hashikami"],
  [
    59,
    "三八地区",
    "新郷村",
    "新郷村教育委員会(山村開発センター)",
    "Shingo Village Board of Education (Mountain Village Development Centre)",
  ],
];

const partnerServicePoints: ServicePoint[] = partnerList.map(([no, district, municipality, ja, en]) => ({
  code: `partner-${String(no).padStart(2, "0")}`,
  name: { ja, en },
  type: "partner", // 004: 「オンライン利用者登録セット」が入手可能な施設
  acceptedCredentials: [], // 004: partners hand out kits; they do not lend the prefectural library's items
  calendar: usualLibraryCalendar(), // assumed: 004 gives no opening days; the usual municipal pattern
  bookDrops: [],
  district, // 004: 地区
  municipality, // 004: 市町村名
  hostServicePoint: null,
}));

export const aomoriPreset: LibrarySystemPreset = {
  slug: "aomori",
  name: { ja: "青森県立図書館", en: "Aomori Prefectural Library" },
  source: "seeds/004_8066ee0acf7ddf17.txt",
  policy: {
    eligibility: {
      // assumed: 004 does not say who may register; the prefecture's 40 municipalities, the same
      // 40 as in the partner list (県内の図書館・公民館等)
      areaMunicipalities: [
        "青森市",
        "平内町",
        "今別町",
        "外ヶ浜町",
        "蓬田村",
        "五所川原市",
        "つがる市",
        "鰺ヶ沢町",
        "深浦町",
        "板柳町",
        "鶴田町",
        "中泊町",
        "弘前市",
        "黒石市",
        "平川市",
        "藤崎町",
        "大鰐町",
        "西目屋村",
        "田舎館村",
        "十和田市",
        "三沢市",
        "野辺地町",
        "七戸町",
        "おいらせ町",
        "六戸町",
        "横浜町",
        "東北町",
        "六ヶ所村",
        "むつ市",
        "大間町",
        "東通村",
        "風間浦村",
        "佐井村",
        "八戸市",
        "三戸町",
        "五戸町",
        "田子町",
        "南部町",
        "階上町",
        "新郷村",
      ],
      areaPrefecture: "青森県", // assumed: a prefectural library serves the prefecture (004 does not say)
      bases: ["resident", "worker", "student"], // assumed: 004 does not say
      wideAreaMunicipalities: [], // assumed: no wide-area partners beyond the prefecture
      workerStudentProofRequired: true, // assumed: as at 000
      acceptedIdDocuments: [
        "driversLicence", // assumed: 004 「氏名・住所の確認書類」 without a list
        "healthInsuranceCard", // assumed
        "myNumberCard", // assumed
        "residenceCard", // assumed
        "residenceCertificate", // assumed
      ],
      supplementaryDocumentMaxAgeMonths: 3, // assumed: as at 000
      supplementaryDocuments: ["residenceCertificate", "utilityBill"], // assumed: as at 000
    },
    registration: {
      validity: { kind: "fixedYears", years: 3 }, // assumed: 004 mentions 登録更新 but no period
      renewalWindowDaysBeforeExpiry: 30, // assumed: as at 002
      renewAfterUnusedYears: null, // assumed: no such rule in 004
      purgeAfterExpiryDays: null, // assumed: 004 does not say
      counterReminderDaysBeforeExpiry: null, // assumed: 004 mentions no reminder
      cardNumber: {
        length: 10, // assumed: 004's kit cards carry a pre-printed number, format not given
        prefix: "", // assumed
        checkDigit: "mod10w21", // assumed
        start: "A", // assumed: NW-7 start and stop characters A…A
        stop: "A",
        mustRenewPrefix: null, // assumed
      },
      loss: {
        temporaryCard: false, // assumed: 004 does not cover losses
        temporaryCardCanBorrow: false, // assumed
        reissueAfterDays: null, // assumed
        reissueChangesCardNumber: true, // assumed: the lost number is withdrawn
      },
      proxies: {
        allowed: true, // assumed: as at 000
        letterRequiredWithoutCard: true, // assumed: as at 000
      },
      myNumber: {
        linkOffered: false, // 004: no My Number card link
        autoRenewalMonths: null, // 004: no link
        autoRenewalExcludesNonResidentWorkersStudents: false, // 004: no automatic renewal
      },
      felicaPerPatron: 0, // 004: no FeliCa credential
      lineLink: false, // 004: no LINE link
      elibrary: false, // 004: no e-library mentioned
      guardianRegistersChildrenUpTo: "endOfPrimarySchool", // 000: 本人または小学生以下の児童の保護者
    },
    loans: {
      totalLimit: 10, // assumed: 004 does not cover loans
      perTypeLimits: [], // assumed: none
      periodDays: 14, // assumed: two weeks
      renewal: {
        maxRenewals: 1, // assumed: as at 001 and 003
        base: "dueDate", // assumed: as at 003, fairer to patrons waiting on delivery
        periodDays: 14, // assumed
        allowedOnLoanDay: true, // assumed: as at 003
        refuseWhenOverdue: true, // assumed: as at 001
        refuseWhenReservedByOther: true, // assumed: as at 001
        refuseIll: true, // assumed: as at 001
        channels: ["counter", "web"], // assumed
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
      deliveryLending: {
        // NOTE: 004 says online lending works 来館することなく but not how items travel, nor limits;
        // the values below are assumed, modelled on 001's postal loans.
        kind: "online", // 004: 「オンライン貸出サービス」
        limit: 10, // assumed: as at 001
        periodDays: 21, // assumed: three weeks including transport, as at 001
        postagePaidBy: "patron", // assumed: as at 001
        parcelReturnTo: "main", // assumed: returned by parcel to the prefectural library
        reservedItemsOnly: false, // assumed: 004 does not say which copies go out
        postedFrom: null, // 004 does not say
        reservationChannels: ["web"], // assumed: applied for online, as the service itself
      },
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
      returnPointAcceptedMaterialTypes: [], // assumed: partners are not return points
    },
    holds: {
      allowedBases: ["resident", "worker", "student"], // assumed: every card holder
      wideAreaMayReserve: true, // assumed: no wide-area patrons anyway
      emailRequiredForWeb: true, // assumed: online patrons registered with an e-mail address (受理メール)
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
        pickupServicePointTypes: ["main"], // assumed: only the prefectural library hands out holds
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
      offered: true, // assumed: 004 does not cover requests
      channels: ["counter"], // assumed: as at 001
      onlyForTitlesNotHeld: true, // assumed: as at 001
      refusedCategories: [], // assumed: none listed
      postagePaidBy: "patron", // assumed: as at 001
    },
    onlineRegistration: {
      offered: true, // 004: オンライン利用者登録サービス (via 青森県電子申請・届出システム)
      // 004: 新規登録のほか、利用者カードの登録更新手続きや、登録内容の変更手続きもできます
      // (この場合「オンライン利用者登録セット」は必要ありません)
      procedures: ["newRegistration", "renewRegistration", "changeOfDetails"],
      verificationLinkMinutes: 60, // assumed: 004 does not describe the e-application's e-mail check
      receiptNumberPrefix: "", // assumed: the prefectural e-application system numbers applications itself
      receiptNumberDigits: 6, // assumed
      usableFromOpeningDay: 3, // assumed: 004 受理メールが届いたら…使えるようになります, after 1–3 days
      // NOTE: 004 says 1～3日程度 (days); the schema counts opening days, so the library's closed days
      // lengthen the wait slightly compared with the seed.
      reviewOpeningDays: { min: 1, max: 3 }, // 004: 1～3日程度
      unansweredInquiryLimit: 3, // assumed: 004 does not mention inquiries
      inquiryReplyDays: 7, // assumed
      photoRetentionDaysAfterDecision: 30, // assumed: 004 does not say how long the images are kept
      photoMaxBytes: 10_000_000, // assumed: 10 MB, a phone photo
      registrationKits: true, // 004: オンライン利用者登録セット (無記名の利用者カードとマニュアル)
      deliveryLendingApplication: true, // 004: 「オンライン貸出サービス」も同時に申し込んでいれば
      postal: null, // 004: no registration by post
    },
    webServices: {
      password: {
        minLength: 8, // assumed: 004 does not cover web services; as at 003
        requireLettersAndDigits: true, // assumed: as at 003
        caseSensitive: true, // assumed: as at 001 (the schema requires it)
      },
      loanHistory: false, // assumed: not in 004
      readingRecord: false, // assumed: not in 004
      readLaterList: false, // assumed: not in 004
      myBookshelf: false, // assumed: not in 004
      favourites: false, // assumed: not in 004
      newArrivalMail: {
        offered: false, // assumed: not in 004
        weekday: MONDAY, // assumed: unused while not offered
        by: [], // assumed: not offered
      },
      smartphoneCard: false, // 004: a printed card from the kit (利用者カード)
    },
    reference: { offered: false, channels: [], notAnswered: [] }, // assumed: the seed describes no reference service
    fees: {
      photocopyMonoYen: 10, // assumed: 004 gives no fees; as at 001
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
      name: { ja: "青森県立図書館", en: "Aomori Prefectural Library" },
      type: "main", // 004: 青森県立図書館 reviews applications and lends
      acceptedCredentials: ["card"], // 004: 利用者カード
      calendar: usualLibraryCalendar(), // assumed: 004 gives no opening days
      bookDrops: [
        {
          code: "main-drop",
          name: { ja: "県立図書館ブックポスト", en: "Prefectural Library book drop" },
          calendar: openEveryDayExceptNewYear(), // assumed: 004 says nothing of book drops
        },
      ],
      district: null, // not a partner row
      municipality: null, // not a partner row
      hostServicePoint: null,
    },
    ...partnerServicePoints,
  ],
};
