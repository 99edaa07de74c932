/** HTTP status and wording of the error codes of the staff figures. */
export const figuresErrors: Record<string, { status: number; ja: string; en: string }> = {
  FIGURES_RANGE_TOO_LONG: {
    status: 400,
    ja: "統計の期間は10年(120か月)までです。期間を短くしてください。",
    en: "Figures cover at most ten years (120 months); choose a shorter range.",
  },
};
