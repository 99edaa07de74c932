import { createRoute, z } from "@hono/zod-openapi";
import { japanDate } from "../../clock.ts";
import { listPolicyVersions } from "../../db/queries/policy-versions.ts";
import { withTenant } from "../../db/tenant.ts";
import { isoDateSchema } from "../../domain/calendar/calendar-rules.ts";
import { getPolicyInForce } from "../../services/policies/get-policy-in-force.ts";
import { publishPolicyVersion } from "../../services/policies/publish-policy-version.ts";
import { librarySystem } from "../middleware/library-system.ts";
import { staffBearer } from "../middleware/staff-auth.ts";
import { apiRouter, bearerSecurity, errorResponses, systemParam } from "./openapi-app.ts";

const policyInForceSchema = z
  .object({
    system: z.string(),
    version: z.number().int(),
    effectiveFrom: z.string(),
    note: z.string(),
    policy: z.record(z.string(), z.unknown()),
  })
  .openapi("PolicyInForce");

// The policy is validated by the service (POLICY_INVALID with every failing path), not here, so that
// the answer names the paths of the policy itself.
const publishBody = z.object({
  policy: z.unknown(),
  effectiveFrom: isoDateSchema.optional(),
  note: z.string().max(500).optional(),
});

export const policyApi = apiRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/policy",
      tags: ["policy"],
      summary: "The policy in force today (or on ?date=)",
      middleware: [librarySystem] as const,
      request: { params: systemParam, query: z.object({ date: isoDateSchema.optional() }) },
      responses: {
        200: {
          description: "Policy in force",
          content: { "application/json": { schema: policyInForceSchema } },
        },
        ...errorResponses(404, 422),
      },
    }),
    async (c) => {
      const deps = c.get("deps");
      const date = c.req.valid("query").date ?? japanDate(deps.clock.now());
      const inForce = await getPolicyInForce(deps.database.db, c.get("system").id, date);
      return c.json({ system: c.get("system").slug, ...inForce }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/{system}/policy",
      tags: ["policy"],
      summary: "Publish a new policy version (administrator)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer("administrator")] as const,
      request: {
        params: systemParam,
        body: { required: true, content: { "application/json": { schema: publishBody } } },
      },
      responses: {
        201: {
          description: "Published",
          content: {
            "application/json": { schema: z.object({ version: z.number(), effectiveFrom: z.string() }) },
          },
        },
        ...errorResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const deps = c.get("deps");
      const body = c.req.valid("json");
      const now = deps.clock.now();
      const published = await publishPolicyVersion({
        db: deps.database.db,
        principal: c.get("staff"),
        policy: body.policy,
        effectiveFrom: body.effectiveFrom,
        note: body.note,
        today: japanDate(now),
        now,
      });
      return c.json(published, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{system}/policy/versions",
      tags: ["policy"],
      summary: "Every policy version (staff)",
      security: bearerSecurity,
      middleware: [librarySystem, staffBearer()] as const,
      request: { params: systemParam },
      responses: {
        200: {
          description: "Versions, newest first",
          content: {
            "application/json": {
              schema: z.object({
                versions: z.array(
                  z.object({
                    version: z.number(),
                    effectiveFrom: z.string(),
                    note: z.string(),
                    createdAt: z.string(),
                  }),
                ),
              }),
            },
          },
        },
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const rows = await withTenant(c.get("deps").database.db, c.get("system").id, (tx) =>
        listPolicyVersions(tx),
      );
      return c.json(
        {
          versions: rows.map((r) => ({
            version: r.version,
            effectiveFrom: r.effectiveFrom,
            note: r.note,
            createdAt: r.createdAt.toISOString(),
          })),
        },
        200,
      );
    },
  );
