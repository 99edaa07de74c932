/** The mails of the patron's web account, Japanese first and English second, as every notice Shiori sends. */

type Library = { ja: string; en: string };

export function setupCodeMail(library: Library, name: string, code: string, minutes: number) {
  return {
    subject: `【${library.ja}】パスワード設定の確認コード / Your confirmation code`,
    template: "webPasswordSetupCode",
    text: [
      `${name} 様`,
      "",
      "利用者ページのパスワード設定の確認コードです。設定画面に入力してください。",
      `確認コード: ${code}`,
      `有効期限: ${minutes}分`,
      "お心当たりのない場合は、このメールを破棄し、図書館にお知らせください。",
      "",
      "Here is the code to confirm setting your web password. Enter it on the set-up page.",
      `Code: ${code} (valid for ${minutes} minutes)`,
      "If you did not ask for this, ignore this mail and let the library know.",
      "",
      library.ja,
    ].join("\n"),
  };
}

export function passwordResetMail(library: Library, name: string, link: string, minutes: number) {
  return {
    subject: `【${library.ja}】パスワードの再設定 / Set a new password`,
    template: "webPasswordReset",
    text: [
      `${name} 様`,
      "",
      "パスワードの再設定を受け付けました。次のリンクから新しいパスワードを設定してください。",
      "お使いのパスワードをお知らせすることはできません。",
      link,
      `このリンクは${minutes}分間、1回だけ使えます。`,
      "お心当たりのない場合は、このメールを破棄してください。パスワードは変わりません。",
      "",
      "Open the link above to set a new web password (we never send your password).",
      `It works once, for ${minutes} minutes. If you did not ask for this, ignore this mail: nothing changes.`,
      "",
      library.ja,
    ].join("\n"),
  };
}

export function emailVerificationMail(library: Library, name: string, link: string, hours: number) {
  return {
    subject: `【${library.ja}】メールアドレスの確認 / Confirm your e-mail address`,
    template: "emailVerification",
    text: [
      `${name} 様`,
      "",
      "利用者ページでこのメールアドレスが登録されようとしています。次のリンクを開いて確認してください。",
      link,
      `このリンクは${hours}時間、1回だけ使えます。確認するまで、これまでのアドレスに通知が届きます。`,
      "",
      "Your library account is about to use this address. Open the link above to confirm it.",
      `The link works once, for ${hours} hours. Until then notices go to your current address.`,
      "",
      library.ja,
    ].join("\n"),
  };
}

export function emailChangedNoticeMail(library: Library, name: string) {
  return {
    subject: `【${library.ja}】メールアドレスが変更されました / Your e-mail address was changed`,
    template: "emailChanged",
    text: [
      `${name} 様`,
      "",
      "利用者ページに登録されたメールアドレスが変更されました。今後の通知は新しいアドレスに届きます。",
      "お心当たりのない場合は、図書館にお知らせください。",
      "",
      "The e-mail address of your library account was changed; notices now go to the new address.",
      "If you did not do this, please contact the library.",
      "",
      library.ja,
    ].join("\n"),
  };
}

export function passwordChangedNoticeMail(library: Library, name: string) {
  return {
    subject: `【${library.ja}】パスワードが設定されました / Your web password was set`,
    template: "webPasswordChanged",
    text: [
      `${name} 様`,
      "",
      "利用者ページのパスワードが設定(変更)されました。",
      "お心当たりのない場合は、図書館にお知らせください。",
      "",
      "The web password of your library account was set or changed.",
      "If you did not do this, please contact the library.",
      "",
      library.ja,
    ].join("\n"),
  };
}
