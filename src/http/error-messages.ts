import { applicationErrors } from "./error-messages/applications.ts";
import { feeErrors } from "./error-messages/fees.ts";
import { figuresErrors } from "./error-messages/figures.ts";
import { myAccountErrors } from "./error-messages/my-account.ts";
import { myArrivalAlertErrors } from "./error-messages/my-arrival-alerts.ts";
import { myLineErrors } from "./error-messages/my-line.ts";
import { myListsErrors } from "./error-messages/my-lists.ts";
import { myReadingErrors } from "./error-messages/my-reading.ts";
import { ndlErrors } from "./error-messages/ndl.ts";
import { referenceErrors } from "./error-messages/reference.ts";
import { siteErrors } from "./error-messages/site.ts";
import { terminalErrors } from "./error-messages/terminals.ts";

/** HTTP status and wording of every error code; the domain knows only the codes. */
export const errorCatalog: Record<string, { status: number; ja: string; en: string }> = {
  BAD_REQUEST: { status: 400, ja: "リクエストの形式が正しくありません。", en: "The request is malformed." },
  INVALID_DATE: {
    status: 400,
    ja: "日付は YYYY-MM-DD の形式で指定してください。",
    en: "Dates must be given as YYYY-MM-DD.",
  },
  INVALID_RANGE: {
    status: 400,
    ja: "期間の指定が正しくありません(最長366日)。",
    en: "The date range is invalid (366 days at most).",
  },
  VALIDATION_FAILED: { status: 422, ja: "入力内容に誤りがあります。", en: "Some fields are invalid." },
  POLICY_INVALID: { status: 422, ja: "運用ルールの内容に誤りがあります。", en: "The policy is invalid." },
  EFFECTIVE_DATE_IN_PAST: {
    status: 422,
    ja: "適用開始日に過去の日付は指定できません。",
    en: "The effective date cannot be in the past.",
  },
  UNSUPPORTED_IMPORT_FORMAT: {
    status: 415,
    ja: "MARC 21(ISO 2709)、MARCXML、CSV、TSV のいずれかのファイルを、その形式の Content-Type で送ってください。",
    en: "Send a MARC 21 (ISO 2709), MARCXML, CSV or TSV file with the matching Content-Type.",
  },
  IMPORT_FILE_EMPTY: { status: 422, ja: "ファイルが空です。", en: "The file is empty." },
  IMPORT_NOT_FOUND: { status: 404, ja: "その取込はありません。", en: "No such import." },
  QUERY_TOO_LONG: {
    status: 400,
    ja: "検索語は200文字以内で入力してください。",
    en: "Search terms must be 200 characters or fewer.",
  },
  RECORD_NOT_FOUND: { status: 404, ja: "その書誌はありません。", en: "No such record." },
  ITEM_NOT_FOUND: { status: 404, ja: "その資料はありません。", en: "No such item." },
  ITEM_BARCODE_TAKEN: {
    status: 409,
    ja: "その資料番号はすでに使われています。",
    en: "That item barcode is already in use.",
  },
  ITEM_ALREADY_WITHDRAWN: {
    status: 409,
    ja: "その資料はすでに除籍されています。",
    en: "The item is already withdrawn.",
  },
  ITEM_IN_CIRCULATION: {
    status: 409,
    ja: "貸出中・予約確保中・搬送中の資料は除籍できません。",
    en: "An item on loan, on the hold shelf or in transit cannot be withdrawn.",
  },
  UNKNOWN_SERVICE_POINT: { status: 422, ja: "その館・施設はありません。", en: "No such service point." },
  INVALID_BARCODE: {
    status: 422,
    ja: "番号の桁数・文字・先頭の番号がこの図書館の形式と合いません。",
    en: "The number does not match this library's format (length, characters or prefix).",
  },
  INVALID_BARCODE_CHECK_DIGIT: {
    status: 422,
    ja: "チェックデジットが正しくありません。読み取り直すか、番号を確認してください。",
    en: "The check digit is wrong. Scan again or check the number.",
  },
  NUMBER_RANGE_EXHAUSTED: {
    status: 409,
    ja: "この形式で発行できる番号を使い切りました。運用ルールの番号形式を見直してください。",
    en: "Every number of this format has been issued; the policy's number format must be widened.",
  },
  NOT_ELIGIBLE: {
    status: 409,
    ja: "この図書館の利用登録の対象ではありません(在住・在勤・在学または広域利用の条件を満たしていません)。",
    en: "Not eligible to register here (not a resident, worker or student of the area, nor a wide-area resident).",
  },
  PROOF_OF_WORK_OR_SCHOOL_REQUIRED: {
    status: 409,
    ja: "在勤・在学の方は、勤務先・学校のわかるものの確認が必要です。",
    en: "Workers and students must show proof of their workplace or school.",
  },
  ID_DOCUMENT_NOT_ACCEPTED: {
    status: 409,
    ja: "この書類は本人確認書類として使えません(キャッシュカード・ポイントカード・会員証などは対象外です)。",
    en: "This document is not accepted as identification (cash, point and membership cards never are).",
  },
  ID_DOCUMENT_EXPIRED: {
    status: 409,
    ja: "本人確認書類の有効期限が切れています。",
    en: "The identity document has expired.",
  },
  SUPPLEMENTARY_DOCUMENT_REQUIRED: {
    status: 409,
    ja: "住所が変更されていない書類の場合は、現在の住所が記載された発行3か月以内の書類(住民票・公共料金の明細など)も必要です。",
    en: "The document shows an old address: a document with the current address issued within 3 months (residence certificate, utility bill) is also needed.",
  },
  POSSIBLE_DUPLICATE: {
    status: 409,
    ja: "同じ氏名(カナ)・生年月日の利用者がすでに登録されています。確認のうえ、理由を入力すれば登録できます。",
    en: "A patron with the same name reading and date of birth is already registered. Check, then register with a reason if they differ.",
  },
  ALREADY_REGISTERED: {
    status: 409,
    ja: "すでに利用カードをお持ちです。お持ちのカードをご利用ください。",
    en: "You already hold a library card: please use it.",
  },
  PATRON_NOT_FOUND: { status: 404, ja: "その利用者はいません。", en: "No such patron." },
  GUARDIAN_NOT_FOUND: { status: 404, ja: "保護者の登録が見つかりません。", en: "No such guardian." },
  CHILD_TOO_OLD_FOR_GUARDIAN: {
    status: 409,
    ja: "保護者が手続きできるのは小学生以下のお子さんです。",
    en: "A guardian may register children up to the end of primary school only.",
  },
  NOT_IN_PERSON: {
    status: 409,
    ja: "この手続きはご本人のみ行えます(代理人はできません)。",
    en: "Only the patron in person can do this (not a proxy).",
  },
  PROXY_NOT_ALLOWED: {
    status: 409,
    ja: "この図書館では代理人による手続きを受け付けていません。",
    en: "This library does not accept proxies for this.",
  },
  PROXY_LETTER_REQUIRED: {
    status: 409,
    ja: "ご本人の図書館カードがない場合は委任状が必要です。",
    en: "Without the patron's card, a letter of attorney is needed.",
  },
  PROXY_NEEDS_CARD: {
    status: 409,
    ja: "委任状だけでは手続きできません。ご本人の図書館カードまたは本人確認書類をお持ちください。",
    en: "A letter of attorney alone is not enough: bring the patron's card or identity document.",
  },
  CREDENTIAL_NOT_FOUND: {
    status: 404,
    ja: "このカード・連携は登録されていません。",
    en: "This card or link is not registered.",
  },
  CARD_LOST: {
    status: 409,
    ja: "このカードは紛失届が出されているか、再発行により使えなくなっています。",
    en: "This card was reported lost or replaced and can no longer be used.",
  },
  CARD_NOT_FOUND: {
    status: 404,
    ja: "そのカードはこの利用者のものではありません。",
    en: "The patron has no such card.",
  },
  CARD_NOT_LOST: {
    status: 409,
    ja: "このカードには紛失届が出されていません。",
    en: "This card has not been reported lost.",
  },
  NO_CURRENT_CARD: {
    status: 409,
    ja: "使えるカードがありません。再発行の手続きをしてください。",
    en: "The patron has no card in use: issue one.",
  },
  REGISTRATION_EXPIRED: {
    status: 409,
    ja: "利用登録の有効期限が切れています。本人確認書類をお持ちのうえ、更新してください。",
    en: "The registration has expired: renew it with an identity document.",
  },
  PATRON_BLOCKED: { status: 409, ja: "この利用者は利用停止中です。", en: "This patron is blocked." },
  TEMPORARY_CARD_CANNOT_BORROW: {
    status: 409,
    ja: "仮の利用券では貸出できません。",
    en: "A temporary card cannot be used to borrow here.",
  },
  CARD_MUST_BE_RENEWED: {
    status: 409,
    ja: "この番号のカードは、カウンターで更新手続きをしてからご利用ください。",
    en: "Cards with this number must be renewed at the counter before use.",
  },
  REGISTRATION_RENEWAL_TOO_EARLY: {
    status: 409,
    ja: "有効期限の更新はまだできません(更新できる日から受け付けます)。",
    en: "The registration cannot be renewed yet.",
  },
  REISSUE_TOO_EARLY: {
    status: 409,
    ja: "紛失届から所定の期間が過ぎるまで再発行できません。見つからない場合は期間経過後に再発行します。",
    en: "A lost card is reissued only after the waiting period set by the library.",
  },
  FELICA_ALREADY_REGISTERED: {
    status: 409,
    ja: "この FeliCa はすでに登録されています。",
    en: "This FeliCa chip is already registered.",
  },
  FELICA_LIMIT_REACHED: {
    status: 409,
    ja: "FeliCa は利用者1人につき登録できる数が決まっています。登録済みのものを解除してください。",
    en: "The patron already has as many FeliCa chips as allowed: unlink one first.",
  },
  FELICA_NOT_OFFERED: {
    status: 409,
    ja: "この図書館では FeliCa を登録できません。",
    en: "FeliCa is not offered here.",
  },
  MY_NUMBER_NOT_OFFERED: {
    status: 409,
    ja: "この図書館ではマイナンバーカード連携を行っていません。",
    en: "This library does not offer the My Number card link.",
  },
  NO_USER_CERTIFICATE: {
    status: 409,
    ja: "利用者証明用電子証明書が搭載されていないマイナンバーカード(顔認証マイナンバーカードを含む)は連携できません。",
    en: "The card carries no user certificate (face-authentication-only cards included) and cannot be linked.",
  },
  MY_NUMBER_CERTIFICATE_REVOKED: {
    status: 409,
    ja: "利用者証明用電子証明書が失効しています。お住まいの自治体の窓口にお問い合わせください。",
    en: "The user certificate has been revoked: ask the municipality's My Number desk.",
  },
  MY_NUMBER_TERMS_NOT_ACCEPTED: {
    status: 409,
    ja: "マイキープラットフォームの利用規約への同意が必要です。",
    en: "The patron must accept the My Key platform's terms.",
  },
  MY_NUMBER_DETAILS_MISMATCH: {
    status: 409,
    ja: "マイナンバーカードの生年月日が登録内容と一致しません。",
    en: "The date of birth on the My Number card does not match the registration.",
  },
  MY_NUMBER_ALREADY_LINKED: {
    status: 409,
    ja: "このマイナンバーカード、またはこの利用者はすでに連携済みです。",
    en: "This My Number card, or this patron, is already linked.",
  },
  INTEGRATION_UNAVAILABLE: {
    status: 503,
    ja: "外部サービスに接続できません。時間をおいてお試しください。",
    en: "The external service cannot be reached. Please try again later.",
  },
  LINE_NOT_OFFERED: {
    status: 409,
    ja: "この図書館では LINE 連携を行っていません。",
    en: "LINE link is not offered here.",
  },
  LINE_TOKEN_INVALID: {
    status: 422,
    ja: "LINE のログイン情報を確認できませんでした。",
    en: "The LINE sign-in could not be verified.",
  },
  WEB_PASSWORD_REQUIRED: {
    status: 409,
    ja: "LINE 連携の前に、利用者ポータルのパスワードを設定してください。",
    en: "Set a web password before linking LINE.",
  },
  LINE_NAME_MISMATCH: {
    status: 409,
    ja: "LINE の名前が登録されている氏名と一致しません。",
    en: "The LINE name does not match the registered name.",
  },
  LINE_ALREADY_LINKED: {
    status: 409,
    ja: "この LINE アカウント、またはこの利用者はすでに連携済みです。",
    en: "This LINE account, or this patron, is already linked.",
  },
  CREDENTIAL_NOT_LINKED: { status: 404, ja: "その連携はありません。", en: "No such link." },
  UNAUTHENTICATED: { status: 401, ja: "ログインしてください。", en: "Please sign in." },
  INVALID_CREDENTIALS: {
    status: 401,
    ja: "利用者名またはパスワードが違います。",
    en: "The user name or password is incorrect.",
  },
  PASSWORD_TOO_WEAK: {
    status: 422,
    ja: "パスワードがこの図書館の条件(文字数、英字と数字の組み合わせ)を満たしていません。",
    en: "The password does not meet this library's rules (length, letters and digits).",
  },
  FORBIDDEN: { status: 403, ja: "この操作を行う権限がありません。", en: "You are not allowed to do this." },
  WRONG_SYSTEM: {
    status: 403,
    ja: "この図書館システムのログイン情報ではありません。",
    en: "This sign-in belongs to another library system.",
  },
  CSRF_FAILED: {
    status: 403,
    ja: "画面の有効期限が切れました。もう一度お試しください。",
    en: "The form has expired. Please try again.",
  },
  LOGIN_THROTTLED: {
    status: 429,
    ja: "ログインの失敗が続いたため、15分間ログインできません。",
    en: "Too many failed sign-ins: try again in 15 minutes.",
  },
  SYSTEM_NOT_FOUND: { status: 404, ja: "その図書館システムはありません。", en: "No such library system." },
  NOT_FOUND: { status: 404, ja: "ページが見つかりません。", en: "Not found." },
  SERVICE_POINT_NOT_FOUND: { status: 404, ja: "その施設はありません。", en: "No such service point." },
  BOOK_DROP_NOT_FOUND: { status: 404, ja: "そのブックポストはありません。", en: "No such book drop." },
  POLICY_NOT_FOUND: { status: 404, ja: "適用中の運用ルールがありません。", en: "No policy is in force." },
  JOB_NOT_FOUND: { status: 404, ja: "そのジョブはありません。", en: "No such job." },
  USERNAME_TAKEN: { status: 409, ja: "その利用者名は既に使われています。", en: "That user name is taken." },
  INTERNAL: {
    status: 500,
    ja: "システムエラーが発生しました。時間をおいてお試しください。",
    en: "Something went wrong. Please try again later.",
  },
  // Circulation
  ITEM_WITHDRAWN: { status: 409, ja: "この資料は除籍されています。", en: "This item has been withdrawn." },
  ITEM_ALREADY_ON_LOAN: {
    status: 409,
    ja: "この資料は貸出中です。先に返却処理をしてください。",
    en: "This item is already on loan. Check it in first.",
  },
  ITEM_NOT_LOANABLE: {
    status: 409,
    ja: "館内閲覧のみの資料のため貸出できません。",
    en: "This item is for in-library use only.",
  },
  ITEM_ON_HOLD_FOR_ANOTHER_PATRON: {
    status: 409,
    ja: "この資料は他の方の予約のために確保されています。",
    en: "This item is kept for another patron's reservation.",
  },
  ILL_ITEM_FOR_ANOTHER_PATRON: {
    status: 409,
    ja: "他館から借り受けた資料は、依頼した利用者にのみ貸出できます。",
    en: "An inter-library-loan item is lent only to the patron who asked for it.",
  },
  LOAN_LIMIT_REACHED: {
    status: 409,
    ja: "貸出冊数の上限に達しています。",
    en: "The patron has reached the loan limit.",
  },
  POSTAL_LOAN_LIMIT_REACHED: {
    status: 409,
    ja: "郵送貸出は、借りている資料を含めて上限の冊数までです。",
    en: "Postal loans are limited, counting the items already on loan.",
  },
  DELIVERY_RESERVED_ITEMS_ONLY: {
    status: 409,
    ja: "郵送貸出は、電話やWebで予約され、この利用者のために取り置かれた資料だけです。",
    en: "Only an item reserved by phone or on the web and kept for this patron can be lent by post.",
  },
  DELIVERY_LOAN_LIMIT_REACHED: {
    status: 409,
    ja: "配送による貸出は、借りている資料を含めて上限の冊数までです。",
    en: "Delivery loans are limited, counting the items already on loan.",
  },
  DELIVERY_LENDING_NOT_OFFERED: {
    status: 409,
    ja: "この図書館ではその方法の貸出を行っていません。",
    en: "This library does not lend that way.",
  },
  CARD_NOT_YET_ACTIVE: {
    status: 409,
    ja: "このカードはまだ利用開始日になっていません。",
    en: "This card is not active yet.",
  },
  CREDENTIAL_NOT_ACCEPTED_HERE: {
    status: 409,
    ja: "この窓口ではこのカード・認証方法は使えません。",
    en: "This service point does not accept this credential.",
  },
  LOAN_NOT_FOUND: { status: 404, ja: "その貸出はありません。", en: "No such loan." },
  LOAN_OVERDUE: {
    status: 409,
    ja: "返却期限を過ぎた資料は延長できません。",
    en: "An overdue loan cannot be renewed.",
  },
  ITEM_RESERVED_BY_OTHER: {
    status: 409,
    ja: "次に予約がある資料は延長できません。",
    en: "Someone else has reserved this title; the loan cannot be renewed.",
  },
  ILL_NOT_RENEWABLE: {
    status: 409,
    ja: "他市の図書館から借り受けている資料は延長できません。",
    en: "Items borrowed from another library cannot be renewed.",
  },
  RENEWAL_LIMIT_REACHED: {
    status: 409,
    ja: "すでに延長している資料は、これ以上延長できません。",
    en: "This loan has been renewed as often as allowed.",
  },
  RENEWAL_NOT_ON_LOAN_DAY: {
    status: 409,
    ja: "借りた当日は延長できません。",
    en: "A loan cannot be renewed on the day it was made.",
  },
  RENEWAL_CHANNEL_NOT_OFFERED: {
    status: 409,
    ja: "この方法では延長を受け付けていません。",
    en: "Renewals are not taken this way.",
  },
  RETURN_AT_LENDING_POINT_ONLY: {
    status: 409,
    ja: "この資料は、借りた図書館・分室の窓口へ返却してください。",
    en: "This item must be returned to the counter of the service point that lent it.",
  },
  RETURN_POINT_BOOKS_AND_MAGAZINES_ONLY: {
    status: 409,
    ja: "「返却できるところ」では本と雑誌のみ返却できます。",
    en: "Return points take back books and magazines only.",
  },
  BOOK_DROP_REQUIRED: {
    status: 422,
    ja: "ブックポストからの返却には、ブックポストを指定してください。",
    en: "Name the book drop for a book-drop return.",
  },
  BOOK_DROP_NOT_AT_SERVICE_POINT: {
    status: 422,
    ja: "そのブックポストはこの施設のものではありません。",
    en: "That book drop does not belong to this service point.",
  },
  ILL_DUE_DATE_IN_PAST: {
    status: 422,
    ja: "返却期限には今日より後の日付を指定してください。",
    en: "The due date must be after today.",
  },
  ILL_BORROWING_NOT_FOUND: {
    status: 404,
    ja: "その借受資料はありません。",
    en: "No such inter-library loan.",
  },
  ILL_ALREADY_SENT_BACK: {
    status: 409,
    ja: "この資料はすでに返送済みです。",
    en: "This item has already been sent back.",
  },
  ILL_ITEM_NOT_BACK: {
    status: 409,
    ja: "この資料はまだ返却されていません。返却処理の後に返送してください。",
    en: "This item has not been returned yet; check it in before sending it back.",
  },
  RETURN_EXCEPTION_NOT_FOUND: {
    status: 404,
    ja: "未処理の返却例外はありません。",
    en: "No open return exception for that loan.",
  },
  DELIVERY_LENDING_NOT_APPLIED: {
    status: 409,
    ja: "オンライン貸出サービスの利用申込みがありません。",
    en: "The patron has not applied for the online lending service.",
  },
  HOLD_LIMIT_REACHED: {
    status: 409,
    ja: "予約できる件数の上限に達しています。",
    en: "The reservation limit has been reached.",
  },
  NOT_RESERVABLE: {
    status: 409,
    ja: "この資料は予約できません。",
    en: "This title cannot be reserved.",
  },
  ALREADY_RESERVED: {
    status: 409,
    ja: "この資料はすでに予約済みか、貸出中です。",
    en: "You have already reserved or borrowed this title.",
  },
  PICKUP_POINT_NOT_ALLOWED: {
    status: 409,
    ja: "この受取場所は選べません。",
    en: "This pickup point cannot be chosen.",
  },
  HOLD_NOT_ALLOWED_FOR_PATRON_TYPE: {
    status: 409,
    ja: "この利用者区分の方は予約できません。",
    en: "Patrons of this type cannot reserve.",
  },
  EMAIL_REQUIRED: {
    status: 409,
    ja: "予約にはメールアドレスの登録が必要です。",
    en: "A registered e-mail address is required for this reservation.",
  },
  HOLD_CHANNEL_NOT_OFFERED: {
    status: 409,
    ja: "この方法では予約を受け付けていません。",
    en: "Reservations are not taken through this channel.",
  },
  CONTACT_METHOD_NOT_OFFERED: {
    status: 409,
    ja: "この連絡方法は選べません。",
    en: "This contact method is not offered.",
  },
  TITLE_NOT_HELD: {
    status: 409,
    ja: "この資料は所蔵がありません。リクエストをご利用ください。",
    en: "The library holds no copy of this title; ask for a request instead.",
  },
  ITEM_LEVEL_HOLD_NOT_OFFERED: {
    status: 409,
    ja: "資料を指定した予約はできません。",
    en: "Reservations of a particular copy are not offered.",
  },
  POSTAL_DELIVERY_CHANNEL_NOT_OFFERED: {
    status: 409,
    ja: "郵送での受け取りは、電話またはWebでの予約でお申し込みください。",
    en: "Delivery by post is chosen when reserving by phone or on the web.",
  },
  POSTAL_DELIVERY_NOT_OFFERED: {
    status: 409,
    ja: "郵送での貸出は行っていません。",
    en: "Postal lending is not offered.",
  },
  PICKUP_POINT_REQUIRED: {
    status: 422,
    ja: "受取場所を選んでください。",
    en: "Choose a pickup point.",
  },
  HOLD_NOT_ACTIVE: {
    status: 409,
    ja: "この予約はすでに終了しています。",
    en: "This reservation has already ended.",
  },
  HOLD_READY_CANNOT_CANCEL_ONLINE: {
    status: 409,
    ja: "ご用意ができた予約はインターネットからは取り消せません。図書館にご連絡ください。",
    en: "A reservation that is ready cannot be cancelled online; please contact the library.",
  },
  HOLD_READY_CANNOT_CHANGE_ONLINE: {
    status: 409,
    ja: "ご用意ができた予約はインターネットからは変更できません。図書館にご連絡ください。",
    en: "A reservation that is ready cannot be changed online; please contact the library.",
  },
  HOLD_NOT_FOUND: {
    status: 404,
    ja: "その予約はありません。",
    en: "No such reservation.",
  },
  HOLD_NOT_READY: {
    status: 409,
    ja: "この予約はまだ用意ができていません。",
    en: "This reservation is not ready.",
  },
  HOLD_CONTACT_NOT_PHONE: {
    status: 409,
    ja: "この予約の連絡方法は電話ではありません。",
    en: "This reservation's contact method is not the phone.",
  },
  PROXY_COLLECTS_RESERVATIONS_ONLY: {
    status: 409,
    ja: "代理人が受け取れるのは予約資料だけです。",
    en: "A proxy may only collect reserved items.",
  },
  REQUESTS_NOT_OFFERED: {
    status: 409,
    ja: "リクエストは受け付けていません。",
    en: "Requests are not offered.",
  },
  REQUEST_CHANNEL_NOT_OFFERED: {
    status: 409,
    ja: "リクエストは窓口でのみ受け付けています。",
    en: "Requests are taken at the counter only.",
  },
  TITLE_HELD_RESERVE_INSTEAD: {
    status: 409,
    ja: "この資料は所蔵しています。リクエストではなく予約をしてください。",
    en: "The library holds this title; reserve it instead of requesting it.",
  },
  REQUEST_NOT_ACCEPTED: {
    status: 409,
    ja: "この種類の資料はリクエストを受け付けていません。",
    en: "Requests are not accepted for this kind of material.",
  },
  REQUEST_STATUS_CHANGE_NOT_ALLOWED: {
    status: 409,
    ja: "このリクエストの状態は変更できません。",
    en: "The request cannot move to that status.",
  },
  REQUEST_NOT_FOUND: {
    status: 404,
    ja: "そのリクエストはありません。",
    en: "No such request.",
  },
  REFUSAL_REASON_REQUIRED: {
    status: 422,
    ja: "お断りの理由を入力してください。",
    en: "Give the reason for refusing.",
  },
  INVALID_ISBN: {
    status: 422,
    ja: "ISBNが正しくありません。",
    en: "The ISBN is not valid.",
  },
  ITEM_NOT_AVAILABLE: {
    status: 409,
    ja: "この資料は今は使えません(貸出中・輸送中など)。",
    en: "This item is not available now (on loan, in transit …).",
  },
  CART_FULL: {
    status: 409,
    ja: "予約カートがいっぱいです(上限に達しました)。",
    en: "The reservation cart is full.",
  },
  // The patron's "my page", one file per part.
  ...myAccountErrors,
  ...myListsErrors,
  ...myReadingErrors,
  ...myArrivalAlertErrors,
  ...myLineErrors,
  // Photocopies and the fee ledger.
  ...feeErrors,
  ...referenceErrors,
  ...terminalErrors,
  ...ndlErrors,
  ...siteErrors,
  ...figuresErrors,
  ...applicationErrors,
};

export function describeError(code: string): { status: number; ja: string; en: string } {
  return errorCatalog[code] ?? errorCatalog.INTERNAL!;
}
