import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/** Static files, read once at start: the style sheet, htmx from its package, and the desks' scan-field script. */
export const assets = {
  css: readFileSync(fileURLToPath(new URL("./shiori.css", import.meta.url)), "utf8"),
  htmx: readFileSync(require.resolve("htmx.org/dist/htmx.min.js"), "utf8"),
  desk: readFileSync(fileURLToPath(new URL("./desk.js", import.meta.url)), "utf8"),
};
