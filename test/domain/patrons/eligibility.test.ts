import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  decideEligibility,
  type EligibilityDecision,
  type EligibilityFacts,
  type EligibilityKind,
  normaliseMunicipalityName,
} from "../../../src/domain/patrons/eligibility.ts";
import type { Policy } from "../../../src/domain/policy/policy-schema.ts";
import { presetFor } from "../../../src/policies/presets.ts";

const TODAY = "2026-05-31";

function eligibilityOf(slug: string): Policy["eligibility"] {
  const preset = presetFor(slug);
  assert.ok(preset, `no preset ${slug}`);
  return preset.policy.eligibility;
}

const hiratsuka = eligibilityOf("hiratsuka");
const takarazuka = eligibilityOf("takarazuka");
const kashiwa = eligibilityOf("kashiwa");
const userpage = eligibilityOf("userpage");
const aomori = eligibilityOf("aomori");

/** A resident with an unexpired driving licence showing the current address; override what a case is about. */
function facts(overrides: Partial<EligibilityFacts> = {}): EligibilityFacts {
  return {
    basis: "resident",
    homeMunicipality: "平塚市",
    homePrefecture: "神奈川県",
    idDocument: { type: "driversLicence", expiresOn: "2028-01-15", showsCurrentAddress: true },
    ...overrides,
  };
}

function worker(workplaceMunicipality: string, overrides: Partial<EligibilityFacts> = {}): EligibilityFacts {
  return facts({
    basis: "worker",
    homeMunicipality: "横浜市",
    workplaceMunicipality,
    proofOfWorkOrSchool: true,
    ...overrides,
  });
}

function codes(decision: EligibilityDecision): string[] {
  return decision.ok ? [] : decision.refusals.map((refusal) => refusal.code);
}

function refusal(decision: EligibilityDecision, code: string): Record<string, unknown> {
  assert.equal(decision.ok, false, `expected a refusal ${code}`);
  const found = decision.ok ? undefined : decision.refusals.find((r) => r.code === code);
  assert.ok(found, `no ${code} among ${codes(decision).join(", ")}`);
  return found.details;
}

