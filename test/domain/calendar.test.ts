import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  addOpeningDays,
  calendarDay,
  calendarDays,
  isOpen,
  nextOpeningDay,
} from "../../src/domain/calendar/calendar.ts";
import {
  type CalendarDay,
  type CalendarRules,
  calendarRulesSchema,
  type IsoDate,
} from "../../src/domain/calendar/calendar-rules.ts";
import { addDays, compareDates, daysBetween, weekdayOf } from "../../src/domain/calendar/dates.ts";
import { holidayName } from "../../src/domain/calendar/holidays.ts";

// Holidays 2026–2027 as given by @holiday-jp/holiday_jp (checked against the package's table):
// 2026-01-01 Thu 元日, 01-12 Mon 成人の日, 02-11 Wed, 02-23 Mon, 03-20 Fri, 04-29 Wed, 05-03 Sun, 05-04 Mon,
// 05-05 Tue, 05-06 Wed 振替休日, 07-20 Mon 海の日, 08-11 Tue, 09-21 Mon 敬老の日, 09-22 Tue 休日 (国民の休日),
// 09-23 Wed 秋分の日, 10-12 Mon, 11-03 Tue, 11-23 Mon; 2027-01-01 Fri, 01-11 Mon, 03-21 Sun, 03-22 Mon 振替休日.

const MONDAY = 1;
const THURSDAY = 4;

const SEIJIN = { ja: "成人の日", en: "Coming of Age Day" };
const KENKOKU = { ja: "建国記念の日", en: "National Foundation Day" };
const SHOWA = { ja: "昭和の日", en: "Showa Day" };
const KENPO = { ja: "憲法記念日", en: "Constitution Memorial Day" };
const MIDORI = { ja: "みどりの日", en: "Greenery Day" };
const KODOMO = { ja: "こどもの日", en: "Children's Day" };
const KODOMO_FURIKAE = { ja: "こどもの日 振替休日", en: "Holiday in lieu" };
const UMI = { ja: "海の日", en: "Marine Day" };
const YAMA = { ja: "山の日", en: "Mountain Day" };
const KEIRO = { ja: "敬老の日", en: "Respect for the Aged Day" };
const KOKUMIN = { ja: "休日", en: "Citizen's Holiday" };
const SHUBUN = { ja: "秋分の日", en: "Autumnal Equinox Day" };
const BUNKA = { ja: "文化の日", en: "National Culture Day" };
const KINRO = { ja: "勤労感謝の日", en: "Labor Thanksgiving Day" };
const GANJITSU = { ja: "元日", en: "New Year's Day" };
const SHUNBUN = { ja: "春分の日", en: "Vernal Equinox Day" };
const SHUNBUN_FURIKAE = { ja: "春分の日 振替休日", en: "Holiday in lieu" };

const RENOVATION = { ja: "改修工事のため休館", en: "Closed for renovation" };
const EVENT = { ja: "図書館まつり", en: "Library festival" };

/** A typical municipal library: closed on Mondays (「祝日の場合は翌平日」) and over the New Year. */
function rules(overrides: Partial<CalendarRules> = {}): CalendarRules {
  return calendarRulesSchema.parse({
    weeklyClosedDays: [MONDAY],
    holidays: "closedDayMovesToNextWeekday",
    newYearClosure: { from: "12-29", to: "01-03" },
    monthlyClosedDay: null,
    closures: [],
    specialOpenings: [],
    ...overrides,
  });
}

type DayCase = {
  name: string;
  date: IsoDate;
  open: boolean;
  reason?: CalendarDay["reason"];
  note?: CalendarDay["note"];
};

/** One test per case, each checking the whole CalendarDay (reason and note default to null). */
function dayTable(title: string, calendar: CalendarRules, cases: DayCase[]): void {
  describe(title, () => {
    for (const c of cases) {
      test(`${c.name} (${c.date})`, () => {
        const expected: CalendarDay = {
          date: c.date,
          open: c.open,
          reason: c.reason ?? null,
          note: c.note ?? null,
        };
        assert.deepEqual(calendarDay(calendar, c.date), expected);
        assert.equal(isOpen(calendar, c.date), c.open);
      });
    }
  });
}

