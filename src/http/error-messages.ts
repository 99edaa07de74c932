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
  UNAUTHENTICATED: { status: 401, ja: "ログインしてください。", en: "Please sign in." },
  INVALID_CREDENTIALS: {
    status: 401,
    ja: "利用者名またはパスワードが違います。",
    en: "The user name or password is incorrect.",
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
};

export function describeError(code: string): { status: number; ja: string; en: string } {
  return errorCatalog[code] ?? errorCatalog.INTERNAL!;
}
