import nodemailer from "nodemailer";

/** What the outbox sender needs of a mail server; SMTP in production and in tests. */
export type MailTransport = {
  send(message: { from: string; to: string; subject: string; text: string }): Promise<void>;
  close(): void;
};

export function smtpTransport(smtpUrl: string): MailTransport {
  const url = new URL(smtpUrl);
  // Short timeouts: a mail server that is down must not hold the sender for minutes.
  for (const [k, v] of Object.entries({
    connectionTimeout: "10000",
    greetingTimeout: "10000",
    socketTimeout: "20000",
  })) {
    if (!url.searchParams.has(k)) url.searchParams.set(k, v);
  }
  const transporter = nodemailer.createTransport(url.toString());
  return {
    send: async (message) => {
      await transporter.sendMail(message);
    },
    close: () => transporter.close(),
  };
}