describe("decideEligibility: who may register", () => {
  const eligible: {
    name: string;
    eligibility: Policy["eligibility"];
    facts: EligibilityFacts;
    kind: EligibilityKind;
  }[] = [
    { name: "Hiratsuka resident", eligibility: hiratsuka, facts: facts(), kind: "area" },
    {
      name: "Hiratsuka worker living in Yokohama",
      eligibility: hiratsuka,
      facts: worker("平塚市"),
      kind: "area",
    },
    {
      name: "Hiratsuka student living in Tokyo",
      eligibility: hiratsuka,
      facts: worker("平塚市", { basis: "student", homeMunicipality: "世田谷区", homePrefecture: "東京都" }),
      kind: "area",
    },
    ...hiratsuka.wideAreaMunicipalities.map((city) => ({
      name: `Hiratsuka wide-area resident of ${city}`,
      eligibility: hiratsuka,
      facts: facts({ homeMunicipality: city }),
      kind: "wideArea" as const,
    })),
    {
      name: "Hiratsuka: 茅ケ崎市 typed with a large ケ",
      eligibility: hiratsuka,
      facts: facts({ homeMunicipality: "茅ケ崎市" }),
      kind: "wideArea",
    },
    {
      name: "Hiratsuka: half-width ｹ and full-width spaces around the name",
      eligibility: hiratsuka,
      facts: facts({ homeMunicipality: "\u3000茅ｹ崎市 " }),
      kind: "wideArea",
    },
    {
      name: "Takarazuka resident",
      eligibility: takarazuka,
      facts: facts({ homeMunicipality: "宝塚市" }),
      kind: "area",
    },
    {
      name: "Takarazuka student living in Osaka",
      eligibility: takarazuka,
      facts: worker("宝塚市", { basis: "student", homeMunicipality: "大阪市", homePrefecture: "大阪府" }),
      kind: "area",
    },
    ...takarazuka.wideAreaMunicipalities.map((city) => ({
      name: `Takarazuka wide-area resident of ${city}`,
      eligibility: takarazuka,
      facts: facts({ homeMunicipality: city, homePrefecture: "兵庫県" }),
      kind: "wideArea" as const,
    })),
    {
      name: "Kashiwa resident",
      eligibility: kashiwa,
      facts: facts({ homeMunicipality: "柏市" }),
      kind: "area",
    },
    ...kashiwa.wideAreaMunicipalities.map((city) => ({
      name: `Kashiwa wide-area resident of ${city}`,
      eligibility: kashiwa,
      facts: facts({ homeMunicipality: city, homePrefecture: "千葉県" }),
      kind: "wideArea" as const,
    })),
    {
      name: "Kashiwa: 鎌ケ谷市 (the official spelling) matches the seed's 鎌ヶ谷市",
      eligibility: kashiwa,
      facts: facts({ homeMunicipality: "鎌ケ谷市", homePrefecture: "千葉県" }),
      kind: "wideArea",
    },
    {
      name: "userpage resident",
      eligibility: userpage,
      facts: facts({ homeMunicipality: "本市" }),
      kind: "area",
    },
    {
      name: "Aomori: a listed municipality",
      eligibility: aomori,
      facts: facts({ homeMunicipality: "鰺ヶ沢町", homePrefecture: "青森県" }),
      kind: "area",
    },
    {
      name: "Aomori: any resident of the prefecture, even where the municipality is not listed",
      eligibility: aomori,
      facts: facts({ homeMunicipality: "どこか町", homePrefecture: "青森県" }),
      kind: "area",
    },
    {
      name: "Aomori: a worker in Hachinohe living in Iwate",
      eligibility: aomori,
      facts: worker("八戸市", { homeMunicipality: "盛岡市", homePrefecture: "岩手県" }),
      kind: "area",
    },
  ];

  for (const example of eligible) {
    test(`${example.name} → ${example.kind}`, () => {
      assert.deepEqual(decideEligibility(example.eligibility, example.facts, TODAY), {
        ok: true,
        kind: example.kind,
      });
    });
  }

  const notEligible: {
    name: string;
    eligibility: Policy["eligibility"];
    facts: EligibilityFacts;
    details: Record<string, unknown>;
  }[] = [
    {
      name: "Hiratsuka: a resident of Yokohama",
      eligibility: hiratsuka,
      facts: facts({ homeMunicipality: "横浜市" }),
      details: { reason: "outsideArea", basis: "resident", homeMunicipality: "横浜市" },
    },
    {
      name: "Hiratsuka: a worker in Chigasaki (wide-area is for residents only)",
      eligibility: hiratsuka,
      facts: worker("茅ヶ崎市"),
      details: {
        reason: "wideAreaResidentsOnly",
        basis: "worker",
        homeMunicipality: "横浜市",
        workplaceMunicipality: "茅ヶ崎市",
      },
    },
    {
      name: "Takarazuka: a student in Kobe living in Osaka",
      eligibility: takarazuka,
      facts: worker("神戸市", { basis: "student", homeMunicipality: "大阪市", homePrefecture: "大阪府" }),
      details: {
        reason: "wideAreaResidentsOnly",
        basis: "student",
        homeMunicipality: "大阪市",
        workplaceMunicipality: "神戸市",
      },
    },
    {
      name: "Hiratsuka: a worker in Yokohama living in Hiratsuka is told the home qualifies",
      eligibility: hiratsuka,
      facts: worker("横浜市", { homeMunicipality: "平塚市" }),
      details: {
        reason: "outsideArea",
        basis: "worker",
        homeMunicipality: "平塚市",
        workplaceMunicipality: "横浜市",
        homeQualifiesAs: "area",
      },
    },
    {
      name: "Hiratsuka: a worker in Chigasaki living in Oiso may register as a wide-area resident",
      eligibility: hiratsuka,
      facts: worker("茅ヶ崎市", { homeMunicipality: "大磯町" }),
      details: {
        reason: "wideAreaResidentsOnly",
        basis: "worker",
        homeMunicipality: "大磯町",
        workplaceMunicipality: "茅ヶ崎市",
        homeQualifiesAs: "wideArea",
      },
    },
    {
      name: "Hiratsuka: a worker who gives no workplace",
      eligibility: hiratsuka,
      facts: worker("平塚市", { workplaceMunicipality: null }),
      details: {
        reason: "outsideArea",
        basis: "worker",
        homeMunicipality: "横浜市",
        workplaceMunicipality: null,
      },
    },
    {
      name: "Kashiwa: a resident of Tokyo",
      eligibility: kashiwa,
      facts: facts({ homeMunicipality: "千代田区", homePrefecture: "東京都" }),
      details: { reason: "outsideArea", basis: "resident", homeMunicipality: "千代田区" },
    },
    {
      name: "userpage: no wide-area municipalities configured yet",
      eligibility: userpage,
      facts: facts({ homeMunicipality: "隣市" }),
      details: { reason: "outsideArea", basis: "resident", homeMunicipality: "隣市" },
    },
    {
      name: "Aomori: a resident of Iwate",
      eligibility: aomori,
      facts: facts({ homeMunicipality: "盛岡市", homePrefecture: "岩手県" }),
      details: { reason: "outsideArea", basis: "resident", homeMunicipality: "盛岡市" },
    },
    {
      name: "a basis the policy does not accept",
      eligibility: { ...hiratsuka, bases: ["resident"] },
      facts: worker("平塚市"),
      details: {
        reason: "basisNotAccepted",
        basis: "worker",
        homeMunicipality: "横浜市",
        workplaceMunicipality: "平塚市",
        acceptedBases: ["resident"],
      },
    },
  ];

  for (const example of notEligible) {
    test(`${example.name} → NOT_ELIGIBLE ${String(example.details.reason)}`, () => {
      assert.deepEqual(decideEligibility(example.eligibility, example.facts, TODAY), {
        ok: false,
        refusals: [{ code: "NOT_ELIGIBLE", details: example.details }],
      });
    });
  }
});

