import type { Logger } from "../logger.ts";
import { type Elibrary, loggingElibrary } from "./elibrary.ts";
import { fakeLineLogin, type LineLogin } from "./line-login.ts";
import { type LineChannels, standInLineChannels } from "./line-messaging.ts";
import { fakeMyNumberPlatform, type MyNumberPlatform } from "./my-number-platform.ts";

/** The external services Shiori talks to besides mail. */
export type Integrations = {
  myNumber: MyNumberPlatform;
  lineLogin: LineLogin;
  /** Each library system's LINE official account (the chat of 001). */
  line: LineChannels;
  elibrary: Elibrary;
};

/** The stand-ins used until a deployment configures the real services (docs/integrations.md). */
export function standInIntegrations(logger?: Logger): Integrations {
  return {
    myNumber: fakeMyNumberPlatform(),
    lineLogin: fakeLineLogin(),
    line: standInLineChannels(logger),
    elibrary: loggingElibrary(logger),
  };
}