describe("date helpers", () => {
  const additions: [string, IsoDate, number, IsoDate][] = [
    ["adding zero days keeps the date", "2026-06-01", 0, "2026-06-01"],
    ["adding a day crosses the month end", "2026-01-31", 1, "2026-02-01"],
    ["adding a day crosses the year end", "2026-12-31", 1, "2027-01-01"],
    ["February 28 is followed by March 1 in a common year", "2026-02-28", 1, "2026-03-01"],
    ["February 28 is followed by February 29 in a leap year", "2028-02-28", 1, "2028-02-29"],
    ["negative days go back across the year end", "2027-01-01", -1, "2026-12-31"],
    ["adding 365 days to 2026-01-01 lands on 2027-01-01", "2026-01-01", 365, "2027-01-01"],
  ];
  for (const [name, date, n, expected] of additions) {
    test(name, () => assert.equal(addDays(date, n), expected));
  }

  const weekdays: [IsoDate, number][] = [
    ["2026-01-11", 0],
    ["2026-01-12", 1],
    ["2026-05-06", 3],
    ["2026-12-31", 4],
    ["2027-01-01", 5],
    ["2026-01-10", 6],
  ];
  for (const [date, weekday] of weekdays) {
    test(`${date} is weekday ${weekday} (0 = Sunday)`, () => assert.equal(weekdayOf(date), weekday));
  }

  test("compareDates orders dates chronologically", () => {
    assert.equal(compareDates("2026-12-31", "2027-01-01"), -1);
    assert.equal(compareDates("2026-06-01", "2026-06-01"), 0);
    assert.equal(compareDates("2026-06-02", "2026-06-01"), 1);
  });

  test("daysBetween counts days across a leap day", () => {
    assert.equal(daysBetween("2028-02-28", "2028-03-01"), 2);
    assert.equal(daysBetween("2026-06-02", "2026-06-01"), -1);
  });

  for (const bad of ["2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026/01/01", "26-01-01", ""]) {
    test(`"${bad}" is rejected as a date`, () => {
      assert.throws(() => addDays(bad, 1), RangeError);
      assert.throws(() => calendarDay(rules(), bad), RangeError);
    });
  }

  test("addDays rejects a fractional number of days", () => {
    assert.throws(() => addDays("2026-06-01", 0.5), RangeError);
  });
});

describe("holiday lookup", () => {
  const cases: [string, IsoDate, CalendarDay["note"]][] = [
    ["a fixed national holiday has its name", "2026-02-11", KENKOKU],
    ["a Happy Monday holiday has its name", "2026-01-12", SEIJIN],
    ["a substitute holiday (振替休日) is a holiday", "2026-05-06", KODOMO_FURIKAE],
    ["a citizens' holiday (国民の休日) between two holidays is a holiday", "2026-09-22", KOKUMIN],
    ["an ordinary day is not a holiday", "2026-06-01", null],
    ["New Year's Eve is not a national holiday", "2026-12-31", null],
  ];
  for (const [name, date, expected] of cases) {
    test(`${name} (${date})`, () => assert.deepEqual(holidayName(date), expected));
  }
});

dayTable("weekly closed day", rules({ holidays: "open", newYearClosure: null }), [
  { name: "an ordinary Monday is closed", date: "2026-06-08", open: false, reason: "weeklyClosed" },
  { name: "the Sunday before is open", date: "2026-06-07", open: true },
  { name: "the Tuesday after is open", date: "2026-06-09", open: true },
]);

dayTable("several weekly closed days", rules({ weeklyClosedDays: [MONDAY, THURSDAY] }), [
  { name: "the first weekly closed day closes", date: "2026-06-08", open: false, reason: "weeklyClosed" },
  { name: "the second weekly closed day closes", date: "2026-06-11", open: false, reason: "weeklyClosed" },
  { name: "a day between them is open", date: "2026-06-10", open: true },
]);