describe("decideEligibility: proof of work or school", () => {
  test("a worker without proof is refused where the policy requires it", () => {
    const decision = decideEligibility(hiratsuka, worker("平塚市", { proofOfWorkOrSchool: false }), TODAY);
    assert.deepEqual(decision, {
      ok: false,
      refusals: [{ code: "PROOF_OF_WORK_OR_SCHOOL_REQUIRED", details: { basis: "worker" } }],
    });
  });

  test("a student who says nothing about proof is refused", () => {
    const decision = decideEligibility(
      hiratsuka,
      worker("平塚市", { basis: "student", proofOfWorkOrSchool: undefined }),
      TODAY,
    );
    assert.deepEqual(codes(decision), ["PROOF_OF_WORK_OR_SCHOOL_REQUIRED"]);
  });

  test("no proof is needed where the policy does not require it, nor ever from residents", () => {
    const relaxed = { ...hiratsuka, workerStudentProofRequired: false };
    assert.deepEqual(decideEligibility(relaxed, worker("平塚市", { proofOfWorkOrSchool: false }), TODAY), {
      ok: true,
      kind: "area",
    });
    assert.deepEqual(decideEligibility(hiratsuka, facts({ proofOfWorkOrSchool: false }), TODAY), {
      ok: true,
      kind: "area",
    });
  });
});

