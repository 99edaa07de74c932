import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  type CheckoutFacts,
  isOverridable,
  refusalsBeyondOverride,
  refuseCheckout,
} from "../../../src/domain/circulation/checkout-rules.ts";
import type { Refusal } from "../../../src/domain/circulation/refusal.ts";
import type { Policy } from "../../../src/domain/policy/policy-schema.ts";
import type { MaterialType } from "../../../src/domain/vocabulary.ts";
import { aomoriPreset } from "../../../src/policies/aomori.ts";
import { takarazukaPreset } from "../../../src/policies/takarazuka.ts";
import { userpagePreset } from "../../../src/policies/userpage.ts";

const takarazuka: Policy = takarazukaPreset.policy;
const userpage: Policy = userpagePreset.policy;
const aomori: Policy = aomoriPreset.policy;

const TODAY = "2026-06-10";
const PATRON = "patron-1";
const OTHER_PATRON = "patron-2";
const BARCODE = "2000000019";

type ItemFacts = CheckoutFacts["item"];
type Standing = CheckoutFacts["standing"];

/**
 * An active Takarazuka patron with a card, borrowing a book on the shelf at the central library with
 * nothing on loan; override what a case is about.
 */
function facts(
  overrides: Partial<Omit<CheckoutFacts, "item" | "standing">> & {
    item?: Partial<ItemFacts>;
    patron?: Partial<Standing["patron"]>;
    card?: Partial<Standing["card"]>;
  } = {},
): CheckoutFacts {
  const { item, patron, card, ...rest } = overrides;
  return {
    today: TODAY,
    patronId: PATRON,
    standing: {
      patron: { status: "active", expiresOn: "2028-06-30", ...patron },
      card: { number: "1000000018", kind: "card", status: "active", ...card },
    },
    cardIssuedOn: "2025-04-01",
    credentialKind: "card",
    acceptedCredentials: ["card", "felica", "line"],
    item: {
      barcode: BARCODE,
      materialType: "book",
      flags: [],
      status: "onShelf",
      heldForPatronId: null,
      pendingHoldsOnRecord: 0,
      illPatronId: null,
      ...item,
    },
    currentLoans: [],
    delivery: null,
    deliveryApplied: false,
    ...rest,
  };
}

function loans(count: number, materialType: MaterialType = "book"): CheckoutFacts["currentLoans"] {
  return Array.from({ length: count }, () => ({ materialType, delivery: null }));
}

function codes(refusals: readonly Refusal[]): string[] {
  return refusals.map((refusal) => refusal.code);
}

function withLoans(policy: Policy, loansPolicy: Partial<Policy["loans"]>): Policy {
  return { ...policy, loans: { ...policy.loans, ...loansPolicy } };
}