dayTable("holiday rule: open", rules({ holidays: "open" }), [
  { name: "a midweek holiday is open with its name", date: "2026-02-11", open: true, note: KENKOKU },
  {
    name: "a Monday holiday stays closed as the weekly closed day",
    date: "2026-01-12",
    open: false,
    reason: "weeklyClosed",
    note: SEIJIN,
  },
  { name: "the Tuesday after a Monday holiday is not closed instead", date: "2026-01-13", open: true },
  { name: "a Golden Week holiday on a Tuesday is open", date: "2026-05-05", open: true, note: KODOMO },
]);

dayTable("holiday rule: closed", rules({ holidays: "closed" }), [
  { name: "a midweek holiday is closed", date: "2026-02-11", open: false, reason: "holiday", note: KENKOKU },
  { name: "the day after a midweek holiday is open", date: "2026-02-12", open: true },
  {
    name: "a substitute holiday is closed",
    date: "2026-05-06",
    open: false,
    reason: "holiday",
    note: KODOMO_FURIKAE,
  },
  {
    name: "a citizens' holiday is closed",
    date: "2026-09-22",
    open: false,
    reason: "holiday",
    note: KOKUMIN,
  },
  {
    name: "a Monday holiday reports the weekly closed day, which comes first",
    date: "2026-01-12",
    open: false,
    reason: "weeklyClosed",
    note: SEIJIN,
  },
  { name: "the Tuesday after a Monday holiday is open", date: "2026-01-13", open: true },
  { name: "the first day after Golden Week is open", date: "2026-05-07", open: true },
]);

dayTable("holiday rule: closedDayMovesToNextWeekday, Monday holidays", rules(), [
  { name: "a Monday holiday is open with its name", date: "2026-01-12", open: true, note: SEIJIN },
  {
    name: "a Monday holiday is open and the next weekday closes instead",
    date: "2026-01-13",
    open: false,
    reason: "substituteClosed",
  },
  { name: "the day after the substitute closed day is open", date: "2026-01-14", open: true },
  { name: "the Sunday before a Monday holiday is open", date: "2026-01-11", open: true },
  { name: "Marine Day on a Monday is open", date: "2026-07-20", open: true, note: UMI },
  {
    name: "the Tuesday after Marine Day closes instead",
    date: "2026-07-21",
    open: false,
    reason: "substituteClosed",
  },
  { name: "the Wednesday after Marine Day is open", date: "2026-07-22", open: true },
  { name: "Labour Thanksgiving on a Monday is open", date: "2026-11-23", open: true, note: KINRO },
  {
    name: "the Tuesday after it closes instead",
    date: "2026-11-24",
    open: false,
    reason: "substituteClosed",
  },
  { name: "an ordinary Monday is still closed", date: "2026-06-08", open: false, reason: "weeklyClosed" },
  { name: "a Wednesday holiday is open", date: "2026-02-11", open: true, note: KENKOKU },
  { name: "a holiday not on the weekly closed day moves nothing", date: "2026-02-12", open: true },
  { name: "a Tuesday holiday is open", date: "2026-08-11", open: true, note: YAMA },
  { name: "the day after a Tuesday holiday is open", date: "2026-08-12", open: true },
  {
    name: "a Tuesday holiday after an ordinary Monday owes nothing",
    date: "2026-11-03",
    open: true,
    note: BUNKA,
  },
  { name: "the day after that Tuesday holiday is open", date: "2026-11-04", open: true },
]);

dayTable("holiday rule: closedDayMovesToNextWeekday, Golden Week 2026", rules(), [
  { name: "Showa Day on a Wednesday is open", date: "2026-04-29", open: true, note: SHOWA },
  { name: "the Sunday holiday is open", date: "2026-05-03", open: true, note: KENPO },
  { name: "the Monday holiday is open", date: "2026-05-04", open: true, note: MIDORI },
  { name: "a holiday following the Monday holiday stays open", date: "2026-05-05", open: true, note: KODOMO },
  { name: "the substitute holiday stays open", date: "2026-05-06", open: true, note: KODOMO_FURIKAE },
  {
    name: "the first day after the run of holidays closes instead of the Monday",
    date: "2026-05-07",
    open: false,
    reason: "substituteClosed",
  },
  { name: "only one day closes for the moved Monday", date: "2026-05-08", open: true },
  { name: "the next Monday is closed as usual", date: "2026-05-11", open: false, reason: "weeklyClosed" },
]);