describe("decideEligibility: identity document", () => {
  for (const type of ["cashCard", "pointCard", "membershipCard"] as const) {
    test(`a ${type} is never accepted, even where a policy lists it`, () => {
      const careless = { ...hiratsuka, acceptedIdDocuments: [...hiratsuka.acceptedIdDocuments, type] };
      const decision = decideEligibility(
        careless,
        facts({ idDocument: { type, showsCurrentAddress: true } }),
        TODAY,
      );
      assert.deepEqual(refusal(decision, "ID_DOCUMENT_NOT_ACCEPTED"), {
        type,
        accepted: hiratsuka.acceptedIdDocuments,
      });
    });
  }

  test("a document type the policy does not list is refused (Hiratsuka, student ID)", () => {
    const idDocument = { type: "studentId" as const, showsCurrentAddress: true };
    assert.deepEqual(codes(decideEligibility(hiratsuka, facts({ idDocument }), TODAY)), [
      "ID_DOCUMENT_NOT_ACCEPTED",
    ]);
  });

  for (const slug of ["hiratsuka", "takarazuka", "kashiwa", "userpage", "aomori"]) {
    test(`${slug}: every listed document type is accepted`, () => {
      const eligibility = eligibilityOf(slug);
      const [home = ""] = eligibility.areaMunicipalities;
      for (const type of eligibility.acceptedIdDocuments) {
        const decision = decideEligibility(
          eligibility,
          facts({ homeMunicipality: home, idDocument: { type, showsCurrentAddress: true } }),
          TODAY,
        );
        assert.deepEqual(decision, { ok: true, kind: "area" }, type);
      }
    });
  }

  const expiry: { expiresOn: string | null | undefined; expired: boolean }[] = [
    { expiresOn: "2026-06-01", expired: false },
    { expiresOn: TODAY, expired: false },
    { expiresOn: "2026-05-30", expired: true },
    { expiresOn: "2020-01-01", expired: true },
    { expiresOn: null, expired: false },
    { expiresOn: undefined, expired: false },
  ];
  for (const { expiresOn, expired } of expiry) {
    test(`a document expiring ${String(expiresOn)} on ${TODAY} is ${expired ? "expired" : "still valid"}`, () => {
      const idDocument = { type: "driversLicence" as const, expiresOn, showsCurrentAddress: true };
      const decision = decideEligibility(hiratsuka, facts({ idDocument }), TODAY);
      if (expired) {
        assert.deepEqual(decision, {
          ok: false,
          refusals: [
            { code: "ID_DOCUMENT_EXPIRED", details: { type: "driversLicence", expiresOn, today: TODAY } },
          ],
        });
      } else {
        assert.deepEqual(decision, { ok: true, kind: "area" });
      }
    });
  }
});

describe("decideEligibility: supplementary document for an outdated address", () => {
  const outdated = { type: "driversLicence" as const, expiresOn: "2030-01-15", showsCurrentAddress: false };

  // Three calendar months back, clamped to the end of a shorter month.
  const cases: {
    today: string;
    supplementaryDocument: EligibilityFacts["supplementaryDocument"];
    problem: string | null;
    earliestIssuedOn: string;
  }[] = [
    {
      today: "2026-03-15",
      supplementaryDocument: { type: "residenceCertificate", issuedOn: "2025-12-15" },
      problem: null,
      earliestIssuedOn: "2025-12-15",
    },
    {
      today: "2026-03-15",
      supplementaryDocument: { type: "residenceCertificate", issuedOn: "2025-12-14" },
      problem: "tooOld",
      earliestIssuedOn: "2025-12-15",
    },
    {
      today: "2026-05-31",
      supplementaryDocument: { type: "utilityBill", issuedOn: "2026-02-28" },
      problem: null,
      earliestIssuedOn: "2026-02-28",
    },
    {
      today: "2026-05-31",
      supplementaryDocument: { type: "utilityBill", issuedOn: "2026-02-27" },
      problem: "tooOld",
      earliestIssuedOn: "2026-02-28",
    },
    {
      today: "2028-05-31",
      supplementaryDocument: { type: "utilityBill", issuedOn: "2028-02-29" },
      problem: null,
      earliestIssuedOn: "2028-02-29",
    },
    {
      today: "2026-01-31",
      supplementaryDocument: { type: "utilityBill", issuedOn: "2025-10-31" },
      problem: null,
      earliestIssuedOn: "2025-10-31",
    },
    {
      today: "2026-05-31",
      supplementaryDocument: { type: "utilityBill", issuedOn: "2026-05-31" },
      problem: null,
      earliestIssuedOn: "2026-02-28",
    },
    {
      today: "2026-05-31",
      supplementaryDocument: { type: "utilityBill", issuedOn: "2026-06-01" },
      problem: "issuedAfterToday",
      earliestIssuedOn: "2026-02-28",
    },
    {
      today: "2026-05-31",
      supplementaryDocument: { type: "healthInsuranceCard", issuedOn: "2026-05-01" },
      problem: "typeNotAccepted",
      earliestIssuedOn: "2026-02-28",
    },
    { today: "2026-05-31", supplementaryDocument: null, problem: "missing", earliestIssuedOn: "2026-02-28" },
    {
      today: "2026-05-31",
      supplementaryDocument: undefined,
      problem: "missing",
      earliestIssuedOn: "2026-02-28",
    },
  ];

  for (const { today, supplementaryDocument, problem, earliestIssuedOn } of cases) {
    const label = supplementaryDocument
      ? `${supplementaryDocument.type} issued ${supplementaryDocument.issuedOn}`
      : "no supplementary document";
    test(`on ${today}, ${label} → ${problem ?? "accepted"}`, () => {
      const decision = decideEligibility(
        hiratsuka,
        facts({ idDocument: outdated, supplementaryDocument }),
        today,
      );
      if (problem === null) {
        assert.deepEqual(decision, { ok: true, kind: "area" });
        return;
      }
      assert.deepEqual(decision, {
        ok: false,
        refusals: [
          {
            code: "SUPPLEMENTARY_DOCUMENT_REQUIRED",
            details: {
              problem,
              maxAgeMonths: 3,
              accepted: ["residenceCertificate", "utilityBill"],
              earliestIssuedOn,
              provided: supplementaryDocument ?? null,
            },
          },
        ],
      });
    });
  }

  test("no supplementary document is needed when the document shows the current address", () => {
    const stale = { type: "utilityBill" as const, issuedOn: "2020-01-01" };
    assert.deepEqual(decideEligibility(hiratsuka, facts({ supplementaryDocument: stale }), TODAY), {
      ok: true,
      kind: "area",
    });
  });
});

