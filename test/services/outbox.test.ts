import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { withTenant } from "../../src/db/tenant.ts";
import { smtpTransport } from "../../src/integrations/mail-transport.ts";
import { queueMail } from "../../src/services/mail/queue-mail.ts";
import { freePort, startSmtpSink } from "../support/smtp-sink.ts";
import { json, startTestApp, type TestApp } from "../support/test-app.ts";

describe("mail outbox over SMTP", () => {
  let t: TestApp;
  let port: number;
  let token: string;
  before(async () => {
    port = await freePort();
    t = await startTestApp({ testClock: true, mailTransport: smtpTransport(`smtp://127.0.0.1:${port}`) });
    token = await t.signIn("kashiwa");
  });
  after(() => t.close());

  const runSendMail = async () => json(await t.request("/api/v1/_test/jobs/sendMail", { method: "POST" }));
  const outbox = async () => (await json(await t.request("/api/v1/kashiwa/outbox", { token }))).messages;

  test("mail survives an SMTP server that is down and is delivered when it is back", async () => {
    await withTenant(t.db, await t.systemId("kashiwa"), (tx) =>
      queueMail(
        tx,
        {
          to: "reader@example.jp",
          subject: "登録完了 / Registration complete",
          text: "利用券番号 0001",
          template: "test",
        },
        t.clock.now(),
      ),
    );

    const down = await runSendMail();
    assert.deepEqual(down.result, { sent: 0, failed: 1, transport: "smtp" });
    const [waiting] = await outbox();
    assert.equal(waiting.status, "pending");
    assert.equal(waiting.attempts, 1);
    assert.ok(waiting.lastError);

    // Before the back-off has passed nothing is tried again.
    assert.deepEqual((await runSendMail()).result, { sent: 0, failed: 0, transport: "smtp" });

    const sink = await startSmtpSink(port);
    try {
      t.clock.set(new Date(t.clock.now().getTime() + 5 * 60_000));
      assert.deepEqual((await runSendMail()).result, { sent: 1, failed: 0, transport: "smtp" });
      assert.equal(sink.received.length, 1);
      assert.deepEqual(sink.received[0]!.to, ["reader@example.jp"]);
      assert.match(sink.received[0]!.raw, /Subject: =\?UTF-8\?/);
      const [sent] = await outbox();
      assert.equal(sent.status, "sent");
      assert.equal(sent.attempts, 2);
      // Sent once only.
      assert.deepEqual((await runSendMail()).result, { sent: 0, failed: 0, transport: "smtp" });
      assert.equal(sink.received.length, 1);
    } finally {
      await sink.close();
    }
  });

  test("another system's staff do not see this system's mail", async () => {
    const other = await t.signIn("aomori");
    const { messages } = await json(await t.request("/api/v1/aomori/outbox", { token: other }));
    assert.equal(messages.length, 0);
  });
});

describe("mail outbox without SMTP_URL", () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ testClock: true });
  });
  after(() => t.close());

  test("mail stays in the outbox and staff can read it", async () => {
    await withTenant(t.db, await t.systemId("hiratsuka"), (tx) =>
      queueMail(
        tx,
        { to: "a@example.jp", subject: "お知らせ", text: "本文", template: "test" },
        t.clock.now(),
      ),
    );
    await t.request("/api/v1/_test/jobs/sendMail", { method: "POST" });
    const token = await t.signIn("hiratsuka");
    const { messages } = await json(await t.request("/api/v1/hiratsuka/outbox?status=pending", { token }));
    assert.equal(messages.length, 1);
    assert.equal(messages[0].subject, "お知らせ");
    assert.equal(messages[0].attempts, 0);
  });
});
