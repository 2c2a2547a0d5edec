import { continentTable } from '../report/continents.js';

/**
 * Which `billingCountry` values an event may carry: the ISO 3166-1 alpha-2 codes, any case. The list of codes is
 * the country → continent table of src/report/continents.ts (one list for the whole project): the 249 officially
 * assigned codes plus XK, the user-assigned code widely used for Kosovo (by the EU, SWIFT, Google and the payment
 * processors a gateway bills through). Reserved, exceptionally reserved and other user-assigned codes (e.g. EU,
 * UK, ZZ, AA) are rejected.
 */

/** A 26 × 26 membership table of two-letter codes, so the check neither allocates nor upper-cases. */
export type CountryCodeTable = Uint8Array;

export function countryCodeTable(): CountryCodeTable {
  const table = new Uint8Array(26 * 26);
  for (const code of continentTable().keys()) {
    table[(code.charCodeAt(0) - 65) * 26 + (code.charCodeAt(1) - 65)] = 1;
  }
  return table;
}

/** True when `s` is a listed alpha-2 code, in any case ("de", "De" and "DE" alike). */
export function isCountryCode(table: CountryCodeTable, s: string): boolean {
  if (s.length !== 2) return false;
  const a = letterIndex(s.charCodeAt(0));
  const b = letterIndex(s.charCodeAt(1));
  return a >= 0 && b >= 0 && table[a * 26 + b] === 1;
}

function letterIndex(c: number): number {
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 97 && c <= 122) return c - 97;
  return -1;
}
