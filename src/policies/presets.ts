import type { LibrarySystemPreset } from "../domain/library-system.ts";
import { aomoriPreset } from "./aomori.ts";
import { hiratsukaPreset } from "./hiratsuka.ts";
import { kashiwaPreset } from "./kashiwa.ts";
import { takarazukaPreset } from "./takarazuka.ts";
import { userpagePreset } from "./userpage.ts";

/** The five library systems shipped with Shiori, in the order of their seed documents (000–004). */
export const presets = [
  hiratsukaPreset,
  takarazukaPreset,
  kashiwaPreset,
  userpagePreset,
  aomoriPreset,
] as const;

/** The preset of a library system by its slug (`hiratsuka`, `takarazuka`, `kashiwa`, `userpage`, `aomori`). */
export function presetFor(slug: string): LibrarySystemPreset | undefined {
  return presets.find((preset) => preset.slug === slug);
}
