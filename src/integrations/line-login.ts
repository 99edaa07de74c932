/**
 * LINE Login as the library sees it [001]: after the OAuth flow in the patron's browser, the ID token is
 * verified and gives the LINE user ID and the profile name. Shiori stores only the user ID; the link never
 * sends notifications (001: LINEからの通知はありません).
 *
 * `fakeLineLogin` stands in for LINE in the demo and the tests (documented in docs/integrations.md): an ID
 * token is written `fake-line:<user id>:<display name>`. A real implementation verifies the token with
 * LINE's endpoint and keeps this shape.
 */
export type LineProfile = { userId: string; displayName: string };

export type LineLogin = {
  verifyIdToken(idToken: string): Promise<LineProfile | null>;
};

export function fakeLineLogin(): LineLogin {
  return {
    async verifyIdToken(idToken) {
      const [scheme, userId, ...name] = idToken.split(":");
      if (scheme !== "fake-line" || !userId || !/^U[0-9a-f]{32}$/u.test(userId)) return null;
      return { userId, displayName: name.join(":") };
    },
  };
}
