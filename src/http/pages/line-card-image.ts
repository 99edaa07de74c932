import bwipjs from "bwip-js/node";
import { Hono } from "hono";
import { japanDate } from "../../clock.ts";
import { cardNumberOfToken } from "../../services/line-chat/card-image-link.ts";
import { getPolicyInForce } from "../../services/policies/get-policy-in-force.ts";
import type { AppEnv } from "../context.ts";

/**
 * The card image of the LINE chat (001 利用券をスマホで表示): the NW-7 barcode the counter scanners read, as
 * a PNG, for the signed address that the chat's “card” answer carries (LINE takes images by URL only).
 */
export function lineCardImage() {
  const app = new Hono<AppEnv>();
  app.get("/line/card/:file{[^/]{1,200}\\.png}", async (c) => {
    const deps = c.get("deps");
    const now = deps.clock.now();
    const slug = c.get("system").slug;
    const token = c.req.param("file").slice(0, -".png".length);
    const cardNumber = cardNumberOfToken(deps.config.secretKey, slug, token, now);
    if (!cardNumber) return c.text("Not Found", 404);
    const { policy } = await getPolicyInForce(deps.database.db, c.get("system").id, japanDate(now));
    const { start, stop } = policy.registration.cardNumber;
    const png = await bwipjs.toBuffer({
      bcid: "rationalizedCodabar",
      text: `${start}${cardNumber}${stop}`,
      scale: 3,
      height: 18,
      includetext: true,
      textxalign: "center",
      paddingwidth: 12,
      paddingheight: 12,
      backgroundcolor: "FFFFFF",
    });
    c.header("Cache-Control", "private, max-age=3600");
    c.header("Content-Type", "image/png");
    return c.body(new Uint8Array(png), 200);
  });
  return app;
}
