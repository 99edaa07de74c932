import type { Refusal } from "../circulation/refusal.ts";
import type { Policy } from "../policy/policy-schema.ts";
import type { MaterialType } from "../vocabulary.ts";
import type { HoldChannel } from "./hold-placement.ts";
import { holdTotalReached } from "./hold-placement.ts";

/**
 * Purchase and inter-library requests (リクエスト, 001): only for titles the library does not hold, through
 * the channels the policy lists (001: the counter only), never for the categories it refuses, and counted in
 * the reservation total.
 */

export type RequestFacts = {
  channel: HoldChannel;
  materialType: MaterialType;
  /** The classification or call number given for the title, if any (manga: NDC 726.1). */
  callNumber: string | null;
  genre: string | null;
  /** The catalogue holds a record with this ISBN (or the staff matched it by title). */
  titleHeld: boolean;
  activeHolds: number;
  openRequests: number;
};

export function refuseRequest(policy: Policy, facts: RequestFacts): Refusal[] {
  const requests = policy.requests;
  if (!requests.offered) return [{ code: "REQUESTS_NOT_OFFERED", details: {} }];
  const refusals: Refusal[] = [];
  if (!requests.channels.includes(facts.channel)) {
    refusals.push({
      code: "REQUEST_CHANNEL_NOT_OFFERED",
      details: { channel: facts.channel, offered: requests.channels },
    });
  }
  if (requests.onlyForTitlesNotHeld && facts.titleHeld) {
    refusals.push({ code: "TITLE_HELD_RESERVE_INSTEAD", details: {} });
  }
  const category = requests.refusedCategories.find(
    (c) =>
      c.materialTypes?.includes(facts.materialType) ||
      (facts.callNumber !== null && c.callNumberPrefixes?.some((p) => facts.callNumber!.startsWith(p))) ||
      (facts.genre !== null && c.genres?.includes(facts.genre)),
  );
  if (category) refusals.push({ code: "REQUEST_NOT_ACCEPTED", details: { category: category.reason } });
  const total = holdTotalReached(policy.holds, facts.activeHolds, facts.openRequests);
  if (total) refusals.push(total);
  return refusals;
}

export type RequestStatus = "received" | "ordered" | "requested" | "arrived" | "refused" | "cancelled";

const nextStatuses: Record<RequestStatus, readonly RequestStatus[]> = {
  // Received at the counter: the library orders it (purchase) or asks another library (inter-library).
  received: ["ordered", "requested", "refused", "cancelled"],
  ordered: ["arrived", "refused", "cancelled"],
  requested: ["arrived", "refused", "cancelled"],
  arrived: [],
  refused: [],
  cancelled: [],
};

/** Whether a request may move from one status to another (arrival comes with the copy, through its own step). */
export function refuseRequestTransition(from: RequestStatus, to: RequestStatus): Refusal | null {
  return nextStatuses[from].includes(to)
    ? null
    : { code: "REQUEST_STATUS_CHANGE_NOT_ALLOWED", details: { from, to, allowed: nextStatuses[from] } };
}
