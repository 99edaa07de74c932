import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  decideReturn,
  effectiveReturnDate,
  mustReturnToLendingPoint,
  overdueDays,
  type ReturnFacts,
} from "../../../src/domain/circulation/return-rules.ts";
import type { Policy } from "../../../src/domain/policy/policy-schema.ts";
import type { MaterialType } from "../../../src/domain/vocabulary.ts";
import { takarazukaPreset } from "../../../src/policies/takarazuka.ts";

// Takarazuka (001): big books, kamishibai stages and inter-library loan items go back to the lending
// library; the book drops take books, magazines and kamishibai of the library's own; the return points
// (返却できるところ) take books and magazines only.

const returns: Policy["returns"] = takarazukaPreset.policy.returns;

const CENTRAL = { servicePointId: "central", type: "main" } as const;
const WEST = { servicePointId: "west", type: "branch" } as const;
const CITY_HALL = { servicePointId: "city-hall-return", type: "returnPoint" } as const;

/** A book lent by the central library, returned at its counter; override what a case is about. */
function facts(
  overrides: Partial<Omit<ReturnFacts, "item">> & { item?: Partial<ReturnFacts["item"]> } = {},
): ReturnFacts {
  const { item, ...rest } = overrides;
  return {
    item: { materialType: "book", flags: [], ...item },
    lendingServicePointId: "central",
    at: CENTRAL,
    via: "counter",
    bookDropOpen: true,
    ...rest,
  };
}

function ofType(materialType: MaterialType): Partial<ReturnFacts["item"]> {
  return { materialType };
}

const accepted = { refused: null, exceptions: [] };

describe("mustReturnToLendingPoint", () => {
  test("mustReturnToLendingPoint holds for big books, kamishibai stages and inter-library loan items", () => {
    assert.equal(mustReturnToLendingPoint(returns, { materialType: "bigBook", flags: [] }), true);
    assert.equal(mustReturnToLendingPoint(returns, { materialType: "kamishibaiStage", flags: [] }), true);
    assert.equal(mustReturnToLendingPoint(returns, { materialType: "book", flags: ["ill"] }), true);
  });

  test("mustReturnToLendingPoint does not hold for an ordinary book or kamishibai", () => {
    assert.equal(mustReturnToLendingPoint(returns, { materialType: "book", flags: [] }), false);
    assert.equal(mustReturnToLendingPoint(returns, { materialType: "kamishibai", flags: [] }), false);
  });
});

describe("decideReturn at a counter", () => {
  test("decideReturn accepts a book at the counter of another service point", () => {
    assert.deepEqual(decideReturn(returns, facts({ at: WEST })), accepted);
  });

  for (const item of [ofType("bigBook"), ofType("kamishibaiStage"), { flags: ["ill" as const] }]) {
    const label = item.materialType ?? "inter-library loan item";
    test(`decideReturn refuses a ${label} at the counter of another service point`, () => {
      assert.deepEqual(decideReturn(returns, facts({ item, at: WEST })), {
        refused: { code: "RETURN_AT_LENDING_POINT_ONLY", details: { servicePointId: "central" } },
      });
    });

    test(`decideReturn accepts a ${label} at the lending service point's counter`, () => {
      assert.deepEqual(decideReturn(returns, facts({ item, at: CENTRAL })), accepted);
    });
  }

  test("decideReturn accepts a big book not on loan (a stray item) at any counter", () => {
    const stray = facts({ item: ofType("bigBook"), lendingServicePointId: null, at: WEST });
    assert.deepEqual(decideReturn(returns, stray), accepted);
  });

  for (const materialType of ["cd", "dvd"] as const) {
    test(`decideReturn refuses a ${materialType} at a return point (books and magazines only)`, () => {
      assert.deepEqual(decideReturn(returns, facts({ item: ofType(materialType), at: CITY_HALL })), {
        refused: {
          code: "RETURN_POINT_BOOKS_AND_MAGAZINES_ONLY",
          details: { materialType, accepted: ["book", "magazine", "weeklyMagazine"] },
        },
      });
    });
  }

  for (const materialType of ["book", "magazine"] as const) {
    test(`decideReturn accepts a ${materialType} at a return point`, () => {
      assert.deepEqual(decideReturn(returns, facts({ item: ofType(materialType), at: CITY_HALL })), accepted);
    });
  }
});

