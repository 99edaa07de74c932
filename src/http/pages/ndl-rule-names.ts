import type { ndlRules } from "../../domain/ndl/ndl-service.ts";

/** The rules the patron accepts on the application (001), worded as the form shows them. */
export const ndlRuleNames: Record<(typeof ndlRules)[number], { ja: string; en: string }> = {
  noDownload: { ja: "データのダウンロードはできません。", en: "Data cannot be downloaded." },
  noScreenCopy: { ja: "端末の画面コピーはできません。", en: "No screen copies of the terminal." },
  noPhotographs: { ja: "カメラ等での撮影はできません。", en: "No photographs with a camera or phone." },
  printsByStaff: {
    ja: "複写は職員に申し込みます(ご自身での印刷はできません)。著作権法の範囲内で、後日のお渡しになることがあります。",
    en: "Prints are asked of staff (no printing yourself), within copyright law, possibly handed over on a later day.",
  },
};
