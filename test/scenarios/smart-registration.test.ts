import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import sharp from "sharp";
import { smtpTransport } from "../../src/integrations/mail-transport.ts";
import { kashiwaResident, uniqueKana } from "../support/patron-fixtures.ts";
import { scenario } from "../support/scenario.ts";
import { freePort, mailText, startSmtpSink } from "../support/smtp-sink.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

// Document 002 (柏市立図書館 スマート登録): an e-mail address verified by a one-time link read from the mail, the
// form with the seed's limits, photos of both sides of the identity document (sealed at rest), a receipt number
// WR0000 and the usual day of use, the review, and the card number mailed on approval.
describe("Kashiwa (002) smart registration", () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof scenario>>;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let photo: Buffer;

  before(async () => {
    const port = await freePort();
    sink = await startSmtpSink(port);
    t = await startTestApp({ testClock: true, mailTransport: smtpTransport(`smtp://127.0.0.1:${port}`) });
    s = await scenario(t, "kashiwa");
    await s.at("2026-12-04"); // a Friday
    photo = await sharp({ create: { width: 64, height: 40, channels: 3, background: "#3366aa" } })
      .withMetadata({ exif: { IFD0: { Make: "PhoneMaker", Model: "Secret Model" } } })
      .jpeg()
      .toBuffer();
  });
  after(async () => {
    await t.close();
    await sink.close();
  });

  const api = (
    path: string,
    init: {
      method?: string;
      json?: unknown;
      token?: string;
      body?: BodyInit;
      headers?: Record<string, string>;
    } = {},
  ) => t.request(`/api/v1/kashiwa${path}`, init);

  /** Mails are delivered by the outbox job; the newest for the address, as the applicant reads it. */
  async function lastMailTo(address: string): Promise<string> {
    await s.runJob("sendMail");
    const mails = sink.received.filter((m) => m.to.includes(address));
    assert.ok(mails.length > 0, `a mail to ${address}`);
    return mailText(mails.at(-1)!.raw);
  }

  async function verifiedSession(email: string): Promise<string> {
    assert.equal((await api("/applications", { method: "POST", json: { email } })).status, 202);
    const mail = await lastMailTo(email);
    const key = /\/apply\/continue\?key=([\w-]+)/.exec(mail)?.[1];
    assert.ok(key, mail);
    const res = await api("/applications/verification", { method: "POST", json: { key } });
    assert.equal(res.status, 200, await res.clone().text());
    const again = await api("/applications/verification", { method: "POST", json: { key } });
    assert.equal((await json(again)).error.code, "APPLICATION_LINK_INVALID", "the key is single use");
    return (await json(res)).token;
  }

  const form = (overrides: Record<string, unknown> = {}) => {
    const { email: _email, ...details } = kashiwaResident({ ...uniqueKana(), ...overrides });
    return details;
  };

  test("from the e-mail to the receipt, then approval with the card number mailed", async () => {
    const email = "smart@example.jp";
    const token = await verifiedSession(email);
    const draft = await api("/applications/current", {
      method: "PUT",
      token,
      json: { procedure: "newRegistration", form: { familyName: "柏", givenName: "一郎" } },
    });
    assert.equal(draft.status, 200, await draft.clone().text());
    assert.equal((await json(draft)).emailVerified, true);
    const early = await api("/applications/current/submission", { method: "POST", token });
    assert.equal((await json(early)).error.code, "APPLICATION_CONSENT_REQUIRED");
    const details = form();
    await api("/applications/current", { method: "PUT", token, json: { consent: true, form: details } });
    const noPhotos = await json(await api("/applications/current/submission", { method: "POST", token }));
    assert.equal(noPhotos.error.code, "PHOTOS_REQUIRED");
    for (const side of ["front", "back"]) {
      const up = await api(`/applications/current/photos/${side}`, {
        method: "PUT",
        token,
        body: new Uint8Array(photo),
        headers: { "content-type": "image/jpeg" },
      });
      assert.equal(up.status, 200, await up.clone().text());
    }
    const submitted = await api("/applications/current/submission", { method: "POST", token });
    assert.equal(submitted.status, 200, await submitted.clone().text());
    const application = await json(submitted);
    assert.match(application.receiptNumber, /^WR\d{4}$/);
    assert.equal(application.status, "submitted");
    assert.equal(application.expectedOn, "2026-12-06", "two opening days after Friday: Saturday and Sunday");
    const twice = await json(await api("/applications/current/submission", { method: "POST", token }));
    assert.equal(twice.receiptNumber, application.receiptNumber, "submitting again answers the same receipt");
    assert.match(await lastMailTo(email), new RegExp(`受付番号: ${application.receiptNumber}`));
    const locked = await api("/applications/current", { method: "PUT", token, json: { consent: true } });
    assert.equal((await json(locked)).error.code, "APPLICATION_NOT_EDITABLE");

    const status = await json(
      await api(`/applications/status?receiptNumber=${application.receiptNumber}&email=${email}`),
    );
    assert.equal(status.status, "submitted");
    assert.equal(
      (await api(`/applications/status?receiptNumber=${application.receiptNumber}&email=other@example.jp`))
        .status,
      404,
    );

    // The photo is stored sealed: not the image, and without the camera's metadata once opened.
    const stored = (await t.db.execute(
      sql`SELECT sealed FROM application_photos WHERE application_id = ${application.id} AND side = 'front'`,
    )) as { rows: { sealed: Uint8Array }[] };
    const sealed = Buffer.from(stored.rows[0]!.sealed);
    assert.ok(!sealed.includes(Buffer.from([0xff, 0xd8, 0xff])), "no JPEG in the stored bytes");
    const queue = await json(await api("/applications", { token: s.token }));
    assert.ok(queue.applications.some((a: { id: string }) => a.id === application.id));
    const seen = await api(`/applications/${application.id}/photos/front`, { token: s.token });
    assert.equal(seen.headers.get("content-type"), "image/jpeg");
    const opened = Buffer.from(await seen.arrayBuffer());
    assert.ok(!opened.includes(Buffer.from("Secret Model")), "metadata stripped");
    assert.equal((await sharp(opened).metadata()).width, 64);
    assert.equal(
      (await api(`/applications/${application.id}/photos/front`, { token: applicantTokenless() })).status,
      401,
    );

    const approved = await api(`/applications/${application.id}/decision`, {
      method: "POST",
      token: s.token,
      json: { decision: "approve" },
    });
    assert.equal(approved.status, 200, await approved.clone().text());
    const completion = await lastMailTo(email);
    const cardNumber = /利用券番号: (\d+)/.exec(completion)?.[1];
    assert.ok(cardNumber, completion);
    const patrons = await json(
      await t.request(`/api/v1/kashiwa/credentials/resolve?kind=card&value=${cardNumber}`, {
        token: s.token,
      }),
    );
    assert.equal(patrons.patron.registeredVia, "online");
    assert.equal(patrons.patron.email, email);
    assert.equal(
      (
        await json(
          await api(`/applications/${application.id}/decision`, {
            method: "POST",
            token: s.token,
            json: { decision: "approve" },
          }),
        )
      ).error.code,
      "APPLICATION_ALREADY_DECIDED",
    );
  });

  test("already registered, ineligible and rejected applications; bad photos refused and nothing kept", async () => {
    const taken = form();
    const counter = await t.request("/api/v1/kashiwa/patrons", {
      method: "POST",
      token: s.token,
      json: { ...taken, email: "x@example.jp" },
    });
    assert.equal(counter.status, 201, await counter.clone().text());
    const token = await verifiedSession("twice@example.jp");
    await api("/applications/current", {
      method: "PUT",
      token,
      json: { procedure: "newRegistration", consent: true, form: taken },
    });
    for (const side of ["front", "back"]) {
      await api(`/applications/current/photos/${side}`, {
        method: "PUT",
        token,
        body: new Uint8Array(photo),
      });
    }
    const twice = await json(await api("/applications/current/submission", { method: "POST", token }));
    assert.equal(twice.error.code, "ALREADY_REGISTERED");

    const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF");
    const before = await t.db.execute(sql`SELECT count(*)::int AS n FROM application_photos`);
    const renamed = await api("/applications/current/photos/front", {
      method: "PUT",
      token,
      body: new Uint8Array(pdf),
      headers: { "content-type": "image/jpeg" },
    });
    assert.equal(renamed.status, 415);
    assert.equal((await json(renamed)).error.code, "PHOTO_TYPE_NOT_ACCEPTED");
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
    assert.equal(
      (
        await json(
          await api("/applications/current/photos/back", {
            method: "PUT",
            token,
            body: new Uint8Array(broken),
          }),
        )
      ).error.code,
      "PHOTO_UNREADABLE",
    );
    const huge = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(10_000_001)]);
    assert.equal(
      (await api("/applications/current/photos/back", { method: "PUT", token, body: new Uint8Array(huge) }))
        .status,
      413,
    );
    const afterCount = await t.db.execute(sql`SELECT count(*)::int AS n FROM application_photos`);
    assert.deepEqual(
      (afterCount as { rows: unknown[] }).rows,
      (before as { rows: unknown[] }).rows,
      "nothing written",
    );

    const kanji = await api("/applications/current", {
      method: "PUT",
      token,
      json: { form: { familyNameKana: "柏" } },
    });
    assert.equal(kanji.status, 422);

    const outsider = await verifiedSession("outside@example.jp");
    await api("/applications/current", {
      method: "PUT",
      token: outsider,
      json: {
        procedure: "newRegistration",
        consent: true,
        form: form({
          municipality: "札幌市",
          address: { postalCode: "060-0001", prefecture: "北海道", city: "札幌市", street: "北1条" },
        }),
      },
    });
    for (const side of ["front", "back"]) {
      await api(`/applications/current/photos/${side}`, {
        method: "PUT",
        token: outsider,
        body: new Uint8Array(photo),
      });
    }
    assert.equal(
      (await json(await api("/applications/current/submission", { method: "POST", token: outsider }))).error
        .code,
      "NOT_ELIGIBLE",
    );

    const rejectable = await verifiedSession("blurry@example.jp");
    await api("/applications/current", {
      method: "PUT",
      token: rejectable,
      json: { procedure: "newRegistration", consent: true, form: form() },
    });
    for (const side of ["front", "back"]) {
      await api(`/applications/current/photos/${side}`, {
        method: "PUT",
        token: rejectable,
        body: new Uint8Array(photo),
      });
    }
    const submitted = await json(
      await api("/applications/current/submission", { method: "POST", token: rejectable }),
    );
    const noReason = await api(`/applications/${submitted.id}/decision`, {
      method: "POST",
      token: s.token,
      json: { decision: "reject" },
    });
    assert.equal(noReason.status, 422);
    const rejected = await json(
      await api(`/applications/${submitted.id}/decision`, {
        method: "POST",
        token: s.token,
        json: { decision: "reject", reason: "写真の住所が読み取れません" },
      }),
    );
    assert.equal(rejected.status, "rejected");
    assert.match(await lastMailTo("blurry@example.jp"), /写真の住所が読み取れません/);
  });

  test("inquiries: answered through the mailed link; unanswered ones cancel after 7 opening days over the New Year", async () => {
    await s.at("2026-12-24");
    const submit = async (address: string) => {
      const token = await verifiedSession(address);
      await api("/applications/current", {
        method: "PUT",
        token,
        json: { procedure: "newRegistration", consent: true, form: form() },
      });
      for (const side of ["front", "back"]) {
        await api(`/applications/current/photos/${side}`, {
          method: "PUT",
          token,
          body: new Uint8Array(photo),
        });
      }
      return json(await api("/applications/current/submission", { method: "POST", token }));
    };
    const answered = await submit("answers@example.jp");
    const silent = await submit("silent@example.jp");
    await s.at("2026-12-25");
    for (const a of [answered, silent]) {
      const asked = await api(`/applications/${a.id}/inquiries`, {
        method: "POST",
        token: s.token,
        json: { question: "裏面の住所が読めません。撮り直していただけますか。" },
      });
      assert.equal(asked.status, 201, await asked.clone().text());
    }
    const mail = await lastMailTo("answers@example.jp");
    assert.match(mail, /裏面の住所が読めません/);
    const key = /\/apply\/answer\?key=([\w-]+)/.exec(mail)?.[1];
    assert.ok(key, mail);
    const reply = await api("/applications/inquiry-answers", {
      method: "POST",
      json: { key, answer: "撮り直した写真を窓口に持参します。" },
    });
    assert.equal(reply.status, 200, await reply.clone().text());
    const inquiries = await json(await api(`/applications/${answered.id}/inquiries`, { token: s.token }));
    assert.equal(inquiries.inquiries[0].answer, "撮り直した写真を窓口に持参します。");
    assert.equal(
      (await json(await api(`/applications/${answered.id}`, { token: s.token }))).status,
      "submitted",
    );

    const silentKey = /\/apply\/answer\?key=([\w-]+)/.exec(await lastMailTo("silent@example.jp"))?.[1];
    await s.at("2027-01-08");
    assert.equal(
      (await s.runJob("cancelApplications")).kashiwa,
      0,
      "six opening days: the closure and Mondays do not count",
    );
    await s.at("2027-01-09");
    assert.equal((await s.runJob("cancelApplications")).kashiwa, 1);
    assert.match(await lastMailTo("silent@example.jp"), /取り消しました/);
    const late = await api("/applications/inquiry-answers", {
      method: "POST",
      json: { key: silentKey, answer: "遅れました" },
    });
    assert.equal((await json(late)).error.code, "APPLICATION_CANCELLED");
    await s.at("2026-12-04");
  });

  test("a patron who registered online and lost the number gets it mailed after review", async () => {
    await s.at("2026-12-04");
    const address = "forgot@example.jp";
    const details = form();
    const first = await verifiedSession(address);
    await api("/applications/current", {
      method: "PUT",
      token: first,
      json: { procedure: "newRegistration", consent: true, form: details },
    });
    for (const side of ["front", "back"]) {
      await api(`/applications/current/photos/${side}`, {
        method: "PUT",
        token: first,
        body: new Uint8Array(photo),
      });
    }
    const registered = await json(
      await api("/applications/current/submission", { method: "POST", token: first }),
    );
    await api(`/applications/${registered.id}/decision`, {
      method: "POST",
      token: s.token,
      json: { decision: "approve" },
    });
    const cardNumber = /利用券番号: (\d+)/.exec(await lastMailTo(address))?.[1];
    assert.ok(cardNumber);

    const token = await verifiedSession(address);
    const reminder = {
      familyNameKana: details.familyNameKana,
      givenNameKana: details.givenNameKana,
      birthDate: "1990-05-16",
    };
    await api("/applications/current", {
      method: "PUT",
      token,
      json: { procedure: "forgotCardNumber", consent: true, form: reminder },
    });
    const wrong = await json(await api("/applications/current/submission", { method: "POST", token }));
    assert.equal(wrong.error.code, "ONLINE_REGISTRATION_NOT_FOUND", "the birth date does not match");
    await api("/applications/current", {
      method: "PUT",
      token,
      json: { form: { birthDate: details.birthDate } },
    });
    const asked = await api("/applications/current/submission", { method: "POST", token });
    assert.equal(asked.status, 200, await asked.clone().text());
    const application = await json(asked);
    assert.deepEqual(application.photos, [], "no photos needed for a reminder");
    const approved = await api(`/applications/${application.id}/decision`, {
      method: "POST",
      token: s.token,
      json: { decision: "approve" },
    });
    assert.equal(approved.status, 200, await approved.clone().text());
    const mail = await lastMailTo(address);
    assert.match(mail, /利用券番号のお知らせ|利用券番号:/);
    assert.equal(/利用券番号: (\d+)/.exec(mail)?.[1], cardNumber, "the same card, not a new registration");

    const stranger = await verifiedSession("someone-else@example.jp");
    await api("/applications/current", {
      method: "PUT",
      token: stranger,
      json: {
        procedure: "forgotCardNumber",
        consent: true,
        form: { ...reminder, birthDate: details.birthDate },
      },
    });
    const refused = await json(
      await api("/applications/current/submission", { method: "POST", token: stranger }),
    );
    assert.equal(
      refused.error.code,
      "ONLINE_REGISTRATION_NOT_FOUND",
      "another address does not get the number",
    );
  });

  test("Hiratsuka takes new registrations only; the expired link is refused", async () => {
    const res = await t.request("/api/v1/hiratsuka/applications", {
      method: "POST",
      json: { email: "h@example.jp" },
    });
    assert.equal(res.status, 202);
    const mail = await lastMailTo("h@example.jp");
    const key = /\/apply\/continue\?key=([\w-]+)/.exec(mail)?.[1];
    t.clock.set(new Date(t.clock.now().getTime() + 24 * 3_600_000));
    const late = await t.request("/api/v1/hiratsuka/applications/verification", {
      method: "POST",
      json: { key },
    });
    assert.equal((await json(late)).error.code, "APPLICATION_LINK_INVALID");
    await s.at("2026-12-04");
    await t.request("/api/v1/hiratsuka/applications", { method: "POST", json: { email: "h@example.jp" } });
    const fresh = /\/apply\/continue\?key=([\w-]+)/.exec(await lastMailTo("h@example.jp"))?.[1];
    const session = await json(
      await t.request("/api/v1/hiratsuka/applications/verification", {
        method: "POST",
        json: { key: fresh },
      }),
    );
    const reissue = await t.request("/api/v1/hiratsuka/applications/current", {
      method: "PUT",
      token: session.token,
      json: { procedure: "reissue" },
    });
    assert.equal((await json(reissue)).error.code, "PROCEDURE_NOT_OFFERED");
  });
});

function applicantTokenless(): string {
  return "not-a-staff-token";
}
