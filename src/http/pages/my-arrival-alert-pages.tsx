import { Hono } from "hono";
import type { AppEnv } from "../context.ts";

export function myArrivalAlertPages() {
  return new Hono<AppEnv>();
}
