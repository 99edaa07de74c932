import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { isAppError } from "../../../src/domain/errors.ts";
import {
  refuseReferenceQuestion,
  refuseReferenceTransition,
} from "../../../src/domain/reference/reference-questions.ts";
import { kashiwaPreset } from "../../../src/policies/kashiwa.ts";
import { takarazukaPreset } from "../../../src/policies/takarazuka.ts";

const codeOf = (fn: () => void) => {
  try {
    fn();
    return null;
  } catch (error) {
    assert.ok(isAppError(error));
    return error.code;
  }
};
const rules = takarazukaPreset.policy.reference;

describe("reference questions (001)", () => {
  test("taken on the policy's channels; the kinds not answered refused", () => {
    assert.equal(
      codeOf(() => refuseReferenceQuestion(rules, { channel: "web", kind: null })),
      null,
    );
    assert.equal(
      codeOf(() => refuseReferenceQuestion(rules, { channel: "phone", kind: "homework" })),
      "REFERENCE_NOT_ANSWERED",
    );
    assert.equal(
      codeOf(() =>
        refuseReferenceQuestion({ ...rules, channels: ["referenceRoom"] }, { channel: "web", kind: null }),
      ),
      "REFERENCE_CHANNEL_NOT_OFFERED",
    );
    assert.equal(
      codeOf(() =>
        refuseReferenceQuestion(kashiwaPreset.policy.reference, { channel: "referenceRoom", kind: null }),
      ),
      "REFERENCE_NOT_OFFERED",
    );
  });

  test("received → in progress → answered; declined only with a kind not answered; closed stays closed", () => {
    const none = { answer: null, declinedKind: null };
    assert.equal(
      codeOf(() => refuseReferenceTransition(rules, "received", "inProgress", none)),
      null,
    );
    assert.equal(
      codeOf(() => refuseReferenceTransition(rules, "inProgress", "answered", none)),
      "VALIDATION_FAILED",
    );
    assert.equal(
      codeOf(() => refuseReferenceTransition(rules, "inProgress", "answered", { ...none, answer: "a" })),
      null,
    );
    assert.equal(
      codeOf(() => refuseReferenceTransition(rules, "received", "declined", none)),
      "REFERENCE_DECLINE_KIND_REQUIRED",
    );
    assert.equal(
      codeOf(() =>
        refuseReferenceTransition(rules, "received", "declined", { ...none, declinedKind: "quiz" }),
      ),
      null,
    );
    for (const from of ["answered", "declined"] as const) {
      assert.equal(
        codeOf(() => refuseReferenceTransition(rules, from, "inProgress", none)),
        "REFERENCE_TRANSITION_NOT_ALLOWED",
      );
    }
  });
});