describe("refuseCheckout: the patron and the card", () => {
  test("refuseCheckout lends a book on the shelf to an active patron with nothing on loan", () => {
    assert.deepEqual(refuseCheckout(takarazuka, facts()), []);
  });

  test("refuseCheckout refuses an expired registration", () => {
    const refusals = refuseCheckout(takarazuka, facts({ patron: { expiresOn: "2026-06-09" } }));
    assert.deepEqual(refusals, [{ code: "REGISTRATION_EXPIRED", details: { expiresOn: "2026-06-09" } }]);
  });

  test("refuseCheckout lends on the last day of the registration", () => {
    assert.deepEqual(refuseCheckout(takarazuka, facts({ patron: { expiresOn: TODAY } })), []);
  });

  test("refuseCheckout refuses a patron whose status is expired", () => {
    assert.deepEqual(codes(refuseCheckout(takarazuka, facts({ patron: { status: "expired" } }))), [
      "REGISTRATION_EXPIRED",
    ]);
  });

  test("refuseCheckout refuses a blocked patron", () => {
    assert.deepEqual(codes(refuseCheckout(takarazuka, facts({ patron: { status: "blocked" } }))), [
      "PATRON_BLOCKED",
    ]);
  });

  test("refuseCheckout refuses a card reported lost", () => {
    const refusals = refuseCheckout(takarazuka, facts({ card: { status: "lost" } }));
    assert.deepEqual(refusals, [
      { code: "CARD_LOST", details: { cardNumber: "1000000018", cardStatus: "lost" } },
    ]);
  });

  test("refuseCheckout lends on a temporary card in Takarazuka (紛失届を出されても貸出しできます)", () => {
    assert.equal(takarazuka.registration.loss.temporaryCardCanBorrow, true);
    assert.deepEqual(refuseCheckout(takarazuka, facts({ card: { kind: "temporary" } })), []);
  });

  test("refuseCheckout refuses a temporary card where the policy says it cannot borrow", () => {
    const policy: Policy = {
      ...takarazuka,
      registration: {
        ...takarazuka.registration,
        loss: { ...takarazuka.registration.loss, temporaryCardCanBorrow: false },
      },
    };
    const refusals = refuseCheckout(policy, facts({ card: { kind: "temporary" } }));
    assert.deepEqual(refusals, [
      { code: "TEMPORARY_CARD_CANNOT_BORROW", details: { cardNumber: "1000000018" } },
    ]);
  });

  test("refuseCheckout refuses a card issued after today (a pre-numbered card not yet active)", () => {
    const refusals = refuseCheckout(takarazuka, facts({ cardIssuedOn: "2026-06-11" }));
    assert.deepEqual(refusals, [{ code: "CARD_NOT_YET_ACTIVE", details: { activeFrom: "2026-06-11" } }]);
  });

  test("refuseCheckout lends on a card from the day it is issued", () => {
    assert.deepEqual(refuseCheckout(takarazuka, facts({ cardIssuedOn: TODAY })), []);
  });

  test("refuseCheckout refuses a credential the service point does not accept", () => {
    const refusals = refuseCheckout(takarazuka, facts({ credentialKind: "mynumber" }));
    assert.deepEqual(refusals, [
      {
        code: "CREDENTIAL_NOT_ACCEPTED_HERE",
        details: { kind: "mynumber", accepted: ["card", "felica", "line"] },
      },
    ]);
  });

  test("refuseCheckout lends on any credential the service point accepts", () => {
    for (const credentialKind of ["card", "felica", "line"] as const) {
      assert.deepEqual(refuseCheckout(takarazuka, facts({ credentialKind })), [], credentialKind);
    }
  });
});

