import { Hono } from "hono";
import type { AppEnv } from "../context.ts";

export function myReadingPages() {
  return new Hono<AppEnv>();
}
