import type { Policy } from "../policy/policy-schema.ts";
import type { IdDocumentType } from "../vocabulary.ts";

/**
 * 000 代理人による手続き: a proxy may register, reissue a card, change details and collect reserved items.
 * The letter of attorney is needed only when the proxy does not bring the patron's card (予約資料の受け取りは
 * 図書館カードがない場合のみ委任状が必要です), and a letter alone is never enough (委任状だけでは手続きできません):
 * without the card, the proxy also shows the patron's identity document. A My Number card link is made by
 * the patron in person only (手続きできるのは本人のみです).
 */

export const proxyActions = ["register", "reissue", "changeDetails", "collectHold", "linkMyNumber"] as const;
export type ProxyAction = (typeof proxyActions)[number];

export type ProxyFacts = {
  name: string;
  relationship?: string;
  /** The proxy's own identity document, recorded with the action. */
  idDocumentType: IdDocumentType;
  broughtPatronCard: boolean;
  letterOfAttorney: boolean;
  /** The patron's identity document (or its copy) shown by the proxy. */
  patronIdDocumentShown: boolean;
};

export type ProxyRefusal =
  | { code: "NOT_IN_PERSON"; details: { action: ProxyAction } }
  | { code: "PROXY_NOT_ALLOWED"; details: { action: ProxyAction } }
  | { code: "PROXY_LETTER_REQUIRED"; details: { action: ProxyAction } }
  | { code: "PROXY_NEEDS_CARD"; details: { action: ProxyAction } };

export function refuseProxy(
  proxies: Policy["registration"]["proxies"],
  action: ProxyAction,
  proxy: ProxyFacts,
): ProxyRefusal | null {
  if (action === "linkMyNumber") return { code: "NOT_IN_PERSON", details: { action } };
  if (!proxies.allowed) return { code: "PROXY_NOT_ALLOWED", details: { action } };
  if (proxy.broughtPatronCard) return null;
  if (proxies.letterRequiredWithoutCard && !proxy.letterOfAttorney) {
    return { code: "PROXY_LETTER_REQUIRED", details: { action } };
  }
  // Collecting a hold needs the card or the letter; every other procedure also needs the patron's identity.
  if (action !== "collectHold" && !proxy.patronIdDocumentShown) {
    return { code: "PROXY_NEEDS_CARD", details: { action } };
  }
  return null;
}