dayTable("holiday rule: closedDayMovesToNextWeekday, Silver Week 2026", rules(), [
  { name: "Respect for the Aged Day on a Monday is open", date: "2026-09-21", open: true, note: KEIRO },
  { name: "the citizens' holiday is open", date: "2026-09-22", open: true, note: KOKUMIN },
  { name: "the Autumnal Equinox Day is open", date: "2026-09-23", open: true, note: SHUBUN },
  {
    name: "the Thursday after the run of holidays closes instead",
    date: "2026-09-24",
    open: false,
    reason: "substituteClosed",
  },
  { name: "the Friday is open", date: "2026-09-25", open: true },
  { name: "the next Monday is closed as usual", date: "2026-09-28", open: false, reason: "weeklyClosed" },
]);

dayTable(
  "holiday rule: closedDayMovesToNextWeekday, two weekly closed days on one run of holidays",
  rules({ weeklyClosedDays: [0, MONDAY] }),
  [
    { name: "a Sunday holiday is open", date: "2027-03-21", open: true, note: SHUNBUN },
    { name: "the Monday substitute holiday is open", date: "2027-03-22", open: true, note: SHUNBUN_FURIKAE },
    {
      name: "the first day after the holidays closes instead",
      date: "2027-03-23",
      open: false,
      reason: "substituteClosed",
    },
    { name: "both moved closed days share that single day", date: "2027-03-24", open: true },
  ],
);

dayTable(
  "holiday rule: closedDayMovesToNextWeekday, the moved day skips days already closed",
  rules({
    monthlyClosedDay: { kind: "dayOfMonth", day: 13 },
    closures: [{ from: "2026-07-21", to: "2026-07-22", reason: RENOVATION }],
  }),
  [
    { name: "the Monday holiday is open", date: "2026-01-12", open: true, note: SEIJIN },
    {
      name: "the housekeeping day after it stays a housekeeping day",
      date: "2026-01-13",
      open: false,
      reason: "housekeeping",
    },
    {
      name: "the first day neither a holiday nor closed takes the moved closing",
      date: "2026-01-14",
      open: false,
      reason: "substituteClosed",
    },
    { name: "the day after is open", date: "2026-01-15", open: true },
    {
      name: "a closure right after a Monday holiday",
      date: "2026-07-22",
      open: false,
      reason: "closure",
      note: RENOVATION,
    },
    {
      name: "the moved closing lands after the closure",
      date: "2026-07-23",
      open: false,
      reason: "substituteClosed",
    },
  ],
);

dayTable(
  "holiday rule: closedDayMovesToNextWeekday, a Monday holiday closed anyway moves nothing",
  rules({ closures: [{ from: "2026-07-18", to: "2026-07-20", reason: RENOVATION }] }),
  [
    {
      name: "a Monday holiday inside a closure is closed",
      date: "2026-07-20",
      open: false,
      reason: "closure",
      note: RENOVATION,
    },
    { name: "the Tuesday after it is open", date: "2026-07-21", open: true },
    {
      name: "元日 on a Monday is closed for the New Year",
      date: "2029-01-01",
      open: false,
      reason: "newYear",
      note: GANJITSU,
    },
    { name: "the first day after the New Year closure is open", date: "2029-01-04", open: true },
  ],
);

dayTable(
  "holiday rule: closedDayMovesToNextWeekday, a special opening cancels the moved closing",
  rules({ specialOpenings: [{ date: "2026-01-13", reason: EVENT }] }),
  [
    {
      name: "the would-be substitute closed day opens",
      date: "2026-01-13",
      open: true,
      reason: "specialOpening",
      note: EVENT,
    },
    { name: "the closing is not moved further", date: "2026-01-14", open: true },
  ],
);

