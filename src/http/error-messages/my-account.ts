/** HTTP status and wording of the error codes of the patron's own account: password, e-mail, registration. */
export const myAccountErrors: Record<string, { status: number; ja: string; en: string }> = {
  SETUP_DETAILS_DO_NOT_MATCH: {
    status: 422,
    ja: "利用者番号または生年月日が登録内容と一致しません。カードをお持ちの上、カウンターでもお手続きできます。",
    en: "The card number or the birth date does not match our records. You can also ask at the counter.",
  },
  WEB_PASSWORD_ALREADY_SET: {
    status: 409,
    ja: "パスワードはすでに設定されています。お忘れの場合は「パスワードを忘れた方」から再設定してください。",
    en: "A password is already set. If you have forgotten it, use “Forgot your password”.",
  },
  SETUP_CODE_WRONG: {
    status: 422,
    ja: "確認コードが正しくありません。メールに記載の6桁の数字を入力してください。",
    en: "The confirmation code is wrong. Enter the six digits from the mail.",
  },
  WEB_TOKEN_INVALID: {
    status: 410,
    ja: "このリンク(またはコード)は期限切れか、すでに使われています。もう一度最初からお手続きください。",
    en: "This link or code has expired or was already used. Please start again.",
  },
  CURRENT_PASSWORD_WRONG: {
    status: 422,
    ja: "現在のパスワードが正しくありません。",
    en: "The current password is wrong.",
  },
  EMAIL_INVALID: {
    status: 422,
    ja: "メールアドレスの形式が正しくありません(128文字以内)。",
    en: "The e-mail address is not valid (128 characters at most).",
  },
  EMAIL_UNCHANGED: {
    status: 409,
    ja: "そのメールアドレスはすでに登録されています。",
    en: "That e-mail address is already registered.",
  },
  PASSWORDS_DIFFER: {
    status: 422,
    ja: "確認のパスワードが一致しません。",
    en: "The two passwords differ.",
  },
};
