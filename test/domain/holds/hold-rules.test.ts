import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  decideHoldPlacement,
  type HoldPlacementFacts,
  mayFillReservation,
  pickupPointFor,
} from "../../../src/domain/holds/hold-placement.ts";
import {
  isPickupExpired,
  pickupDeadline,
  pickupWeekStart,
  refuseHoldChange,
} from "../../../src/domain/holds/hold-shelf.ts";
import {
  type RequestFacts,
  refuseRequest,
  refuseRequestTransition,
} from "../../../src/domain/holds/request-rules.ts";
import type { Policy } from "../../../src/domain/policy/policy-schema.ts";
import { takarazukaPreset } from "../../../src/policies/takarazuka.ts";
import { userpagePreset } from "../../../src/policies/userpage.ts";

const takarazuka: Policy = takarazukaPreset.policy;
const userpage: Policy = userpagePreset.policy;

function facts(overrides: Partial<HoldPlacementFacts> = {}): HoldPlacementFacts {
  return {
    today: "2026-06-01",
    channel: "counter",
    contact: "email",
    standing: {
      patron: { status: "active", expiresOn: "2029-01-01" },
      card: { number: "1234567890", kind: "card", status: "active" },
    },
    patron: { basis: "resident", registrationKind: "area", email: "a@example.jp" },
    recordId: 1,
    items: [{ id: 10, materialType: "book", callNumber: "913.6", flags: [] }],
    requestedItemId: null,
    pickup: { id: "p", type: "main" },
    delivery: null,
    activeHolds: [],
    openRequests: 0,
    recordsOnLoan: [],
    ...overrides,
  };
}

const codes = (policy: Policy, f: HoldPlacementFacts) =>
  decideHoldPlacement(policy, f).refusals.map((r) => r.code);