dayTable("New Year closure with Mondays closed", rules(), [
  {
    name: "the Monday before the closure is a weekly closed day",
    date: "2026-12-28",
    open: false,
    reason: "weeklyClosed",
  },
  { name: "the closure starts on 12-29", date: "2026-12-29", open: false, reason: "newYear" },
  { name: "New Year's Eve is closed", date: "2026-12-31", open: false, reason: "newYear" },
  {
    name: "New Year's Day is closed and named",
    date: "2027-01-01",
    open: false,
    reason: "newYear",
    note: GANJITSU,
  },
  { name: "the closure ends on 01-03 of the next year", date: "2027-01-03", open: false, reason: "newYear" },
  {
    name: "01-04 on a Monday is a weekly closed day",
    date: "2027-01-04",
    open: false,
    reason: "weeklyClosed",
  },
  { name: "01-05 is open", date: "2027-01-05", open: true },
  {
    name: "the closure also covers the start of the year",
    date: "2026-01-02",
    open: false,
    reason: "newYear",
  },
  { name: "01-04 on a Sunday is open", date: "2026-01-04", open: true },
]);

dayTable("New Year closure without a weekly closed day", rules({ weeklyClosedDays: [] }), [
  { name: "12-28 is open", date: "2026-12-28", open: true },
  { name: "12-29 is closed", date: "2026-12-29", open: false, reason: "newYear" },
  { name: "01-03 is closed", date: "2027-01-03", open: false, reason: "newYear" },
  { name: "01-04 is open", date: "2027-01-04", open: true },
]);

dayTable(
  "New Year closure within one year",
  rules({ weeklyClosedDays: [], holidays: "open", newYearClosure: { from: "12-29", to: "12-31" } }),
  [
    { name: "12-31 is closed", date: "2026-12-31", open: false, reason: "newYear" },
    { name: "01-01 is an open holiday", date: "2027-01-01", open: true, note: GANJITSU },
    { name: "12-28 is open", date: "2026-12-28", open: true },
  ],
);

dayTable("no New Year closure", rules({ weeklyClosedDays: [], holidays: "open", newYearClosure: null }), [
  { name: "12-30 is open", date: "2026-12-30", open: true },
]);

dayTable(
  "housekeeping day: third Thursday",
  rules({ monthlyClosedDay: { kind: "nthWeekday", n: 3, weekday: THURSDAY } }),
  [
    { name: "the third Thursday is closed", date: "2026-06-18", open: false, reason: "housekeeping" },
    { name: "the second Thursday is open", date: "2026-06-11", open: true },
    { name: "the fourth Thursday is open", date: "2026-06-25", open: true },
    { name: "the Wednesday before is open", date: "2026-06-17", open: true },
  ],
);

dayTable(
  "housekeeping day: fifth Thursday",
  rules({ monthlyClosedDay: { kind: "nthWeekday", n: 5, weekday: THURSDAY } }),
  [
    {
      name: "a month with five Thursdays closes on the fifth",
      date: "2026-04-30",
      open: false,
      reason: "housekeeping",
    },
    { name: "its fourth Thursday is open", date: "2026-04-23", open: true },
    { name: "a month with four Thursdays has no housekeeping day", date: "2026-06-25", open: true },
  ],
);

dayTable(
  "housekeeping day: last Thursday",
  rules({ monthlyClosedDay: { kind: "lastWeekday", weekday: THURSDAY } }),
  [
    { name: "the last Thursday is the fifth one", date: "2026-04-30", open: false, reason: "housekeeping" },
    { name: "the fourth Thursday is then open", date: "2026-04-23", open: true },
    { name: "the last Thursday is the fourth one", date: "2026-06-25", open: false, reason: "housekeeping" },
    { name: "the third Thursday is then open", date: "2026-06-18", open: true },
    {
      name: "the last Thursday of December falls in the New Year closure",
      date: "2026-12-31",
      open: false,
      reason: "newYear",
    },
  ],
);

