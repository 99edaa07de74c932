import type { Logger } from "../logger.ts";

/**
 * The external e-library (電子図書館) [000, 002], keyed by card number: registration registers the patron
 * there too, a reissue that changes the number moves the account (the e-library's own loans and reservations
 * do not carry over, 002), and "I forgot my e-library password" resets it. Calls are made by the durable job
 * `notifyElibrary`, queued in the transaction of the change, so none is lost when the service is down.
 *
 * `loggingElibrary` stands in for the service in the demo and the tests (docs/integrations.md): it logs the
 * call and remembers it for inspection.
 */
export type ElibraryEvent =
  | { kind: "register"; cardNumber: string }
  | { kind: "cardNumberChanged"; cardNumber: string; previousCardNumber: string }
  | { kind: "passwordReset"; cardNumber: string }
  | { kind: "unregister"; cardNumber: string };

export type Elibrary = {
  notify(librarySystemSlug: string, event: ElibraryEvent): Promise<void>;
};

export type RecordingElibrary = Elibrary & { readonly calls: { system: string; event: ElibraryEvent }[] };

export function loggingElibrary(logger?: Logger): RecordingElibrary {
  const calls: { system: string; event: ElibraryEvent }[] = [];
  return {
    calls,
    async notify(system, event) {
      calls.push({ system, event });
      logger?.info({ system, event }, "e-library (stand-in) notified");
    },
  };
}
