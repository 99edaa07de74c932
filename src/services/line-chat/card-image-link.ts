import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The card in the LINE chat is an image that LINE fetches from the library (LINE takes images only by URL).
 * The URL carries the card number, an expiry and a MAC under the server's secret key, so that nobody can
 * make the library draw a card it did not show; it works for an hour, long enough to open it at the counter.
 */
export const cardImageMinutes = 60;

export function cardImageToken(secretKey: Buffer, slug: string, cardNumber: string, now: Date): string {
  const expires = Math.floor(now.getTime() / 1000) + cardImageMinutes * 60;
  return `${cardNumber}.${expires}.${mac(secretKey, slug, cardNumber, expires)}`;
}

/** The card number a token shows, or null when it is forged, altered or expired. */
export function cardNumberOfToken(secretKey: Buffer, slug: string, token: string, now: Date): string | null {
  const [cardNumber, expiresText, given, ...rest] = token.split(".");
  if (!cardNumber || !expiresText || !given || rest.length > 0 || !/^\d{1,12}$/.test(expiresText))
    return null;
  const expires = Number(expiresText);
  const expected = Buffer.from(mac(secretKey, slug, cardNumber, expires));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  return expires * 1000 > now.getTime() ? cardNumber : null;
}

function mac(secretKey: Buffer, slug: string, cardNumber: string, expires: number): string {
  return createHmac("sha256", secretKey)
    .update(`line-card:${slug}:${cardNumber}:${expires}`)
    .digest("base64url")
    .slice(0, 32);
}