describe("refuseCheckout: the item", () => {
  test("refuseCheckout refuses an in-library-only item as not loanable", () => {
    const refusals = refuseCheckout(takarazuka, facts({ item: { flags: ["inLibraryOnly"] } }));
    assert.deepEqual(refusals, [
      { code: "ITEM_NOT_LOANABLE", details: { barcode: BARCODE, reason: "inLibraryOnly" } },
    ]);
  });

  test("refuseCheckout refuses an item already on loan with that refusal only", () => {
    const refusals = refuseCheckout(
      takarazuka,
      facts({
        item: {
          status: "onLoan",
          flags: ["inLibraryOnly", "ill"],
          heldForPatronId: OTHER_PATRON,
          illPatronId: OTHER_PATRON,
        },
      }),
    );
    assert.deepEqual(refusals, [{ code: "ITEM_ALREADY_ON_LOAN", details: { barcode: BARCODE } }]);
  });

  test("refuseCheckout refuses a withdrawn item with that refusal only", () => {
    const refusals = refuseCheckout(
      takarazuka,
      facts({ item: { status: "withdrawn", flags: ["inLibraryOnly"], heldForPatronId: OTHER_PATRON } }),
    );
    assert.deepEqual(refusals, [{ code: "ITEM_WITHDRAWN", details: { barcode: BARCODE } }]);
  });

  test("refuseCheckout refuses an item kept on the hold shelf for another patron", () => {
    const refusals = refuseCheckout(
      takarazuka,
      facts({ item: { status: "onHoldShelf", heldForPatronId: OTHER_PATRON } }),
    );
    assert.deepEqual(refusals, [
      { code: "ITEM_ON_HOLD_FOR_ANOTHER_PATRON", details: { barcode: BARCODE, on: "holdShelf" } },
    ]);
  });

  test("refuseCheckout lends an item kept on the hold shelf for this patron", () => {
    const item = { status: "onHoldShelf", heldForPatronId: PATRON } as const;
    assert.deepEqual(refuseCheckout(takarazuka, facts({ item })), []);
  });

  test("refuseCheckout lends a hold kept for this patron even where the queue comes first", () => {
    const policy = withLoans(takarazuka, { walkInBorrowerFirst: false });
    const item = { status: "onHoldShelf", heldForPatronId: PATRON, pendingHoldsOnRecord: 3 } as const;
    assert.deepEqual(refuseCheckout(policy, facts({ item })), []);
  });

  test("refuseCheckout lends a shelf item with pending reservations when walk-in borrowers come first", () => {
    assert.equal(takarazuka.loans.walkInBorrowerFirst, true);
    assert.deepEqual(refuseCheckout(takarazuka, facts({ item: { pendingHoldsOnRecord: 2 } })), []);
  });

  test("refuseCheckout refuses a shelf item with pending reservations when the queue comes first", () => {
    const policy = withLoans(takarazuka, { walkInBorrowerFirst: false });
    const refusals = refuseCheckout(policy, facts({ item: { pendingHoldsOnRecord: 2 } }));
    assert.deepEqual(refusals, [
      {
        code: "ITEM_ON_HOLD_FOR_ANOTHER_PATRON",
        details: { barcode: BARCODE, on: "queue", pendingHolds: 2 },
      },
    ]);
  });

  test("refuseCheckout lends a shelf item without reservations when the queue comes first", () => {
    const policy = withLoans(takarazuka, { walkInBorrowerFirst: false });
    assert.deepEqual(refuseCheckout(policy, facts()), []);
  });

  test("refuseCheckout refuses an inter-library loan item borrowed for another patron", () => {
    const refusals = refuseCheckout(
      takarazuka,
      facts({ item: { flags: ["ill"], illPatronId: OTHER_PATRON } }),
    );
    assert.deepEqual(refusals, [{ code: "ILL_ITEM_FOR_ANOTHER_PATRON", details: { barcode: BARCODE } }]);
  });

  test("refuseCheckout lends an inter-library loan item to the patron it was borrowed for", () => {
    assert.deepEqual(
      refuseCheckout(takarazuka, facts({ item: { flags: ["ill"], illPatronId: PATRON } })),
      [],
    );
  });

  test("refuseCheckout lists every refusal at once", () => {
    const refusals = refuseCheckout(
      takarazuka,
      facts({
        patron: { status: "blocked", expiresOn: "2026-01-31" },
        credentialKind: "mynumber",
        item: { flags: ["inLibraryOnly"], heldForPatronId: OTHER_PATRON },
        currentLoans: loans(15),
      }),
    );
    assert.deepEqual(codes(refusals), [
      "PATRON_BLOCKED",
      "REGISTRATION_EXPIRED",
      "CREDENTIAL_NOT_ACCEPTED_HERE",
      "ITEM_NOT_LOANABLE",
      "ITEM_ON_HOLD_FOR_ANOTHER_PATRON",
      "LOAN_LIMIT_REACHED",
    ]);
  });
});

