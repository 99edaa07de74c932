/** Who did something on the staff side, and from where: written with every audit entry about a patron (null: the system itself, as when seeding demo data). */
export type StaffActor = { staffId: string | null; address: string | null };

export function actorDetails(actor: StaffActor): { from: string | null } {
  return { from: actor.address };
}