describe("decideHoldPlacement", () => {
  test("an ordinary reservation is allowed and counted under its copy's material type", () => {
    const decision = decideHoldPlacement(takarazuka, facts());
    assert.deepEqual(decision, { refusals: [], materialType: "book" });
  });

  test("refuses expired registrations, lost cards and 07 cards (003) before anything else", () => {
    const expired = facts({
      standing: { ...facts().standing, patron: { status: "active", expiresOn: "2026-05-31" } },
    });
    assert.deepEqual(codes(takarazuka, expired), ["REGISTRATION_EXPIRED"]);
    const lost = facts({
      standing: { ...facts().standing, card: { number: "1", kind: "card", status: "lost" } },
    });
    assert.deepEqual(codes(takarazuka, lost), ["CARD_LOST"]);
    const old = facts({
      standing: { ...facts().standing, card: { number: "0712345678", kind: "card", status: "active" } },
    });
    assert.deepEqual(codes(userpage, old), ["CARD_MUST_BE_RENEWED"]);
    assert.deepEqual(codes(userpage, { ...old, channel: "web" }), ["CARD_MUST_BE_RENEWED"]);
  });

  test("003: the wide-area card may not reserve; 001: it may", () => {
    const blue = facts({
      patron: { basis: "resident", registrationKind: "wideArea", email: "a@example.jp" },
    });
    assert.deepEqual(codes(userpage, blue), ["HOLD_NOT_ALLOWED_FOR_PATRON_TYPE"]);
    assert.deepEqual(codes(takarazuka, blue), []);
  });

  test("003: the web needs an e-mail address; 001: phone contact and no contact are offered", () => {
    const noMail = facts({ channel: "web", contact: "none", patron: { ...facts().patron, email: null } });
    assert.deepEqual(codes(userpage, noMail), ["CONTACT_METHOD_NOT_OFFERED", "EMAIL_REQUIRED"]);
    assert.deepEqual(codes(takarazuka, noMail), []);
    assert.deepEqual(codes(takarazuka, { ...noMail, contact: "email" }), ["EMAIL_REQUIRED"]);
  });

  test("a channel the policy does not offer is refused (003 takes no phone reservations)", () => {
    assert.deepEqual(codes(userpage, facts({ channel: "phone" })), ["HOLD_CHANNEL_NOT_OFFERED"]);
  });

  test("not reservable: every copy of the title must be barred; one lendable copy is enough", () => {
    const inLibrary = {
      id: 10,
      materialType: "book" as const,
      callNumber: "913",
      flags: ["inLibraryOnly" as const],
    };
    const refusal = decideHoldPlacement(takarazuka, facts({ items: [inLibrary] })).refusals[0];
    assert.equal(refusal?.code, "NOT_RESERVABLE");
    assert.deepEqual(refusal?.details.reason, { ja: "館内閲覧のみの本", en: "In-library use only" });
    const mixed = [inLibrary, { id: 11, materialType: "book" as const, callNumber: "913", flags: [] }];
    assert.deepEqual(codes(takarazuka, facts({ items: mixed })), []);
  });

  test("003: the latest issue is refused on the web and allowed at the counter; it may fill a counter reservation", () => {
    const latest = [
      { id: 10, materialType: "magazine" as const, callNumber: "051", flags: ["latestIssue" as const] },
    ];
    assert.deepEqual(codes(userpage, facts({ items: latest, channel: "web" })), ["NOT_RESERVABLE"]);
    assert.deepEqual(codes(userpage, facts({ items: latest })), []);
    assert.equal(mayFillReservation(userpage.holds, latest[0]!), true);
    assert.equal(
      mayFillReservation(userpage.holds, { materialType: "book", callNumber: "R031", flags: [] }),
      false,
    );
  });

  test("a title without copies is for a request; a copy of another title is not found", () => {
    assert.deepEqual(codes(takarazuka, facts({ items: [] })), ["TITLE_NOT_HELD"]);
    assert.deepEqual(codes(takarazuka, facts({ requestedItemId: 99 })), [
      "ITEM_LEVEL_HOLD_NOT_OFFERED",
      "ITEM_NOT_FOUND",
    ]);
  });

  test("pickup: only the policy's pickup points; untransportable copies only at the main library (003)", () => {
    assert.equal(
      decideHoldPlacement(takarazuka, facts({ pickup: { id: "r", type: "returnPoint" } })).refusals[0]
        ?.details.reason,
      "notAPickupPoint",
    );
    const heavy = [
      { id: 10, materialType: "book" as const, callNumber: "913", flags: ["untransportable" as const] },
    ];
    const branch = facts({ items: heavy, pickup: { id: "b", type: "branch" } });
    assert.equal(decideHoldPlacement(userpage, branch).refusals[0]?.details.reason, "untransportable");
    assert.deepEqual(codes(takarazuka, branch), []);
    assert.deepEqual(codes(userpage, { ...branch, pickup: { id: "m", type: "main" } }), []);
  });

  test("a reservation to be posted waits at the library that posts it (001: the West Library)", () => {
    assert.equal(pickupPointFor(takarazuka, "postal", "central"), "west");
    assert.equal(pickupPointFor(takarazuka, null, "central"), "central");
    assert.equal(pickupPointFor(userpage, "postal", "central"), "central", "no posting library: as named");
  });

  test("postal delivery only where postal loans exist, reserved by phone or web (001)", () => {
    assert.deepEqual(codes(takarazuka, facts({ delivery: "postal", channel: "web" })), []);
    assert.deepEqual(codes(takarazuka, facts({ delivery: "postal", channel: "phone" })), []);
    assert.deepEqual(codes(takarazuka, facts({ delivery: "postal", channel: "counter" })), [
      "POSTAL_DELIVERY_CHANNEL_NOT_OFFERED",
    ]);
    assert.deepEqual(codes(userpage, facts({ delivery: "postal" })), ["POSTAL_DELIVERY_NOT_OFFERED"]);
  });

  test("the same title twice, or a title on loan to the patron, is ALREADY_RESERVED", () => {
    const twice = facts({ activeHolds: [{ recordId: 1, channel: "web", materialType: "book" }] });
    assert.deepEqual(codes(takarazuka, twice), ["ALREADY_RESERVED"]);
    assert.deepEqual(codes(takarazuka, facts({ recordsOnLoan: [1] })), ["ALREADY_RESERVED"]);
  });

  test("001: 10 in total with requests; 2 by phone", () => {
    const nine = Array.from({ length: 9 }, (_, i) => ({
      recordId: 100 + i,
      channel: "counter" as const,
      materialType: "book" as const,
    }));
    assert.deepEqual(codes(takarazuka, facts({ activeHolds: nine })), []);
    const refusal = decideHoldPlacement(takarazuka, facts({ activeHolds: nine, openRequests: 1 }))
      .refusals[0];
    assert.deepEqual(refusal?.details, { limit: "total", max: 10, current: 10 });
    const twoByPhone = nine.slice(0, 2).map((h) => ({ ...h, channel: "phone" as const }));
    assert.deepEqual(codes(takarazuka, facts({ activeHolds: twoByPhone, channel: "phone" })), [
      "HOLD_LIMIT_REACHED",
    ]);
    assert.deepEqual(codes(takarazuka, facts({ activeHolds: twoByPhone })), []);
  });

  test("003: kamishibai 2 over every channel; audiovisual types share one limit", () => {
    const kami = [{ id: 10, materialType: "kamishibai" as const, callNumber: "K", flags: [] }];
    const two = [1, 2].map((n) => ({
      recordId: 100 + n,
      channel: "web" as const,
      materialType: "kamishibai" as const,
    }));
    const refusal = decideHoldPlacement(userpage, facts({ items: kami, activeHolds: two })).refusals[0];
    assert.deepEqual(refusal?.details.group, { ja: "紙芝居", en: "Kamishibai" });
    const dvd = [{ id: 10, materialType: "dvd" as const, callNumber: "D", flags: [] }];
    const av = [
      { recordId: 201, channel: "counter" as const, materialType: "cd" as const },
      { recordId: 202, channel: "web" as const, materialType: "audiobookCd" as const },
    ];
    assert.deepEqual(codes(userpage, facts({ items: dvd, activeHolds: av })), ["HOLD_LIMIT_REACHED"]);
  });
});