describe("decideEligibility collects every refusal at once", () => {
  test("a worker in a wide-area city without proof, with an expired point card and an outdated address", () => {
    const decision = decideEligibility(
      hiratsuka,
      worker("厚木市", {
        proofOfWorkOrSchool: false,
        idDocument: { type: "pointCard", expiresOn: "2026-05-30", showsCurrentAddress: false },
        supplementaryDocument: { type: "utilityBill", issuedOn: "2026-01-31" },
      }),
      TODAY,
    );
    assert.deepEqual(codes(decision), [
      "NOT_ELIGIBLE",
      "PROOF_OF_WORK_OR_SCHOOL_REQUIRED",
      "ID_DOCUMENT_NOT_ACCEPTED",
      "ID_DOCUMENT_EXPIRED",
      "SUPPLEMENTARY_DOCUMENT_REQUIRED",
    ]);
    assert.equal(refusal(decision, "NOT_ELIGIBLE").reason, "wideAreaResidentsOnly");
    assert.equal(refusal(decision, "SUPPLEMENTARY_DOCUMENT_REQUIRED").problem, "tooOld");
  });

  test("a resident outside the area with an expired licence gets both refusals", () => {
    const idDocument = {
      type: "driversLicence" as const,
      expiresOn: "2026-01-01",
      showsCurrentAddress: true,
    };
    const decision = decideEligibility(takarazuka, facts({ homeMunicipality: "大阪市", idDocument }), TODAY);
    assert.deepEqual(codes(decision), ["NOT_ELIGIBLE", "ID_DOCUMENT_EXPIRED"]);
  });
});

describe("normaliseMunicipalityName", () => {
  const cases: [string, string][] = [
    ["茅ヶ崎市", "茅ケ崎市"],
    [" 茅ｹ崎市\u3000", "茅ケ崎市"],
    ["鰺ヶ沢町", "鰺ケ沢町"],
    ["六ヶ所村", "六ケ所村"],
    ["平塚市", "平塚市"],
  ];
  for (const [input, expected] of cases) {
    test(`${JSON.stringify(input)} → ${expected}`, () => {
      assert.equal(normaliseMunicipalityName(input), expected);
    });
  }
});
