/**
 * ISO 3166-1 alpha-2 country code → continent, for all 249 officially assigned codes and XK (Kosovo, user-assigned
 * but in wide use; the event schema accepts exactly these 250 codes). Transcontinental
 * countries follow the usual statistical convention (Russia → Europe; Turkey, Cyprus, the Caucasus → Asia;
 * Egypt → Africa); dependent territories go with their geography (Greenland → North America, French Guiana →
 * South America, the US Minor Outlying Islands → Oceania, the sub-Antarctic islands → Antarctica).
 */
export const CONTINENT_NAMES = {
  AF: 'Africa',
  AN: 'Antarctica',
  AS: 'Asia',
  EU: 'Europe',
  NA: 'North America',
  OC: 'Oceania',
  SA: 'South America',
} as const;

export type ContinentCode = keyof typeof CONTINENT_NAMES;

const MEMBERS: Record<ContinentCode, string> = {
  AF:
    'AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW KE KM LR LS LY MA MG ML MR MU MW MZ NA ' +
    'NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TG TN TZ UG YT ZA ZM ZW',
  AN: 'AQ BV GS HM TF',
  AS:
    'AE AF AM AZ BD BH BN BT CC CN CX CY GE HK ID IL IN IO IQ IR JO JP KG KH KP KR KW KZ LA LB LK MM MN MO MV MY ' +
    'NP OM PH PK PS QA SA SG SY TH TJ TL TM TR TW UZ VN YE',
  EU:
    'AD AL AT AX BA BE BG BY CH CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT LU LV MC MD ME MK ' +
    'MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA XK',
  NA: 'AG AI AW BB BL BM BQ BS BZ CA CR CU CW DM DO GD GL GP GT HN HT JM KN KY LC MF MQ MS MX NI PA PM PR SV SX TC TT US VC VG VI',
  OC: 'AS AU CK FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV UM VU WF WS',
  SA: 'AR BO BR CL CO EC FK GF GY PE PY SR UY VE',
};

/** A fresh lookup table (no module-level state). */
export function continentTable(): ReadonlyMap<string, ContinentCode> {
  const m = new Map<string, ContinentCode>();
  for (const [continent, codes] of Object.entries(MEMBERS) as Array<[ContinentCode, string]>) {
    for (const code of codes.split(' ')) m.set(code, continent);
  }
  return m;
}

/** The continent of an alpha-2 code (any case); null for '' or an unassigned code. */
export function continentOf(table: ReadonlyMap<string, ContinentCode>, country: string): ContinentCode | null {
  return table.get(country.toUpperCase()) ?? null;
}
