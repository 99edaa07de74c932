import { Hono } from "hono";
import type { AppEnv } from "../context.ts";

export function myCredentialPages() {
  return new Hono<AppEnv>();
}
