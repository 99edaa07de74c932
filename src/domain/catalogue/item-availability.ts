import type { ItemFlag } from "../vocabulary.ts";

export const itemStatuses = ["onShelf", "onLoan", "inTransit", "onHoldShelf", "withdrawn"] as const;
export type ItemStatus = (typeof itemStatuses)[number];

/** What a patron is told about one item; "in-library use only" is a flag of an item on the shelf. */
export type Availability = "onShelf" | "inLibraryOnly" | "onLoan" | "inTransit" | "onHoldShelf" | "withdrawn";

export function itemAvailability(status: ItemStatus, flags: readonly ItemFlag[]): Availability {
  if (status === "onShelf" && flags.includes("inLibraryOnly")) return "inLibraryOnly";
  return status;
}
