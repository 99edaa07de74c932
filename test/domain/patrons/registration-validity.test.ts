import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  firstExpiry,
  isRenewalMonthNear,
  mustRenewBecauseUnused,
  purgeDate,
  refuseWhenRenewalTooEarly,
  renewalWindow,
  renewedExpiry,
  type Validity,
} from "../../../src/domain/patrons/registration-validity.ts";
import type { Policy } from "../../../src/domain/policy/policy-schema.ts";
import { presetFor } from "../../../src/policies/presets.ts";

function registrationOf(slug: string): Policy["registration"] {
  const preset = presetFor(slug);
  assert.ok(preset, `no preset ${slug}`);
  return preset.policy.registration;
}

const hiratsuka = registrationOf("hiratsuka");
const takarazuka = registrationOf("takarazuka");
const kashiwa = registrationOf("kashiwa");

// Any birth date: fixed-year validity does not read it.
const BORN = "1980-07-01";

describe("firstExpiry, fixed years (Hiratsuka: 有効期限は5年間)", () => {
  test("the Hiratsuka preset is 5 fixed years", () => {
    assert.deepEqual(hiratsuka.validity, { kind: "fixedYears", years: 5 });
  });

  const cases: { registeredOn: string; expiresOn: string; validity?: Validity }[] = [
    { registeredOn: "2026-04-10", expiresOn: "2031-04-09" },
    { registeredOn: "2026-01-01", expiresOn: "2030-12-31" },
    { registeredOn: "2026-12-31", expiresOn: "2031-12-30" },
    { registeredOn: "2026-03-01", expiresOn: "2031-02-28" },
    { registeredOn: "2027-03-01", expiresOn: "2032-02-29" },
    { registeredOn: "2028-02-28", expiresOn: "2033-02-27" },
    // No 29 February in the last year: the period ends on the month's last day.
    { registeredOn: "2028-02-29", expiresOn: "2033-02-28" },
    { registeredOn: "2028-02-29", expiresOn: "2032-02-28", validity: { kind: "fixedYears", years: 4 } },
    { registeredOn: "2026-04-10", expiresOn: "2029-04-09", validity: kashiwa.validity },
  ];
  for (const { registeredOn, expiresOn, validity = hiratsuka.validity } of cases) {
    test(`${validity.years} years from ${registeredOn} → valid up to and including ${expiresOn}`, () => {
      assert.equal(firstExpiry(validity, registeredOn, BORN), expiresOn);
    });
  }
});

describe("firstExpiry, birth-month cycle (Takarazuka: 更新月(3年ごとの誕生月))", () => {
  test("the Takarazuka preset is a 3-year birth-month cycle", () => {
    assert.deepEqual(takarazuka.validity, { kind: "birthMonthCycle", years: 3 });
  });

  const cases: { name: string; birthDate: string; registeredOn: string; expiresOn: string }[] = [
    {
      name: "registered in the birth month",
      birthDate: "1990-03-15",
      registeredOn: "2026-03-10",
      expiresOn: "2029-03-31",
    },
    {
      name: "registered on the birth month's last day",
      birthDate: "1990-03-15",
      registeredOn: "2026-03-31",
      expiresOn: "2029-03-31",
    },
    {
      name: "registered the month before",
      birthDate: "1990-03-15",
      registeredOn: "2026-02-28",
      expiresOn: "2029-03-31",
    },
    {
      name: "registered the month after",
      birthDate: "1990-03-15",
      registeredOn: "2026-04-01",
      expiresOn: "2029-03-31",
    },
    {
      name: "registered on the birthday",
      birthDate: "2012-04-30",
      registeredOn: "2026-04-30",
      expiresOn: "2029-04-30",
    },
    {
      name: "born in December, registered in January",
      birthDate: "1985-12-31",
      registeredOn: "2026-01-05",
      expiresOn: "2029-12-31",
    },
    {
      name: "born in January, registered in December",
      birthDate: "1985-01-20",
      registeredOn: "2026-12-20",
      expiresOn: "2029-01-31",
    },
    {
      name: "29 February birthday, leap expiry year",
      birthDate: "2000-02-29",
      registeredOn: "2025-06-01",
      expiresOn: "2028-02-29",
    },
    {
      name: "29 February birthday, common expiry year",
      birthDate: "2000-02-29",
      registeredOn: "2026-09-01",
      expiresOn: "2029-02-28",
    },
    {
      name: "29 February birthday, registered in February",
      birthDate: "2000-02-29",
      registeredOn: "2026-02-15",
      expiresOn: "2029-02-28",
    },
    {
      name: "registered on a 29 February birthday",
      birthDate: "2000-02-29",
      registeredOn: "2024-02-29",
      expiresOn: "2027-02-28",
    },
    {
      name: "born 28 February, leap expiry year",
      birthDate: "1999-02-28",
      registeredOn: "2025-02-01",
      expiresOn: "2028-02-29",
    },
  ];
  for (const { name, birthDate, registeredOn, expiresOn } of cases) {
    test(`${name}: born ${birthDate}, registered ${registeredOn} → ${expiresOn}`, () => {
      assert.equal(firstExpiry(takarazuka.validity, registeredOn, birthDate), expiresOn);
    });
  }
});

