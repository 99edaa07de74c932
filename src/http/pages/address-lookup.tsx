import { Hono } from "hono";
import { addressesOfPostalCode } from "../../services/addresses/postal-code-lookup.ts";
import type { AppEnv } from "../context.ts";
import { describeError } from "../error-messages.ts";
import { t } from "./i18n.ts";
import { AddressFields, formState } from "./patron-form.tsx";
import type { FormValues } from "./patron-form-data.ts";
import { readPreferences } from "./preferences.ts";

const addressNames = [
  "address.postalCode",
  "address.prefecture",
  "address.city",
  "address.street",
  "address.building",
];

/**
 * GET /{system}/address-lookup: the address fields again (an htmx fragment), with the prefecture, city and town
 * filled in from the postal code. What was typed is kept: the town only goes into an empty street field, and
 * nothing is changed when the code has no address.
 */
export function addressLookupPages() {
  const app = new Hono<AppEnv>();
  app.get("/address-lookup", (c) => {
    const lang = readPreferences(c).lang;
    const prefix = /^[a-z]{2,8}$/u.test(c.req.query("form") ?? "") ? c.req.query("form")! : "address";
    const values: FormValues = {};
    for (const name of addressNames) values[name] = (c.req.query(name) ?? "").slice(0, 64);
    const [first, ...others] = addressesOfPostalCode(values["address.postalCode"] ?? "");
    if (!first) {
      const state = formState(lang, prefix, values, [
        { field: "address.postalCode", message: describeError("POSTAL_CODE_NOT_FOUND")[lang] },
      ]);
      return c.html(<AddressFields state={state} slug={c.get("system").slug} />);
    }
    values["address.prefecture"] = first.prefecture;
    values["address.city"] = first.city;
    // several towns share some codes: then only the city is certain
    if (!values["address.street"] && others.length === 0) values["address.street"] = first.town;
    const state = formState(lang, prefix, values, []);
    return c.html(
      <AddressFields state={state} slug={c.get("system").slug} notice={t(lang, "addressFound")} />,
    );
  });
  return app;
}