describe("the hold shelf", () => {
  const calendar = takarazukaPreset.servicePoints.find((p) => p.code === "central")!.calendar;

  test("the pickup week starts at the notice, at ready without contact, and at the call for phone contact", () => {
    assert.equal(pickupWeekStart("email", "2026-06-03", null), "2026-06-03");
    assert.equal(pickupWeekStart("none", "2026-06-03", null), "2026-06-03");
    assert.equal(pickupWeekStart("phone", "2026-06-03", null), null);
    assert.equal(pickupWeekStart("phone", "2026-06-03", "2026-06-04"), "2026-06-04");
  });

  test("a week in calendar days moves to the next opening day; opening days skip closed days", () => {
    assert.equal(pickupDeadline(takarazuka.holds.pickup, calendar, "2026-06-03"), "2026-06-10");
    // 2026-12-21 + 7 = 28 December, in the New Year closure: the last day is 5 January.
    assert.equal(pickupDeadline(takarazuka.holds.pickup, calendar, "2026-12-21"), "2027-01-05");
    const opening = { ...takarazuka.holds.pickup, dayKind: "openingDays" as const };
    // Seven opening days from Wednesday 3 June skip Monday the 8th.
    assert.equal(pickupDeadline(opening, calendar, "2026-06-03"), "2026-06-11");
  });

  test("expired the day after the deadline; never without one", () => {
    assert.equal(isPickupExpired("2026-06-10", "2026-06-10"), false);
    assert.equal(isPickupExpired("2026-06-10", "2026-06-11"), true);
    assert.equal(isPickupExpired(null, "2030-01-01"), false);
  });

  test("the web cannot cancel or change a ready reservation; staff can; an ended one is not active", () => {
    assert.equal(
      refuseHoldChange(takarazuka.holds, "ready", "web", "cancel")?.code,
      "HOLD_READY_CANNOT_CANCEL_ONLINE",
    );
    assert.equal(
      refuseHoldChange(takarazuka.holds, "ready", "web", "changePickup")?.code,
      "HOLD_READY_CANNOT_CHANGE_ONLINE",
    );
    assert.equal(refuseHoldChange(takarazuka.holds, "ready", "staff", "cancel"), null);
    assert.equal(refuseHoldChange(takarazuka.holds, "inTransit", "web", "cancel"), null);
    assert.equal(refuseHoldChange(takarazuka.holds, "expired", "staff", "cancel")?.code, "HOLD_NOT_ACTIVE");
  });
});

describe("requests (001)", () => {
  const base: RequestFacts = {
    channel: "counter",
    materialType: "book" as const,
    callNumber: null,
    genre: null,
    titleHeld: false,
    activeHolds: 0,
    openRequests: 0,
  };

  test("only at the counter, only for titles not held", () => {
    assert.deepEqual(refuseRequest(takarazuka, base), []);
    assert.equal(
      refuseRequest(takarazuka, { ...base, channel: "web" })[0]?.code,
      "REQUEST_CHANNEL_NOT_OFFERED",
    );
    assert.equal(
      refuseRequest(takarazuka, { ...base, titleHeld: true })[0]?.code,
      "TITLE_HELD_RESERVE_INSTEAD",
    );
  });

  test("never for manga, study guides, exam workbooks, magazines or CDs", () => {
    const refused = (f: Partial<RequestFacts>) =>
      (refuseRequest(takarazuka, { ...base, ...f })[0]?.details.category as { ja: string } | undefined)?.ja;
    assert.equal(refused({ callNumber: "726.1" }), "まんが");
    assert.equal(refused({ genre: "学習参考書" }), "学習参考書");
    assert.equal(refused({ genre: "問題集" }), "資格試験や受験などの問題集");
    assert.equal(refused({ materialType: "weeklyMagazine" }), "雑誌(週刊誌・月刊誌)");
    assert.equal(refused({ materialType: "audiobookCd" }), "CD、朗読CD");
  });

  test("counted in the reservation total", () => {
    assert.equal(
      refuseRequest(takarazuka, { ...base, activeHolds: 8, openRequests: 2 })[0]?.code,
      "HOLD_LIMIT_REACHED",
    );
  });

  test("statuses move forward only", () => {
    assert.equal(refuseRequestTransition("received", "requested"), null);
    assert.equal(refuseRequestTransition("requested", "arrived"), null);
    assert.equal(refuseRequestTransition("arrived", "cancelled")?.code, "REQUEST_STATUS_CHANGE_NOT_ALLOWED");
    assert.equal(refuseRequestTransition("received", "arrived")?.code, "REQUEST_STATUS_CHANGE_NOT_ALLOWED");
  });
});
