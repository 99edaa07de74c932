import type { TestApp } from "./test-app.ts";
import { json } from "./test-app.ts";

type Body = Record<string, unknown>;

/** A resident of the system's own city with a driving licence that shows the current address. */
export function residentOf(municipality: string, prefecture: string, overrides: Body = {}): Body {
  return {
    familyName: "平塚",
    givenName: "花子",
    familyNameKana: "ヒラツカ",
    givenNameKana: "ハナコ",
    birthDate: "1990-05-15",
    address: { postalCode: "254-0041", prefecture, city: municipality, street: "浅間町12-41" },
    phone: "0463-31-2000",
    email: "hanako@example.jp",
    basis: "resident",
    municipality,
    idDocument: { type: "driversLicence", expiresOn: "2029-06-15" },
    ...overrides,
  };
}

export const hiratsukaResident = (overrides: Body = {}) => residentOf("平塚市", "神奈川県", overrides);
export const takarazukaResident = (overrides: Body = {}) =>
  residentOf("宝塚市", "兵庫県", {
    familyName: "宝塚",
    familyNameKana: "タカラヅカ",
    address: { postalCode: "665-0014", prefecture: "兵庫県", city: "宝塚市", street: "末成町1-1" },
    ...overrides,
  });
/** A resident of the user page library's own city (document 003), whose policy calls it 本市. */
export const userpageResident = (overrides: Body = {}) =>
  residentOf("本市", "東京都", {
    address: { postalCode: "100-0001", prefecture: "東京都", city: "本市", street: "1-1" },
    ...overrides,
  });
export const kashiwaResident = (overrides: Body = {}) =>
  residentOf("柏市", "千葉県", {
    familyName: "柏",
    familyNameKana: "カシワ",
    address: { postalCode: "277-0005", prefecture: "千葉県", city: "柏市", street: "柏5-8-12" },
    ...overrides,
  });

/** Registers through the API and returns the answer's body; fails the test on any other status. */
export async function registerAtCounter(t: TestApp, system: string, token: string, body: Body) {
  const res = await t.request(`/api/v1/${system}/patrons`, { method: "POST", token, json: body });
  if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${await res.text()}`);
  return (await json(res)) as { id: string; cardNumber: string; expiresOn: string };
}

/** A distinct reading per call, so that the duplicate check does not trip over earlier tests. */
let serial = 0;
export function uniqueKana(): { familyNameKana: string; givenNameKana: string } {
  serial++;
  const kana = "アイウエオカキクケコサシスセソタチツテトナニヌネノ";
  const pick = (n: number) => kana[n % kana.length]! + kana[Math.floor(n / kana.length) % kana.length]!;
  return { familyNameKana: `テスト${pick(serial)}`, givenNameKana: `${pick(serial * 7 + 3)}コ` };
}