describe("renewedExpiry", () => {
  const cases: {
    name: string;
    validity: Validity;
    birthDate: string;
    expiresOn: string;
    renewedOn: string;
    renewed: string;
  }[] = [
    {
      name: "Hiratsuka, renewed in the window: the next 5 years follow on",
      validity: hiratsuka.validity,
      birthDate: BORN,
      expiresOn: "2031-04-09",
      renewedOn: "2031-03-10",
      renewed: "2036-04-09",
    },
    {
      name: "Hiratsuka, renewed on the expiry day",
      validity: hiratsuka.validity,
      birthDate: BORN,
      expiresOn: "2031-04-09",
      renewedOn: "2031-04-09",
      renewed: "2036-04-09",
    },
    {
      name: "Hiratsuka, renewed the day after expiry: a new period from that day",
      validity: hiratsuka.validity,
      birthDate: BORN,
      expiresOn: "2031-04-09",
      renewedOn: "2031-04-10",
      renewed: "2036-04-09",
    },
    {
      name: "Hiratsuka, renewed long after expiry",
      validity: hiratsuka.validity,
      birthDate: BORN,
      expiresOn: "2031-04-09",
      renewedOn: "2031-06-15",
      renewed: "2036-06-14",
    },
    {
      name: "Hiratsuka, a period that ended on 28 February after a 29 February registration",
      validity: hiratsuka.validity,
      birthDate: BORN,
      expiresOn: "2033-02-28",
      renewedOn: "2033-02-01",
      renewed: "2038-02-28",
    },
    {
      name: "Takarazuka, renewed in the renewal month",
      validity: takarazuka.validity,
      birthDate: "1990-03-15",
      expiresOn: "2029-03-31",
      renewedOn: "2029-03-05",
      renewed: "2032-03-31",
    },
    {
      name: "Takarazuka, renewed after the renewal month",
      validity: takarazuka.validity,
      birthDate: "1990-03-15",
      expiresOn: "2029-03-31",
      renewedOn: "2029-04-01",
      renewed: "2032-03-31",
    },
    {
      name: "Takarazuka, renewed more than a year after expiry",
      validity: takarazuka.validity,
      birthDate: "1990-03-15",
      expiresOn: "2029-03-31",
      renewedOn: "2030-07-01",
      renewed: "2033-03-31",
    },
    {
      name: "Takarazuka, a January renewal month renewed in the December before",
      validity: takarazuka.validity,
      birthDate: "1985-01-20",
      expiresOn: "2029-01-31",
      renewedOn: "2028-12-31",
      renewed: "2032-01-31",
    },
    {
      name: "Takarazuka, 29 February birthday, from a leap February to a common one",
      validity: takarazuka.validity,
      birthDate: "2000-02-29",
      expiresOn: "2028-02-29",
      renewedOn: "2028-02-10",
      renewed: "2031-02-28",
    },
    {
      name: "Takarazuka, 29 February birthday, from a common February to a leap one",
      validity: takarazuka.validity,
      birthDate: "2000-02-29",
      expiresOn: "2029-02-28",
      renewedOn: "2029-02-28",
      renewed: "2032-02-29",
    },
  ];
  for (const { name, validity, birthDate, expiresOn, renewedOn, renewed } of cases) {
    test(`${name}: expiring ${expiresOn}, renewed ${renewedOn} → ${renewed}`, () => {
      assert.equal(renewedExpiry(validity, expiresOn, renewedOn, birthDate), renewed);
    });
  }
});

