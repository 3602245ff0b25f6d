// Offsets in minutes for zone names feeds use. "CST" follows RFC 822 (US Central), and "IST" India.
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  ET: -300, CT: -360, MT: -420, PT: -480, AT: -240, "ETC/GMT": 0, "ETC/UTC": 0,
  AKST: -540, AKDT: -480, HST: -600, AST: -240, ADT: -180, NST: -210, NDT: -150,
  BST: 60, IST: 330, CET: 60, CEST: 120, MET: 60, MEST: 120, WEST: 60, EET: 120, EEST: 180, MSK: 180,
  JST: 540, KST: 540, HKT: 480, SGT: 480, AWST: 480, ACST: 570, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
};
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

const ZONE = String.raw`(Z|[A-Za-z]{1,5}|Etc/(?:GMT|UTC)|(?:GMT|UTC|UT)?\s*[+-]\d{1,2}(?::?\d{2})?)`;
const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?`;
// RFC 822/2822: "Thu, 01 Jan 2004 19:48:21 GMT", with the usual sloppiness (no weekday, 2-digit year, full month names).
const RFC822 = new RegExp(String.raw`^(?:[A-Za-z]+\.?,?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3,})\.?,?[\s-]+(\d{2,4})(?:[\sT]+${TIME})?\s*(?:${ZONE})?(?:\s*\(.*\))?$`);
// "Jan 01, 2004 19:48:21 GMT", asctime "Thu Jan  1 19:48:21 2004", and "Sun Jul 15 01:16:00 +0000 2012".
const MONTH_FIRST = new RegExp(
  String.raw`^(?:[A-Za-z]+\.?,?\s+)?([A-Za-z]{3,})\.?\s+(\d{1,2}),?\s+(?:(\d{4})\s*)?(?:${TIME})?\s*(?:${ZONE})?\s*(\d{4})?(?:\s*\(.*\))?$`,
);
// RFC 3339 / ISO 8601 / W3CDTF, also "2024/01/05 10:30" and "2024年1月5日 10:30".
const NUMERIC = new RegExp(String.raw`^(?:[A-Za-z]{3,}\.?,?\s*)?(\d{4})(?:[-/.年]?(\d{1,2})(?:[-/.月]?(\d{1,2})日?)?)?(?:(?:T|\s+)${TIME}\s*(?:${ZONE})?)?$`);

/** Parses the date formats feeds use into a UTC instant; null when the text is not a date we trust. */
export function parseFeedDate(input: string): Date | null {
  const text = input.trim().replace(/\s+/g, " ");
  if (text === "" || text.length > 100) return null;
  let m = NUMERIC.exec(text);
  if (m && !/^\d{5,}$/.test(text)) return build(+m[1]!, m[2] ? +m[2] : 1, m[3] ? +m[3] : 1, m[4], m[5], m[6], m[7]);
  m = RFC822.exec(text);
  if (m) return build(fullYear(m[3]!), month(m[2]!), +m[1]!, m[4], m[5], m[6], m[7]);
  m = MONTH_FIRST.exec(text);
  if (m && (m[3] || m[8])) return build(+(m[3] ?? m[8])!, month(m[1]!), +m[2]!, m[4], m[5], m[6], m[7]);
  return null;
}

function build(year: number, monthNumber: number, day: number, hh?: string, mm?: string, ss?: string, zone?: string): Date | null {
  const hour = hh ? +hh : 0;
  const minute = mm ? +mm : 0;
  const second = Math.min(ss ? +ss : 0, 59);
  if (ss && +ss > 60) return null;
  if (monthNumber < 1 || monthNumber > 12 || day < 1 || day > 31 || hour > 24 || minute > 59) return null;
  const offset = zoneOffset(zone);
  if (offset === null) return null;
  const utc = Date.UTC(year, monthNumber - 1, day, hour, minute, second);
  const check = new Date(utc);
  // Reject 31 February and friends instead of rolling over into March.
  if (check.getUTCDate() !== day && hour !== 24) return null;
  if (year < 1900 || year > 2200) return null;
  return new Date(utc - offset * 60_000);
}

/** Minutes east of UTC; a missing zone means UTC; an unknown name is not trusted. */
function zoneOffset(zone: string | undefined): number | null {
  if (!zone) return 0;
  const name = zone.trim().toUpperCase();
  if (name in ZONES) return ZONES[name]!;
  const m = /^(?:GMT|UTC|UT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(name);
  if (!m) return null;
  const minutes = +m[2]! * 60 + (m[3] ? +m[3] : 0);
  return m[1] === "-" ? -minutes : minutes;
}

function month(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function fullYear(text: string): number {
  const year = +text;
  if (text.length === 4) return year;
  return year < 50 ? 2000 + year : 1900 + year;
}
