type Library = { slug: string; ja: string; en: string };

export function verificationMail(library: Library, link: string, minutes: number) {
  return {
    subject: `【${library.ja}】メールアドレスの確認 / Confirm your e-mail address`,
    template: "application.verify",
    text: [
      "図書館の利用申請(スマート登録)を続けるには、次のリンクを開いてください。",
      `リンクの有効期限は${minutes}分で、1回だけ使えます。入力途中の申請も、このリンクから続けられます。`,
      "",
      link,
      "",
      `To continue your application, open the link above. It works once, within ${minutes} minutes.`,
      "",
      "このメールに心当たりのない場合は、破棄してください。 / If you did not ask for this, ignore it.",
      library.ja,
    ].join("\n"),
  };
}

export function receivedMail(
  library: Library,
  receiptNumber: string,
  expectedOn: string,
  statusLink: string,
) {
  return {
    subject: `【${library.ja}】利用申請を受け付けました(受付番号 ${receiptNumber}) / Application received`,
    template: "application.received",
    text: [
      `受付番号: ${receiptNumber}`,
      `通常、${expectedOn} から利用できる見込みです(審査の結果をメールでお知らせします)。`,
      `申請の状況: ${statusLink}`,
      "",
      `Receipt number ${receiptNumber}. The card is usually usable from ${expectedOn}; we will mail the result.`,
      "",
      library.ja,
    ].join("\n"),
  };
}

export function approvedMail(library: Library, receiptNumber: string, cardNumber: string) {
  return {
    subject: `【${library.ja}】利用登録が完了しました / Your registration is complete`,
    template: "application.approved",
    text: [
      `受付番号 ${receiptNumber} の利用登録が完了しました。`,
      `利用券番号: ${cardNumber}`,
      "スマートフォンで利用券を表示して、本を借りることができます(マイページの「利用券」)。",
      "",
      `Your registration (${receiptNumber}) is complete. Card number: ${cardNumber}.`,
      "Show the card on your phone to borrow (“Card” on the my page).",
      "",
      library.ja,
    ].join("\n"),
  };
}

/**
 * 004's acceptance mail (受理メール): the kit's card in the applicant's hand is usable from now, and the online
 * lending service too when it was applied for.
 */
export function kitAcceptedMail(
  library: Library,
  receiptNumber: string,
  cardNumber: string,
  deliveryLending: boolean,
) {
  return {
    subject: `【${library.ja}】利用者登録を受理しました / Your registration is accepted`,
    template: "application.kitAccepted",
    text: [
      `受付番号 ${receiptNumber} の利用者登録を受理しました。`,
      `お手元の利用者カード(番号 ${cardNumber})が、今日から使えます。`,
      ...(deliveryLending ? ["オンライン貸出サービスも、来館せずにご利用いただけます。"] : []),
      "",
      `Your registration (${receiptNumber}) is accepted: the card in your hand (${cardNumber}) can be used from today.`,
      ...(deliveryLending ? ["The online lending service is open to you without a visit."] : []),
      "",
      library.ja,
    ].join("\n"),
  };
}

function doneMail(library: Library, template: string, receiptNumber: string, ja: string[], en: string[]) {
  return {
    subject: `【${library.ja}】お手続きが完了しました / Your application is done`,
    template,
    text: [`受付番号 ${receiptNumber} のお手続きが完了しました。`, ...ja, "", ...en, "", library.ja].join(
      "\n",
    ),
  };
}

/** 002: 再発行 — the number changes (利用者番号が変わる), and the e-library's loans do not carry over. */
export function reissuedMail(library: Library, receiptNumber: string, cardNumber: string) {
  return doneMail(
    library,
    "application.reissued",
    receiptNumber,
    [
      `新しい利用券番号: ${cardNumber}`,
      "これまでの利用券は使えなくなりました。スマートフォンで新しい利用券を表示してください。",
      "電子図書館での貸出・予約のデータは引き継がれません。",
    ],
    [
      `Your card is reissued (${receiptNumber}). New card number: ${cardNumber}; the old one no longer works.`,
      "Show the new card on your phone. E-library loans and reservations do not carry over.",
    ],
  );
}

