import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { isAppError } from "../../../src/domain/errors.ts";
import { refundAmount } from "../../../src/domain/fees/fee-ledger.ts";
import { photocopyFee, refusePhotocopy } from "../../../src/domain/fees/photocopy-rules.ts";

const ruleOf = (fn: () => void) => {
  try {
    fn();
    return null;
  } catch (error) {
    assert.ok(isAppError(error));
    return (error.details.rule as string | undefined) ?? error.code;
  }
};
const all = ["forResearch", "onePerPerson", "withinScope"];
const book = { periodical: false, currentIssue: false };
const pastIssue = { periodical: true, currentIssue: false };

describe("photocopies within art. 31 (001)", () => {
  test("part of a work, one copy, checklist confirmed", () => {
    assert.equal(
      ruleOf(() => refusePhotocopy({ source: book, scope: "partOfWork", copies: 1, confirmed: all })),
      null,
    );
    assert.equal(
      ruleOf(() =>
        refusePhotocopy({ source: book, scope: "partOfWork", copies: 1, confirmed: all.slice(1) }),
      ),
      "checklistNotConfirmed",
    );
    assert.equal(
      ruleOf(() => refusePhotocopy({ source: book, scope: "partOfWork", copies: 3, confirmed: all })),
      "oneCopyPerPerson",
    );
    assert.equal(
      ruleOf(() => refusePhotocopy({ source: book, scope: "wholeWork", copies: 1, confirmed: all })),
      "partOfWorkOnly",
    );
  });

  test("a whole article: only of a periodical, only once the issue is past", () => {
    assert.equal(
      ruleOf(() => refusePhotocopy({ source: pastIssue, scope: "wholeArticle", copies: 1, confirmed: all })),
      null,
    );
    assert.equal(
      ruleOf(() => refusePhotocopy({ source: book, scope: "wholeArticle", copies: 1, confirmed: all })),
      "partOfWorkOnly",
    );
    assert.equal(
      ruleOf(() =>
        refusePhotocopy({
          source: { periodical: true, currentIssue: true },
          scope: "wholeArticle",
          copies: 1,
          confirmed: all,
        }),
      ),
      "currentIssue",
    );
  });

  test("the fee: 10 yen a black-and-white page and 30 yen a colour page", () => {
    assert.equal(photocopyFee({ mono: 7, colour: 2 }, { photocopyMonoYen: 10, photocopyColourYen: 30 }), 130);
  });
});

describe("refunds", () => {
  const entry = { id: 1, amountYen: 100, refundOf: null, refundedYen: 30 };
  test("the rest by default, a part when asked, never more than remains", () => {
    assert.equal(refundAmount(entry, null), 70);
    assert.equal(refundAmount(entry, 20), 20);
    assert.equal(
      ruleOf(() => refundAmount(entry, 71)),
      "REFUND_EXCEEDS_PAID",
    );
    assert.equal(
      ruleOf(() => refundAmount({ ...entry, refundedYen: 100 }, null)),
      "REFUND_EXCEEDS_PAID",
    );
    assert.equal(
      ruleOf(() => refundAmount({ ...entry, amountYen: -10, refundOf: 5 }, null)),
      "FEE_ENTRY_NOT_REFUNDABLE",
    );
  });
});
