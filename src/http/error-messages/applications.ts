/** HTTP status and wording of the error codes of online registration (smart registration) and its review. */
export const applicationErrors: Record<string, { status: number; ja: string; en: string }> = {
  ONLINE_REGISTRATION_NOT_OFFERED: {
    status: 409,
    ja: "この図書館では、ホームページからの利用申請を受け付けていません。窓口でお手続きください。",
    en: "This library does not take applications online; please register at the counter.",
  },
  PROCEDURE_NOT_OFFERED: {
    status: 409,
    ja: "この手続きはホームページからは申請できません(details.procedures が申請できる手続きです)。",
    en: "This procedure cannot be applied for online (details.procedures lists those that can).",
  },
  APPLICATION_LINK_INVALID: {
    status: 410,
    ja: "このリンクは期限切れか、すでに使われています。メールアドレスをもう一度入力して、新しいリンクを受け取ってください。",
    en: "This link has expired or was already used. Enter your e-mail address again for a new one.",
  },
  APPLICATION_SESSION_INVALID: {
    status: 401,
    ja: "申請の画面を続けるには、メールで届いたリンクを開き直してください。",
    en: "Open the link in the e-mail again to continue your application.",
  },
  APPLICATION_NOT_EDITABLE: {
    status: 409,
    ja: "この申請はすでに送信されているため、変更できません。",
    en: "This application has been submitted and can no longer be changed.",
  },
  APPLICATION_INCOMPLETE: {
    status: 422,
    ja: "申請に必要な項目が入力されていません(details.missing)。",
    en: "Some required parts of the application are missing (details.missing).",
  },
  APPLICATION_CONSENT_REQUIRED: {
    status: 422,
    ja: "注意事項への同意が必要です。",
    en: "Please agree to the notes first.",
  },
  PHOTOS_REQUIRED: {
    status: 422,
    ja: "本人確認書類の写真(表面と裏面)をアップロードしてください。",
    en: "Upload photos of both sides of the identity document.",
  },
  PHOTO_TYPE_NOT_ACCEPTED: {
    status: 415,
    ja: "写真は JPEG・PNG(または読み取れる HEIC)の画像でお送りください。PDF などの文書は受け付けられません。",
    en: "Send the photo as a JPEG or PNG (or a readable HEIC) image; documents such as PDF are not accepted.",
  },
  PHOTO_TOO_LARGE: {
    status: 413,
    ja: "写真のファイルが大きすぎます(details.maxBytes まで)。",
    en: "The photo is too large (details.maxBytes at most).",
  },
  PHOTO_UNREADABLE: {
    status: 422,
    ja: "写真を読み取れませんでした。撮り直すか、JPEG でお送りください。",
    en: "The photo could not be read; take it again or send a JPEG.",
  },
  ALREADY_REGISTERED: {
    status: 409,
    ja: "すでに利用登録があります。お持ちの利用券をお使いください(番号が分からない場合は窓口へ)。",
    en: "You are already registered; please use your card (ask at the counter if you do not know its number).",
  },
  APPLICATION_NOT_FOUND: {
    status: 404,
    ja: "その受付番号とメールアドレスの申請は見つかりません。",
    en: "No application with that receipt number and e-mail address.",
  },
  APPLICATION_ALREADY_DECIDED: {
    status: 409,
    ja: "この申請は審査中ではありません(すでに決定済みか、未送信です)。",
    en: "This application is not waiting for review (decided already, or not submitted).",
  },
  APPLICATION_CANCELLED: {
    status: 409,
    ja: "この申請は取り消されているため、回答を受け付けられません。もう一度申請してください。",
    en: "This application was cancelled, so the answer cannot be taken. Please apply again.",
  },
  ONLINE_REGISTRATION_NOT_FOUND: {
    status: 409,
    ja: "このメールアドレスでスマート登録された方が見つかりません。氏名(カタカナ)と生年月日をご確認いただくか、窓口でお尋ねください。",
    en: "No online registration with this e-mail address matches; check the reading and date of birth, or ask at the counter.",
  },
  APPLICATION_PHOTO_NOT_FOUND: { status: 404, ja: "その写真はありません。", en: "No such photo." },
  POSTAL_REGISTRATION_NOT_OFFERED: {
    status: 409,
    ja: "この図書館では、郵送による利用登録を受け付けていません。",
    en: "This library does not take registrations by post.",
  },
  NOT_AVAILABLE_BY_POST: {
    status: 409,
    ja: "この手続き(再発行など)は郵送ではできません。窓口でお手続きください。",
    en: "This procedure (such as a reissue) is not possible by post; it is done at the counter.",
  },
  RETURN_ENVELOPE_REQUIRED: {
    status: 409,
    ja: "切手を貼った返信用封筒が必要です(切手が足りません)。",
    en: "A stamped return envelope must be enclosed (the stamps are not enough).",
  },
  IDENTITY_COPY_REQUIRED: {
    status: 409,
    ja: "登録する方全員の本人確認書類のコピーが、表面・裏面とも必要です。",
    en: "A copy of both sides of every member's identity document is needed.",
  },
  POSTAL_MEMBERS_INVALID: {
    status: 422,
    ja: "申請者の組み合わせが正しくありません。同居の家族は、申請者本人の登録と一緒に申請します(本人は1人)。",
    en: "The members do not fit together: household members are applied for with the applicant's own registration (one applicant).",
  },
  POSTAL_REGISTRATION_NOT_FOUND: {
    status: 404,
    ja: "その郵送申請はありません。",
    en: "No such postal registration.",
  },
  CARDS_ALREADY_MAILED: {
    status: 409,
    ja: "このカードはすでに発送済みです。",
    en: "These cards were mailed already.",
  },
  REGISTRATION_KITS_NOT_OFFERED: {
    status: 409,
    ja: "この図書館では、オンライン利用者登録セットを扱っていません。",
    en: "This library does not hand out registration kits.",
  },
  KIT_NUMBER_UNKNOWN: {
    status: 409,
    ja: "このカード番号の登録セットは見つかりません。カードに印刷された番号をお確かめください。",
    en: "No registration kit has this card number; check the number printed on the card.",
  },
  KIT_NUMBER_USED: {
    status: 409,
    ja: "このカード番号の登録セットは、すでに申請に使われています。",
    en: "This registration kit's card number has already been used for an application.",
  },
  KIT_BATCH_NOT_FOUND: { status: 404, ja: "その登録セットの束はありません。", en: "No such batch of kits." },
  KIT_BATCH_ALREADY_HANDED_OVER: {
    status: 409,
    ja: "この登録セットの束は、すでに配布先の施設に渡しています。",
    en: "This batch of kits has already been handed to a facility.",
  },
  KIT_FACILITY_NOT_PARTNER: {
    status: 409,
    ja: "登録セットは、配布に協力する施設(施設一覧)にだけ渡せます。",
    en: "Kits are handed only to the partner facilities on the list.",
  },
  REGISTRATION_NOT_FOUND: {
    status: 409,
    ja: "ご登録が見つかりません。氏名のフリガナ(氏名を変更した場合は変更前のもの)と生年月日をご確認いただくか、窓口でお尋ねください。",
    en: "No registration matches; check the reading of your name (the one before a name change) and your date of birth, or ask at the counter.",
  },
  POSTAL_CODE_NOT_FOUND: {
    status: 404,
    ja: "この郵便番号の住所が見つかりません。郵便番号をお確かめいただくか、住所を入力してください。",
    en: "No address has this postal code; check it, or type the address in.",
  },
};
