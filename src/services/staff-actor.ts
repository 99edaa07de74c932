/** Who did something on the staff side, and from where: written with every audit entry about a patron. */
export type StaffActor = { staffId: string; address: string | null };

export function actorDetails(actor: StaffActor): { from: string | null } {
  return { from: actor.address };
}
