import type { Lang } from "../context.ts";
import { describeError } from "../error-messages.ts";

/**
 * A refusal shown in place on a page: a heading the page chooses ("not booked", "not recorded" …), the code's
 * wording, and any further lines (the rule a photocopy breaks, say). Announced to screen readers at once.
 */
export function RefusalBox(props: {
  lang: Lang;
  heading: string;
  code: string | null | undefined;
  more?: string[];
}) {
  if (!props.code) return null;
  return (
    <div class="notice notice-error" role="alert">
      <p>
        <strong>{props.heading}</strong>
      </p>
      <p>{describeError(props.code)[props.lang]}</p>
      {(props.more ?? []).map((line) => (
        <p>{line}</p>
      ))}
    </div>
  );
}
