import { Hono } from "hono";
import type { AppEnv } from "../context.ts";

export function myListPages() {
  return new Hono<AppEnv>();
}