describe("refuseCheckout: loan limits", () => {
  test("refuseCheckout refuses a 16th loan in Takarazuka (15冊まで, 全館合計)", () => {
    assert.equal(takarazuka.loans.totalLimit, 15);
    const refusals = refuseCheckout(takarazuka, facts({ currentLoans: loans(15) }));
    assert.deepEqual(refusals, [
      { code: "LOAN_LIMIT_REACHED", details: { scope: "total", limit: 15, current: 15 } },
    ]);
  });

  test("refuseCheckout lends a 15th item in Takarazuka", () => {
    assert.deepEqual(refuseCheckout(takarazuka, facts({ currentLoans: loans(14) })), []);
  });

  test("refuseCheckout counts loans of every material type towards the total limit", () => {
    const currentLoans = [...loans(5, "cd"), ...loans(5, "dvd"), ...loans(5, "magazine")];
    assert.deepEqual(codes(refuseCheckout(takarazuka, facts({ currentLoans }))), ["LOAN_LIMIT_REACHED"]);
  });

  const dvdLimit = withLoans(takarazuka, { perTypeLimits: [{ materialTypes: ["dvd"], limit: 2 }] });

  test("refuseCheckout refuses a DVD past a per-type limit of 2 DVDs", () => {
    const refusals = refuseCheckout(
      dvdLimit,
      facts({ item: { materialType: "dvd" }, currentLoans: [...loans(2, "dvd"), ...loans(5, "book")] }),
    );
    assert.deepEqual(refusals, [
      {
        code: "LOAN_LIMIT_REACHED",
        details: { scope: "materialType", materialTypes: ["dvd"], limit: 2, current: 2 },
      },
    ]);
  });

  test("refuseCheckout counts only the limited types: a second DVD is lent beside many books", () => {
    const currentLoans = [...loans(1, "dvd"), ...loans(10, "book"), ...loans(3, "cd")];
    assert.deepEqual(refuseCheckout(dvdLimit, facts({ item: { materialType: "dvd" }, currentLoans })), []);
  });

  test("refuseCheckout lends a book to a patron at the DVD limit (the limit covers only DVDs)", () => {
    const currentLoans = loans(2, "dvd");
    assert.deepEqual(refuseCheckout(dvdLimit, facts({ item: { materialType: "book" }, currentLoans })), []);
  });

  test("refuseCheckout counts a per-type limit over all the types of its group", () => {
    const policy = withLoans(takarazuka, { perTypeLimits: [{ materialTypes: ["cd", "dvd"], limit: 2 }] });
    const currentLoans = [...loans(1, "cd"), ...loans(1, "dvd")];
    const refusals = refuseCheckout(policy, facts({ item: { materialType: "dvd" }, currentLoans }));
    assert.deepEqual(refusals, [
      {
        code: "LOAN_LIMIT_REACHED",
        details: { scope: "materialType", materialTypes: ["cd", "dvd"], limit: 2, current: 2 },
      },
    ]);
  });
});

describe("refuseCheckout: delivery lending", () => {
  // 001: postal loans deliver the copies reserved by phone or web, kept for the patron.
  const kept = { status: "onHoldShelf" as const, heldForPatronId: PATRON };

  test("refuseCheckout lends by post in Takarazuka with nothing on loan", () => {
    assert.deepEqual(refuseCheckout(takarazuka, facts({ delivery: "postal", item: kept })), []);
  });

  test("refuseCheckout refuses to post a copy not kept for the patron's reservation (電話やWebで予約した資料)", () => {
    assert.equal(takarazuka.loans.deliveryLending?.reservedItemsOnly, true);
    for (const item of [{}, { status: "onHoldShelf" as const, heldForPatronId: OTHER_PATRON }]) {
      const codes = refuseCheckout(takarazuka, facts({ delivery: "postal", item })).map((r) => r.code);
      assert.ok(codes.includes("DELIVERY_RESERVED_ITEMS_ONLY"), JSON.stringify(codes));
    }
    // Aomori's online lending is not said to be limited to reserved copies.
    assert.equal(aomori.loans.deliveryLending?.reservedItemsOnly, false);
  });

  test("refuseCheckout refuses an 11th postal loan, counting loans made at the counter (10冊まで)", () => {
    assert.equal(takarazuka.loans.deliveryLending?.limit, 10);
    const currentLoans = [...loans(7), ...loans(3).map((loan) => ({ ...loan, delivery: "postal" as const }))];
    const refusals = refuseCheckout(takarazuka, facts({ delivery: "postal", currentLoans, item: kept }));
    assert.deepEqual(refusals, [{ code: "POSTAL_LOAN_LIMIT_REACHED", details: { limit: 10, current: 10 } }]);
  });

  test("refuseCheckout lends a 10th item by post", () => {
    assert.deepEqual(
      refuseCheckout(takarazuka, facts({ delivery: "postal", currentLoans: loans(9), item: kept })),
      [],
    );
  });

  test("refuseCheckout does not apply the postal limit to a loan at the counter", () => {
    assert.deepEqual(refuseCheckout(takarazuka, facts({ currentLoans: loans(12) })), []);
  });

  test("refuseCheckout refuses postal lending where the policy offers no delivery lending", () => {
    assert.equal(userpage.loans.deliveryLending, null);
    const refusals = refuseCheckout(userpage, facts({ delivery: "postal", acceptedCredentials: ["card"] }));
    assert.deepEqual(refusals, [{ code: "DELIVERY_LENDING_NOT_OFFERED", details: { delivery: "postal" } }]);
  });

  test("refuseCheckout refuses online delivery where the policy offers postal lending only", () => {
    const refusals = refuseCheckout(takarazuka, facts({ delivery: "online" }));
    assert.deepEqual(refusals, [{ code: "DELIVERY_LENDING_NOT_OFFERED", details: { delivery: "online" } }]);
  });

  test("refuseCheckout refuses online delivery to a patron who did not apply for it (Aomori)", () => {
    assert.equal(aomori.loans.deliveryLending?.kind, "online");
    const refusals = refuseCheckout(aomori, facts({ delivery: "online", deliveryApplied: false }));
    assert.deepEqual(refusals, [{ code: "DELIVERY_LENDING_NOT_APPLIED", details: {} }]);
  });

  test("refuseCheckout lends by online delivery to a patron who applied for it (Aomori)", () => {
    assert.deepEqual(refuseCheckout(aomori, facts({ delivery: "online", deliveryApplied: true })), []);
  });
});

