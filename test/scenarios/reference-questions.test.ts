import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { scenario } from "../support/scenario.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// Document 001 (宝塚市立図書館 調べもの): staff help with questions at the reference room (central) and corner
// (west), by phone or the web form; legal and medical advice, investigations of a person, quizzes and school
// homework are not answered.
describe("Takarazuka (001) reference questions", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;

  before(async () => {
    t = await startTestApp({ testClock: true });
    s = await scenario(t, "takarazuka");
    await s.at("2026-12-04");
  });
  after(() => t.close());

  const ask = (body: Record<string, unknown>, system = "takarazuka") =>
    t.request(`/api/v1/${system}/reference-questions/web`, { method: "POST", json: body });
  const move = (id: number, body: Record<string, unknown>) =>
    t.request(`/api/v1/takarazuka/reference-questions/${id}`, {
      method: "PATCH",
      token: s.token,
      json: body,
    });
  const count = async () =>
    (
      (await t.db.execute(sql`SELECT count(*)::int AS n FROM reference_questions`)) as {
        rows: { n: number }[];
      }
    ).rows[0]!.n;

  test("a web question is acknowledged by mail, worked on, and answered by mail", async () => {
    const res = await ask({
      askerName: "宝塚 太郎",
      email: "taro@example.jp",
      question: "宝塚歌劇の初演の年を調べたい。",
    });
    assert.equal(res.status, 201, await res.clone().text());
    const { id, status } = await json(res);
    assert.equal(status, "received");
    const ack = (await s.outbox()).find(
      (m) => m.to === "taro@example.jp" && /受け付けました/.test(m.subject),
    );
    assert.ok(ack, "acknowledged");
    assert.match(ack.text, new RegExp(`受付番号 ${id}`));

    const open = await json(await t.request("/api/v1/takarazuka/reference-questions", { token: s.token }));
    assert.ok(open.questions.some((q: { id: number }) => q.id === id));
    assert.equal((await json(await move(id, { status: "inProgress" }))).status, "inProgress");
    const noAnswer = await move(id, { status: "answered" });
    assert.equal(noAnswer.status, 422);
    const answered = await json(
      await move(id, { status: "answered", answer: "1914年(大正3年)です。", sources: "『宝塚歌劇100年史』" }),
    );
    assert.equal(answered.status, "answered");
    assert.ok(answered.closedAt);
    const mail = (await s.outbox()).find((m) => m.to === "taro@example.jp" && /回答/.test(m.subject));
    assert.ok(mail, "the answer is mailed");
    assert.match(mail.text, /1914年/);
    assert.match(mail.text, /宝塚歌劇100年史/);
    const again = await json(await move(id, { status: "inProgress" }));
    assert.equal(again.error.code, "REFERENCE_TRANSITION_NOT_ALLOWED");
  });

  test("the kinds the library does not answer: refused at intake, or declined with the kind and told by mail", async () => {
    const before = await count();
    for (const kind of ["legalAdvice", "medicalAdvice", "personalInvestigation", "quiz", "homework"]) {
      const res = await ask({ askerName: "x", email: "x@example.jp", question: "質問", kind });
      assert.equal(res.status, 409, kind);
      const { error } = await json(res);
      assert.equal(error.code, "REFERENCE_NOT_ANSWERED");
      assert.equal(error.details.kind, kind);
    }
    assert.equal(await count(), before, "nothing kept");

    const taken = await s.post("/reference-questions", {
      channel: "phone",
      askerName: "西 花子",
      email: "hanako@example.jp",
      question: "この薬を飲み続けてよいか知りたい。",
    });
    assert.equal(taken.status, 201, await taken.clone().text());
    const { id } = await json(taken);
    const noKind = await json(await move(id, { status: "declined" }));
    assert.equal(noKind.error.code, "REFERENCE_DECLINE_KIND_REQUIRED");
    const declined = await json(await move(id, { status: "declined", declinedKind: "medicalAdvice" }));
    assert.deepEqual([declined.status, declined.declinedKind], ["declined", "medicalAdvice"]);
    const mail = (await s.outbox()).find((m) => m.to === "hanako@example.jp" && /について/.test(m.subject));
    assert.ok(mail);
    assert.match(mail.text, /「医療相談」にあたるため/);
    const listed = await json(
      await t.request("/api/v1/takarazuka/reference-questions?view=declined", { token: s.token }),
    );
    assert.ok(listed.questions.some((q: { id: number }) => q.id === id));
  });

  test("at the reference room and corner, with the service point; refusals with their codes", async () => {
    const room = await json(
      await s.post("/reference-questions", {
        channel: "referenceRoom",
        servicePoint: "central",
        question: "市の人口の推移",
      }),
    );
    assert.equal(room.servicePointCode, "central");
    assert.equal(room.channel, "referenceRoom");
    const nowhere = await s.post("/reference-questions", {
      channel: "referenceCorner",
      servicePoint: "nowhere",
      question: "x",
    });
    assert.equal((await json(nowhere)).error.code, "SERVICE_POINT_NOT_FOUND");
    const noEmail = await ask({ askerName: "x", question: "x" });
    assert.equal(noEmail.status, 422);
    const empty = await ask({ askerName: "x", email: "x@example.jp", question: "  " });
    assert.equal(empty.status, 422);
    assert.equal(
      (await json(await move(999_999, { status: "inProgress" }))).error.code,
      "REFERENCE_QUESTION_NOT_FOUND",
    );
  });

  test("a library whose policy offers no reference service refuses; the desk is staff-only and per system", async () => {
    const res = await ask({ askerName: "x", email: "x@example.jp", question: "x" }, "kashiwa");
    assert.equal(res.status, 409);
    assert.equal((await json(res)).error.code, "REFERENCE_NOT_OFFERED");
    assert.equal((await t.request("/api/v1/takarazuka/reference-questions")).status, 401);
    const room = await json(await s.post("/reference-questions", { channel: "phone", question: "y" }));
    const kashiwa = await t.signIn("kashiwa");
    const other = await t.request(`/api/v1/kashiwa/reference-questions/${room.id}`, { token: kashiwa });
    assert.equal(other.status, 404);
  });
});