describe("renewalWindow: the first day of registration renewal", () => {
  const cases: { slug: string; expiresOn: string; opensOn: string }[] = [
    // 002: 1か月前から更新可, taken as 30 days by the preset
    { slug: "kashiwa", expiresOn: "2029-06-30", opensOn: "2029-05-31" },
    { slug: "kashiwa", expiresOn: "2029-03-31", opensOn: "2029-03-01" },
    { slug: "kashiwa", expiresOn: "2028-03-30", opensOn: "2028-02-29" },
    { slug: "takarazuka", expiresOn: "2029-03-31", opensOn: "2029-02-28" },
    { slug: "takarazuka", expiresOn: "2029-01-31", opensOn: "2028-12-31" },
    { slug: "hiratsuka", expiresOn: "2031-04-09", opensOn: "2031-03-10" },
  ];
  for (const { slug, expiresOn, opensOn } of cases) {
    test(`${slug}: expiring ${expiresOn} → renewable from ${opensOn}`, () => {
      assert.equal(renewalWindow(registrationOf(slug), expiresOn), opensOn);
    });
  }
});

describe("mustRenewBecauseUnused (Kashiwa: 利用カードを3年以上使っていなかったかた)", () => {
  const cases: { slug: string; lastUsedOn: string; today: string; mustRenew: boolean }[] = [
    { slug: "kashiwa", lastUsedOn: "2026-04-10", today: "2026-04-10", mustRenew: false },
    { slug: "kashiwa", lastUsedOn: "2026-04-10", today: "2029-04-09", mustRenew: false },
    { slug: "kashiwa", lastUsedOn: "2026-04-10", today: "2029-04-10", mustRenew: true },
    { slug: "kashiwa", lastUsedOn: "2026-04-10", today: "2035-01-01", mustRenew: true },
    { slug: "kashiwa", lastUsedOn: "2028-02-29", today: "2031-02-27", mustRenew: false },
    { slug: "kashiwa", lastUsedOn: "2028-02-29", today: "2031-02-28", mustRenew: true },
    { slug: "kashiwa", lastUsedOn: "2029-03-01", today: "2032-02-29", mustRenew: false },
    { slug: "kashiwa", lastUsedOn: "2029-03-01", today: "2032-03-01", mustRenew: true },
    // No such rule at Hiratsuka or Takarazuka.
    { slug: "hiratsuka", lastUsedOn: "2000-01-01", today: "2026-05-31", mustRenew: false },
    { slug: "takarazuka", lastUsedOn: "2000-01-01", today: "2026-05-31", mustRenew: false },
  ];
  for (const { slug, lastUsedOn, today, mustRenew } of cases) {
    test(`${slug}: last used ${lastUsedOn}, on ${today} → ${mustRenew ? "must renew" : "no"}`, () => {
      assert.equal(mustRenewBecauseUnused(registrationOf(slug), lastUsedOn, today), mustRenew);
    });
  }
});