export function renewedMail(library: Library, receiptNumber: string, expiresOn: string) {
  return doneMail(
    library,
    "application.renewed",
    receiptNumber,
    [`登録の有効期限を ${expiresOn} まで更新しました。お手持ちの利用カードも引き続き使えます。`],
    [`Your registration is renewed until ${expiresOn}. Your card goes on working.`],
  );
}

export function detailsChangedMail(library: Library, receiptNumber: string, registrationEnds: boolean) {
  return doneMail(
    library,
    "application.changed",
    receiptNumber,
    registrationEnds
      ? ["住所・電話番号を変更しました。新しい住所では利用登録の対象外となるため、登録は本日で終了します。"]
      : ["住所・電話番号を変更しました。お手持ちの利用カードも引き続き使えます。"],
    registrationEnds
      ? [
          "Your details are changed. At the new address you may no longer register here, so the registration ends today.",
        ]
      : ["Your address and phone are changed. Your card goes on working."],
  );
}

export function elibraryPasswordResetMail(library: Library, receiptNumber: string) {
  return doneMail(
    library,
    "application.elibraryPassword",
    receiptNumber,
    [
      "電子図書館サービスのパスワードを初期化しました。電子図書館のログイン画面から、新しいパスワードを設定してください。",
    ],
    ["Your e-library password is reset; set a new one on the e-library's sign-in page."],
  );
}

export function rejectedMail(library: Library, receiptNumber: string, reason: string) {
  return {
    subject: `【${library.ja}】利用申請について / About your application`,
    template: "application.rejected",
    text: [
      `受付番号 ${receiptNumber} の申請は、次の理由でお受けできませんでした。`,
      reason,
      "窓口でもご相談いただけます。",
      "",
      `Your application ${receiptNumber} could not be accepted: ${reason}`,
      "",
      library.ja,
    ].join("\n"),
  };
}

export function inquiryMail(
  library: Library,
  receiptNumber: string,
  question: string,
  link: string,
  days: number,
) {
  return {
    subject: `【${library.ja}】利用申請についてのお問い合わせ(受付番号 ${receiptNumber}) / A question about your application`,
    template: "application.inquiry",
    text: [
      `受付番号 ${receiptNumber} の申請について、お尋ねします。`,
      "",
      question,
      "",
      `次のリンクからご回答ください(${days}開館日以内にご回答がない場合、申請は取り消されます)。`,
      link,
      "",
      `We have a question about your application ${receiptNumber}; please answer through the link within ${days} opening days.`,
      "",
      library.ja,
    ].join("\n"),
  };
}

export function cancelledMail(library: Library, receiptNumber: string) {
  return {
    subject: `【${library.ja}】利用申請を取り消しました / Your application was cancelled`,
    template: "application.cancelled",
    text: [
      `受付番号 ${receiptNumber} の申請は、お問い合わせへのご回答がなかったため取り消しました。`,
      "もう一度申請するか、窓口でお手続きください。",
      "",
      `Application ${receiptNumber} was cancelled because our questions were not answered. Apply again or come to the counter.`,
      "",
      library.ja,
    ].join("\n"),
  };
}

export function cardNumberMail(library: Library, receiptNumber: string, cardNumber: string) {
  return {
    subject: `【${library.ja}】利用券番号のお知らせ / Your card number`,
    template: "application.cardNumber",
    text: [
      `受付番号 ${receiptNumber} のお問い合わせにお答えします。`,
      `利用券番号: ${cardNumber}`,
      "このメールは大切に保存してください。",
      "",
      `In answer to ${receiptNumber}: your card number is ${cardNumber}. Please keep this mail.`,
      "",
      library.ja,
    ].join("\n"),
  };
}
