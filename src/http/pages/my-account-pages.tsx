import { Hono } from "hono";
import type { AppEnv } from "../context.ts";

export function myAccountPages() {
  return new Hono<AppEnv>();
}