describe("refusalsBeyondOverride and isOverridable", () => {
  test("refusalsBeyondOverride keeps the refusals the policy does not let staff override", () => {
    const refusals = refuseCheckout(
      takarazuka,
      facts({
        patron: { status: "blocked", expiresOn: "2026-01-31" },
        item: { flags: ["inLibraryOnly"], heldForPatronId: OTHER_PATRON },
        currentLoans: loans(15),
      }),
    );
    assert.deepEqual(codes(refusalsBeyondOverride(takarazuka.loans, refusals)), [
      "PATRON_BLOCKED",
      "REGISTRATION_EXPIRED",
    ]);
  });

  test("refusalsBeyondOverride is empty when every refusal is overridable", () => {
    const refusals = refuseCheckout(
      takarazuka,
      facts({ item: { flags: ["inLibraryOnly"], pendingHoldsOnRecord: 1 }, currentLoans: loans(15) }),
    );
    assert.equal(refusals.length, 2);
    assert.deepEqual(refusalsBeyondOverride(takarazuka.loans, refusals), []);
  });

  test("refusalsBeyondOverride keeps the details of the refusals it keeps", () => {
    const withdrawn = { code: "ITEM_WITHDRAWN", details: { barcode: BARCODE } };
    const overLimit = { code: "LOAN_LIMIT_REACHED", details: { scope: "total", limit: 15, current: 15 } };
    assert.deepEqual(refusalsBeyondOverride(takarazuka.loans, [overLimit, withdrawn]), [withdrawn]);
  });

  test("isOverridable follows the policy's list of overridable refusals", () => {
    assert.equal(isOverridable(takarazuka.loans, "LOAN_LIMIT_REACHED"), true);
    assert.equal(isOverridable(takarazuka.loans, "ITEM_NOT_LOANABLE"), true);
    assert.equal(isOverridable(takarazuka.loans, "ITEM_ON_HOLD_FOR_ANOTHER_PATRON"), true);
    assert.equal(isOverridable(takarazuka.loans, "ITEM_WITHDRAWN"), false);
    assert.equal(isOverridable(takarazuka.loans, "REGISTRATION_EXPIRED"), false);
  });

  test("isOverridable allows an expired registration where a policy lists it", () => {
    const policy = withLoans(takarazuka, {
      overridable: [...takarazuka.loans.overridable, "REGISTRATION_EXPIRED"],
    });
    assert.equal(isOverridable(policy.loans, "REGISTRATION_EXPIRED"), true);
    const refusals = refuseCheckout(policy, facts({ patron: { expiresOn: "2026-01-31" } }));
    assert.deepEqual(refusalsBeyondOverride(policy.loans, refusals), []);
  });
});