dayTable(
  "housekeeping day: day of month",
  rules({ weeklyClosedDays: [], holidays: "closed", monthlyClosedDay: { kind: "dayOfMonth", day: 11 } }),
  [
    { name: "the 11th is closed", date: "2026-06-11", open: false, reason: "housekeeping" },
    { name: "the 10th is open", date: "2026-06-10", open: true },
    { name: "the 12th is open", date: "2026-06-12", open: true },
    {
      name: "a housekeeping day on a holiday reports housekeeping, with the holiday name",
      date: "2026-02-11",
      open: false,
      reason: "housekeeping",
      note: KENKOKU,
    },
  ],
);

dayTable(
  "housekeeping day: day 31 means the month's last day",
  rules({ weeklyClosedDays: [], monthlyClosedDay: { kind: "dayOfMonth", day: 31 } }),
  [
    { name: "February closes on the 28th", date: "2026-02-28", open: false, reason: "housekeeping" },
    { name: "February 27 is open", date: "2026-02-27", open: true },
    { name: "a leap February closes on the 29th", date: "2028-02-29", open: false, reason: "housekeeping" },
    { name: "a leap February 28 is open", date: "2028-02-28", open: true },
    { name: "a 30-day month closes on the 30th", date: "2026-06-30", open: false, reason: "housekeeping" },
    { name: "a 31-day month closes on the 31st", date: "2026-03-31", open: false, reason: "housekeeping" },
    { name: "the 30th of a 31-day month is open", date: "2026-03-30", open: true },
  ],
);

dayTable(
  "housekeeping day on a Monday",
  rules({ monthlyClosedDay: { kind: "nthWeekday", n: 1, weekday: MONDAY } }),
  [
    {
      name: "housekeeping wins over the weekly closed day",
      date: "2026-06-01",
      open: false,
      reason: "housekeeping",
    },
  ],
);

const longClosure = rules({ closures: [{ from: "2025-10-01", to: "2026-06-01", reason: RENOVATION }] });

dayTable("long closure up to and including 2026-06-01", longClosure, [
  { name: "the day before the closure is open", date: "2025-09-30", open: true },
  {
    name: "the first day of the closure is closed",
    date: "2025-10-01",
    open: false,
    reason: "closure",
    note: RENOVATION,
  },
  {
    name: "a New Year day inside the closure reports the closure",
    date: "2026-01-01",
    open: false,
    reason: "closure",
    note: RENOVATION,
  },
  {
    name: "a Monday holiday inside the closure is closed and moves nothing",
    date: "2026-01-12",
    open: false,
    reason: "closure",
    note: RENOVATION,
  },
  {
    name: "the last day of the closure is closed",
    date: "2026-06-01",
    open: false,
    reason: "closure",
    note: RENOVATION,
  },
  { name: "the first day after the closure is an ordinary open day", date: "2026-06-02", open: true },
]);

dayTable(
  "special openings",
  rules({
    holidays: "closed",
    monthlyClosedDay: { kind: "dayOfMonth", day: 15 },
    closures: [{ from: "2026-03-01", to: "2026-03-31", reason: RENOVATION }],
    specialOpenings: [
      { date: "2026-06-08", reason: EVENT },
      { date: "2026-12-29", reason: EVENT },
      { date: "2026-03-20", reason: EVENT },
      { date: "2026-02-11", reason: EVENT },
      { date: "2026-07-15", reason: EVENT },
    ],
  }),
  [
    {
      name: "a special opening beats the weekly closed day",
      date: "2026-06-08",
      open: true,
      reason: "specialOpening",
      note: EVENT,
    },
    {
      name: "a special opening beats the New Year closure",
      date: "2026-12-29",
      open: true,
      reason: "specialOpening",
      note: EVENT,
    },
    { name: "the next New Year day stays closed", date: "2026-12-30", open: false, reason: "newYear" },
    {
      name: "a special opening beats a closure",
      date: "2026-03-20",
      open: true,
      reason: "specialOpening",
      note: EVENT,
    },
    {
      name: "the rest of the closure stays closed",
      date: "2026-03-19",
      open: false,
      reason: "closure",
      note: RENOVATION,
    },
    {
      name: "a special opening beats a closed holiday",
      date: "2026-02-11",
      open: true,
      reason: "specialOpening",
      note: EVENT,
    },
    {
      name: "a special opening beats a housekeeping day",
      date: "2026-07-15",
      open: true,
      reason: "specialOpening",
      note: EVENT,
    },
    {
      name: "a housekeeping day without a special opening stays closed",
      date: "2026-06-15",
      open: false,
      reason: "housekeeping",
    },
    {
      name: "a Monday without a special opening is closed",
      date: "2026-06-22",
      open: false,
      reason: "weeklyClosed",
    },
  ],
);

