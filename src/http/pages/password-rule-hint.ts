import type { Policy } from "../../domain/policy/policy-schema.ts";
import type { Lang } from "../context.ts";

/** The system's web password rule in words, shown under every new-password field. */
export function passwordRuleHint(lang: Lang, rule: Policy["webServices"]["password"]): string {
  if (rule.requireLettersAndDigits) {
    return lang === "ja"
      ? `英字と数字を両方使って ${rule.minLength} 文字以上。大文字と小文字は区別されます。`
      : `${rule.minLength} or more letters and digits, both used; upper and lower case differ.`;
  }
  return lang === "ja"
    ? `${rule.minLength} 文字以上。大文字と小文字は区別されます。`
    : `${rule.minLength} characters or more; upper and lower case differ.`;
}