describe("refuseWhenRenewalTooEarly", () => {
  const tooEarly = (opensOn: string, expiresOn: string) => ({
    code: "REGISTRATION_RENEWAL_TOO_EARLY",
    details: { opensOn, expiresOn },
  });

  const cases: {
    name: string;
    slug: string;
    expiresOn: string;
    lastUsedOn: string;
    today: string;
    refused: boolean;
  }[] = [
    {
      name: "Kashiwa, the day before the window",
      slug: "kashiwa",
      expiresOn: "2029-06-30",
      lastUsedOn: "2029-01-01",
      today: "2029-05-30",
      refused: true,
    },
    {
      name: "Kashiwa, the window's first day",
      slug: "kashiwa",
      expiresOn: "2029-06-30",
      lastUsedOn: "2029-01-01",
      today: "2029-05-31",
      refused: false,
    },
    {
      name: "Kashiwa, the expiry day",
      slug: "kashiwa",
      expiresOn: "2029-06-30",
      lastUsedOn: "2029-01-01",
      today: "2029-06-30",
      refused: false,
    },
    {
      name: "Kashiwa, after expiry",
      slug: "kashiwa",
      expiresOn: "2029-06-30",
      lastUsedOn: "2029-01-01",
      today: "2029-07-15",
      refused: false,
    },
    {
      name: "Kashiwa, before the window but unused for 3 years",
      slug: "kashiwa",
      expiresOn: "2029-06-30",
      lastUsedOn: "2026-04-10",
      today: "2029-04-10",
      refused: false,
    },
    {
      name: "Kashiwa, before the window, unused for a day less than 3 years",
      slug: "kashiwa",
      expiresOn: "2029-06-30",
      lastUsedOn: "2026-04-10",
      today: "2029-04-09",
      refused: true,
    },
    {
      name: "Hiratsuka, long unused but no such rule",
      slug: "hiratsuka",
      expiresOn: "2031-04-09",
      lastUsedOn: "2020-01-01",
      today: "2031-03-09",
      refused: true,
    },
  ];
  for (const { name, slug, expiresOn, lastUsedOn, today, refused } of cases) {
    test(`${name} → ${refused ? "refused" : "allowed"}`, () => {
      const registration = registrationOf(slug);
      const expected = refused ? tooEarly(renewalWindow(registration, expiresOn), expiresOn) : null;
      assert.deepEqual(refuseWhenRenewalTooEarly(registration, { expiresOn, lastUsedOn }, today), expected);
    });
  }
});

describe("isRenewalMonthNear (Takarazuka: 更新月が近づきましたら、窓口でお知らせします)", () => {
  const cases: { slug: string; expiresOn: string; today: string; near: boolean }[] = [
    // The preset reminds from 60 days before the expiry.
    { slug: "takarazuka", expiresOn: "2029-03-31", today: "2029-01-29", near: false },
    { slug: "takarazuka", expiresOn: "2029-03-31", today: "2029-01-30", near: true },
    { slug: "takarazuka", expiresOn: "2029-03-31", today: "2029-03-01", near: true },
    { slug: "takarazuka", expiresOn: "2029-03-31", today: "2029-03-31", near: true },
    { slug: "takarazuka", expiresOn: "2029-03-31", today: "2029-04-01", near: false },
    { slug: "takarazuka", expiresOn: "2028-02-29", today: "2027-12-30", near: false },
    { slug: "takarazuka", expiresOn: "2028-02-29", today: "2027-12-31", near: true },
    // No reminder elsewhere.
    { slug: "hiratsuka", expiresOn: "2031-04-09", today: "2031-04-01", near: false },
    { slug: "kashiwa", expiresOn: "2029-06-30", today: "2029-06-30", near: false },
  ];
  for (const { slug, expiresOn, today, near } of cases) {
    test(`${slug}: expiring ${expiresOn}, on ${today} → ${near ? "remind" : "no reminder"}`, () => {
      assert.equal(isRenewalMonthNear(registrationOf(slug), expiresOn, today), near);
    });
  }
});

describe("purgeDate", () => {
  test("Hiratsuka deletes a year after expiry (365 days, across 29 February 2032)", () => {
    assert.equal(purgeDate(hiratsuka, "2031-04-09"), "2032-04-08");
    assert.equal(purgeDate(hiratsuka, "2026-01-01"), "2027-01-01");
  });

  test("no purge where the policy sets none", () => {
    assert.equal(purgeDate(kashiwa, "2029-06-30"), null);
    assert.equal(purgeDate(takarazuka, "2029-03-31"), null);
  });
});
