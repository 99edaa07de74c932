/** HTTP status and wording of the error codes of the LINE chat and the patron's own credential links. */
export const myLineErrors: Record<string, { status: number; ja: string; en: string }> = {
  LINE_SIGNATURE_INVALID: {
    status: 401,
    ja: "LINE からの要求であることを確認できません（署名が一致しません）。",
    en: "The request is not signed by LINE (the signature does not match).",
  },
  LINE_LINK_EXPIRED: {
    status: 409,
    ja: "連携の手続きの有効期限が切れたか、すでに使われています。LINE でもう一度「連携」と送ってください。",
    en: "The link request has expired or was already used. Send “link” in LINE again.",
  },
  LINE_LINK_TOKEN_MISSING: {
    status: 422,
    ja: "LINE のトーク画面の「連携する」ボタンからこのページを開いてください。",
    en: "Open this page from the “Link” button in the LINE chat.",
  },
};