describe("nextOpeningDay", () => {
  const cases: [string, CalendarRules, IsoDate, boolean, IsoDate][] = [
    ["an open day is its own next opening day when inclusive", rules(), "2026-06-09", true, "2026-06-09"],
    ["exclusive search skips the open day itself", rules(), "2026-06-09", false, "2026-06-10"],
    ["a weekly closed day moves to the next day", rules(), "2026-06-08", true, "2026-06-09"],
    ["a Monday holiday is itself open", rules(), "2026-01-12", true, "2026-01-12"],
    [
      "after a Monday holiday, the substitute closed day is skipped",
      rules(),
      "2026-01-12",
      false,
      "2026-01-14",
    ],
    ["the substitute closed day after Golden Week is skipped", rules(), "2026-05-07", true, "2026-05-08"],
    ["across the New Year closure and the Monday after it", rules(), "2026-12-28", true, "2027-01-05"],
    ["from the last day open before the New Year, exclusive", rules(), "2026-12-27", false, "2027-01-05"],
    ["the last day open before the New Year, inclusive", rules(), "2026-12-27", true, "2026-12-27"],
    ["from inside the New Year closure", rules({ weeklyClosedDays: [] }), "2026-12-30", true, "2027-01-04"],
    ["from inside a long closure to the day after it", longClosure, "2026-03-15", true, "2026-06-02"],
    ["from the day before a long closure, exclusive", longClosure, "2025-09-30", false, "2026-06-02"],
    ["from the last day of a long closure", longClosure, "2026-06-01", true, "2026-06-02"],
  ];
  for (const [name, calendar, date, inclusive, expected] of cases) {
    test(`${name} (${date}, inclusive: ${inclusive})`, () => {
      assert.equal(nextOpeningDay(calendar, date, { inclusive }), expected);
    });
  }

  test("inclusive is the default", () => {
    assert.equal(nextOpeningDay(rules(), "2026-06-09"), "2026-06-09");
  });

  test("rules closed every day throw instead of looping forever", () => {
    const neverOpen = rules({ weeklyClosedDays: [0, 1, 2, 3, 4, 5, 6], holidays: "open" });
    assert.throws(() => nextOpeningDay(neverOpen, "2026-06-01"), /No opening day within 3 years/);
    assert.throws(() => addOpeningDays(neverOpen, "2026-06-01", 1), /No opening day within 3 years/);
  });

  test("a closure longer than 3 years throws", () => {
    const closedForYears = rules({
      closures: [{ from: "2026-01-01", to: "2030-12-31", reason: RENOVATION }],
    });
    assert.throws(() => nextOpeningDay(closedForYears, "2026-06-01"), /No opening day within 3 years/);
  });

  test("a closure just under 3 years is searched through", () => {
    const closedTwoYears = rules({
      closures: [{ from: "2026-06-01", to: "2028-06-04", reason: RENOVATION }],
    });
    assert.equal(nextOpeningDay(closedTwoYears, "2026-06-01"), "2028-06-06"); // 06-05 is a Monday
  });

  test("every weekday closed but holidays moving the closed day: holidays open", () => {
    const holidaysOnly = rules({ weeklyClosedDays: [0, 1, 2, 3, 4, 5, 6] });
    assert.equal(nextOpeningDay(holidaysOnly, "2026-06-01"), "2026-07-20");
  });
});

