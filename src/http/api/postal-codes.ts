import { createRoute, z } from "@hono/zod-openapi";
import { AppError } from "../../domain/errors.ts";
import { addressesOfPostalCode } from "../../services/addresses/postal-code-lookup.ts";
import { librarySystem } from "../middleware/library-system.ts";
import { apiRouter, errorResponses, jsonContent, systemParam } from "./openapi-app.ts";

const addressSchema = z
  .object({ prefecture: z.string(), city: z.string(), town: z.string() })
  .openapi("PostalAddress");

/** The address a postal code stands for (Japan Post's data), to fill the registration forms in. */
export const postalCodesApi = apiRouter().openapi(
  createRoute({
    method: "get",
    path: "/{system}/postal-codes/{code}",
    tags: ["applications"],
    summary: "The prefecture, city and town of a postal code (for filling a form in)",
    middleware: [librarySystem] as const,
    request: { params: systemParam.extend({ code: z.string().max(12) }) },
    responses: {
      200: {
        description: "Addresses",
        content: jsonContent(z.object({ addresses: z.array(addressSchema) })),
      },
      ...errorResponses(404),
    },
  }),
  (c) => {
    const addresses = addressesOfPostalCode(c.req.valid("param").code);
    if (addresses.length === 0) throw new AppError("POSTAL_CODE_NOT_FOUND", {});
    return c.json({ addresses }, 200);
  },
);