describe("decideReturn from a book drop", () => {
  function drop(overrides: Parameters<typeof facts>[0] = {}): ReturnFacts {
    return facts({ via: "bookDrop", ...overrides });
  }

  test("decideReturn takes a book from an open book drop without exceptions", () => {
    assert.deepEqual(decideReturn(returns, drop()), accepted);
  });

  for (const materialType of ["cd", "audiobookCd", "bigBook", "kamishibaiStage"] as const) {
    test(`decideReturn takes a ${materialType} from a book drop but lists it as not accepted there`, () => {
      const decision = decideReturn(returns, drop({ item: ofType(materialType) }));
      assert.equal(decision.refused, null);
      assert.ok(decision.refused === null && decision.exceptions.includes("BOOK_DROP_MATERIAL_NOT_ACCEPTED"));
    });
  }

  for (const materialType of ["book", "magazine", "weeklyMagazine", "kamishibai"] as const) {
    test(`decideReturn takes a ${materialType} from a book drop as accepted there`, () => {
      assert.deepEqual(decideReturn(returns, drop({ item: ofType(materialType) })), accepted);
    });
  }

  test("decideReturn lists an inter-library loan item from a book drop of its lending library", () => {
    assert.deepEqual(decideReturn(returns, drop({ item: { flags: ["ill"] } })), {
      refused: null,
      exceptions: ["BOOK_DROP_ILL_ITEM"],
    });
  });

  test("decideReturn lists an inter-library loan item when only ownItemsOnly excludes it", () => {
    const policy = { ...returns, bookDrop: { ...returns.bookDrop, refusedFlags: [] } };
    assert.deepEqual(decideReturn(policy, drop({ item: { flags: ["ill"] } })), {
      refused: null,
      exceptions: ["BOOK_DROP_ILL_ITEM"],
    });
  });

  test("decideReturn takes an inter-library loan item without exception where the drop allows it", () => {
    const policy = { ...returns, bookDrop: { ...returns.bookDrop, refusedFlags: [], ownItemsOnly: false } };
    assert.deepEqual(decideReturn(policy, drop({ item: { flags: ["ill"] } })), accepted);
  });

  test("decideReturn lists an item found in a book drop that was closed", () => {
    assert.deepEqual(decideReturn(returns, drop({ bookDropOpen: false })), {
      refused: null,
      exceptions: ["BOOK_DROP_CLOSED"],
    });
  });

  test("decideReturn lists a big book dropped away from its lending library with both exceptions", () => {
    assert.deepEqual(decideReturn(returns, drop({ item: ofType("bigBook"), at: WEST })), {
      refused: null,
      exceptions: ["BOOK_DROP_MATERIAL_NOT_ACCEPTED", "RETURNED_AWAY_FROM_LENDING_POINT"],
    });
  });

  test("decideReturn lists every exception of a book drop at once and still refuses nothing", () => {
    const decision = decideReturn(
      returns,
      drop({ item: { materialType: "cd", flags: ["ill"] }, at: WEST, bookDropOpen: false }),
    );
    assert.deepEqual(decision, {
      refused: null,
      exceptions: [
        "BOOK_DROP_MATERIAL_NOT_ACCEPTED",
        "BOOK_DROP_ILL_ITEM",
        "BOOK_DROP_CLOSED",
        "RETURNED_AWAY_FROM_LENDING_POINT",
      ],
    });
  });

  test("decideReturn does not list a book dropped away from its lending library", () => {
    assert.deepEqual(decideReturn(returns, drop({ at: WEST })), accepted);
  });
});

describe("effectiveReturnDate and overdueDays", () => {
  test("effectiveReturnDate is the day itself at the counter", () => {
    assert.equal(effectiveReturnDate("counter", "2026-06-11", "2026-05-27"), "2026-06-11");
  });

  test("effectiveReturnDate is the day before the book drop was emptied", () => {
    assert.equal(effectiveReturnDate("bookDrop", "2026-06-11", "2026-05-27"), "2026-06-10");
    assert.equal(effectiveReturnDate("bookDrop", "2026-07-01", "2026-05-27"), "2026-06-30");
  });

  test("effectiveReturnDate from a book drop is never earlier than the loan day", () => {
    assert.equal(effectiveReturnDate("bookDrop", "2026-06-11", "2026-06-11"), "2026-06-11");
  });

  test("effectiveReturnDate from a book drop the day after the loan is the loan day", () => {
    assert.equal(effectiveReturnDate("bookDrop", "2026-06-12", "2026-06-11"), "2026-06-11");
  });

  test("overdueDays is 0 for an item returned before its due date", () => {
    assert.equal(overdueDays("2026-06-10", "2026-06-08"), 0);
  });

  test("overdueDays is 0 for an item returned on its due date", () => {
    assert.equal(overdueDays("2026-06-10", "2026-06-10"), 0);
  });

  test("overdueDays counts the days after the due date", () => {
    assert.equal(overdueDays("2026-06-10", "2026-06-11"), 1);
    assert.equal(overdueDays("2026-06-10", "2026-07-01"), 21);
  });

  test("overdueDays of a book-drop return counts from the day before the drop was emptied", () => {
    assert.equal(overdueDays("2026-06-10", effectiveReturnDate("bookDrop", "2026-06-11", "2026-05-27")), 0);
  });
});