describe("addOpeningDays", () => {
  const mondayHolidays = rules();
  const closedOnHolidays = rules({ holidays: "closed" });
  const cases: [string, CalendarRules, IsoDate, number, IsoDate][] = [
    ["n = 0 on an open day is that day", mondayHolidays, "2026-06-09", 0, "2026-06-09"],
    ["n = 0 on a closed day is the next opening day", mondayHolidays, "2026-06-08", 0, "2026-06-09"],
    ["the first opening day after a Friday is Saturday", mondayHolidays, "2026-06-05", 1, "2026-06-06"],
    [
      "the second opening day after a Saturday skips the Monday",
      mondayHolidays,
      "2026-06-06",
      2,
      "2026-06-09",
    ],
    ["counting from a closed day does not count that day", mondayHolidays, "2026-06-08", 1, "2026-06-09"],
    ["a Monday holiday counts as an opening day", mondayHolidays, "2026-01-10", 2, "2026-01-12"],
    ["the substitute closed day does not count", mondayHolidays, "2026-01-10", 3, "2026-01-14"],
    ["Golden Week holidays count when open", mondayHolidays, "2026-05-02", 4, "2026-05-06"],
    ["the day after Golden Week does not count", mondayHolidays, "2026-05-02", 5, "2026-05-08"],
    ["closed holidays do not count", closedOnHolidays, "2026-04-30", 3, "2026-05-07"],
    ["a closed midweek holiday is skipped", closedOnHolidays, "2026-02-10", 1, "2026-02-12"],
    ["across the New Year closure", mondayHolidays, "2026-12-26", 2, "2027-01-05"],
    ["across the long closure", longClosure, "2025-09-30", 2, "2026-06-03"],
  ];
  for (const [name, calendar, date, n, expected] of cases) {
    test(`${name} (${date} + ${n})`, () => assert.equal(addOpeningDays(calendar, date, n), expected));
  }

  for (const n of [-1, 1.5, Number.NaN]) {
    test(`n = ${n} is rejected`, () => {
      assert.throws(() => addOpeningDays(mondayHolidays, "2026-06-01", n), RangeError);
    });
  }
});

describe("calendarDays", () => {
  const calendar = rules();

  test("lists every day of the range with its status", () => {
    assert.deepEqual(
      calendarDays(calendar, "2026-01-11", "2026-01-14").map((d) => [d.date, d.open, d.reason]),
      [
        ["2026-01-11", true, null],
        ["2026-01-12", true, null],
        ["2026-01-13", false, "substituteClosed"],
        ["2026-01-14", true, null],
      ],
    );
  });

  test("agrees with calendarDay day by day across the year end", () => {
    const days = calendarDays(calendar, "2026-12-20", "2027-01-10");
    assert.equal(days.length, 22);
    for (const day of days) assert.deepEqual(day, calendarDay(calendar, day.date));
  });

  test("a one-day range has one day", () => {
    assert.deepEqual(calendarDays(calendar, "2026-06-08", "2026-06-08"), [
      calendarDay(calendar, "2026-06-08"),
    ]);
  });

  test("366 days, a whole leap year, are allowed", () => {
    const days = calendarDays(calendar, "2028-01-01", "2028-12-31");
    assert.equal(days.length, 366);
    assert.equal(days.at(-1)?.date, "2028-12-31");
  });

  test("366 days across a common year are allowed", () => {
    assert.equal(calendarDays(calendar, "2026-01-01", "2027-01-01").length, 366);
  });

  test("367 days are rejected", () => {
    assert.throws(() => calendarDays(calendar, "2026-01-01", "2027-01-02"), RangeError);
  });

  test("a range ending before it starts is rejected", () => {
    assert.throws(() => calendarDays(calendar, "2026-06-02", "2026-06-01"), RangeError);
  });

  test("an invalid bound is rejected", () => {
    assert.throws(() => calendarDays(calendar, "2026-06-01", "2026-06-31"), RangeError);
  });
});
