import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { insertAuditEntry } from "../../db/queries/audit-log.ts";
import { findStaffByUsername, insertStaffAccount } from "../../db/queries/staff.ts";
import { withTenant } from "../../db/tenant.ts";
import { AppError } from "../../domain/errors.ts";
import { staffRoleSchema } from "../../domain/vocabulary.ts";
import { hashPassword } from "./passwords.ts";

export const addStaffAccountSchema = z.object({
  username: z.string().regex(/^[a-z0-9._-]{2,32}$/, "2–32 lower-case letters, digits, '.', '_' or '-'"),
  displayName: z.string().min(1).max(64),
  password: z.string().min(10, "at least 10 characters").max(256),
  roles: z.array(staffRoleSchema).min(1),
});

export async function addStaffAccount(input: {
  db: Db;
  librarySystemId: number;
  account: z.infer<typeof addStaffAccountSchema>;
  isDemo?: boolean;
  actorStaffId: string | null;
  now: Date;
}): Promise<{ id: string }> {
  const account = addStaffAccountSchema.parse(input.account);
  const passwordHash = await hashPassword(account.password);
  return withTenant(input.db, input.librarySystemId, async (tx) => {
    if (await findStaffByUsername(tx, account.username)) {
      throw new AppError("USERNAME_TAKEN", { username: account.username });
    }
    const row = await insertStaffAccount(tx, {
      username: account.username,
      displayName: account.displayName,
      passwordHash,
      roles: account.roles,
      isDemo: input.isDemo ?? false,
    });
    await insertAuditEntry(tx, {
      actorStaffId: input.actorStaffId,
      action: "staff.add",
      subjectType: "staffAccount",
      subjectId: row.id,
      details: { username: account.username, roles: account.roles },
      at: input.now,
    });
    return { id: row.id };
  });
}
