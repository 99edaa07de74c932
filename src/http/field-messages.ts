import type { Lang } from "./context.ts";

/**
 * Messages for invalid fields, in the language of the request. Schemas name a rule by a code (the zod
 * message `KATAKANA_REQUIRED`); zod's own issues (too long, missing, not an e-mail …) are worded here too,
 * so that every 422 says in Japanese or English what is wrong with which field.
 */
const fieldRules: Record<string, { ja: string; en: string }> = {
  KATAKANA_REQUIRED: { ja: "全角カタカナで入力してください。", en: "Enter this in full-width katakana." },
  KIT_NUMBER_FORMAT: {
    ja: "カード番号は、カードに印刷された数字で入力してください。",
    en: "Enter the card number as the digits printed on the card.",
  },
  POSTAL_CODE_FORMAT: {
    ja: "郵便番号は 123-4567 の形式で入力してください。",
    en: "Enter the postal code as 123-4567.",
  },
  PHONE_FORMAT: {
    ja: "電話番号は数字とハイフンで入力してください。",
    en: "Enter the phone number as digits and hyphens.",
  },
  DATE_FORMAT: { ja: "日付は YYYY-MM-DD の形式で入力してください。", en: "Enter the date as YYYY-MM-DD." },
  BIRTH_DATE_IN_FUTURE: {
    ja: "生年月日に今日より後の日付は入力できません。",
    en: "The date of birth cannot be after today.",
  },
  UNKNOWN_MUNICIPALITY: { ja: "その市区町村は見つかりません。", en: "No such municipality." },
  UNKNOWN_PREFECTURE: { ja: "その都道府県は見つかりません。", en: "No such prefecture." },
  FELICA_IDM_FORMAT: {
    ja: "FeliCa の IDm は16桁の16進数です。",
    en: "A FeliCa IDm is 16 hexadecimal digits.",
  },
  REQUIRED_FOR_WORKERS_AND_STUDENTS: {
    ja: "在勤・在学の方は勤務先・学校を入力してください。",
    en: "Workers and students must give their workplace or school.",
  },
};

export type FieldIssue = { path: string[]; code: string; message: string };

type RawIssue = {
  path: PropertyKey[];
  code?: string;
  message: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  origin?: string;
  format?: string;
  expected?: string;
  input?: unknown;
};

export function describeFieldIssue(issue: RawIssue, lang: Lang): FieldIssue {
  const path = issue.path.map(String);
  const rule = fieldRules[issue.message];
  if (rule) return { path, code: issue.message, message: rule[lang] };
  const { ja, en } = wordingOf(issue);
  return { path, code: issue.code ?? "invalid", message: lang === "en" ? en : ja };
}

function wordingOf(issue: RawIssue): { ja: string; en: string } {
  const text = issue.origin === "string";
  switch (issue.code) {
    case "too_big":
      return text
        ? { ja: `${issue.maximum}文字以内で入力してください。`, en: `At most ${issue.maximum} characters.` }
        : { ja: `${issue.maximum}以下にしてください。`, en: `At most ${issue.maximum}.` };
    case "too_small":
      return text && Number(issue.minimum) === 1
        ? { ja: "入力してください。", en: "Required." }
        : text
          ? {
              ja: `${issue.minimum}文字以上で入力してください。`,
              en: `At least ${issue.minimum} characters.`,
            }
          : { ja: `${issue.minimum}以上にしてください。`, en: `At least ${issue.minimum}.` };
    case "invalid_type":
      return issue.input === undefined
        ? { ja: "入力してください。", en: "Required." }
        : { ja: "値の種類が正しくありません。", en: `Expected ${issue.expected}.` };
    case "invalid_format":
      return issue.format === "email"
        ? { ja: "メールアドレスの形式が正しくありません。", en: "Not a valid e-mail address." }
        : { ja: "形式が正しくありません。", en: "The format is invalid." };
    case "invalid_value":
      return { ja: "選択できない値です。", en: "Not one of the allowed values." };
    default:
      return { ja: "入力内容に誤りがあります。", en: issue.message };
  }
}
