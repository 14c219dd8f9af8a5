/**
 * Purchase dates as the different Bandcamp CSV exporters write them, to yyyy-mm-dd. Parsed by
 * hand: `Date.parse` accepts different things in different browsers and applies time zones.
 */
const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

function ymd(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1990 || year > 2200) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function fullYear(year: string): number {
  const value = Number(year);
  return year.length === 2 ? 2000 + value : value;
}

export function parsePurchaseDate(text: string | undefined): string | undefined {
  const value = (text ?? '').trim();
  if (!value) return undefined;
  // 2021-03-04, 2021-03-04 12:00:00, 2021-03-04T12:00:00Z, 2021/3/4
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/.exec(value);
  if (match) return ymd(Number(match[1]), Number(match[2]), Number(match[3]));
  // Bandcamp sales report and US exporters: 3/4/21 8:12pm (month first)
  match = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?!\d)/.exec(value);
  if (match) return ymd(fullYear(match[3]), Number(match[1]), Number(match[2]));
  // Bandcamp's own "24 Mar 2020 18:02:01 GMT", and "4 March 2021"
  match = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})(?!\d)/.exec(value);
  if (match) return ymd(Number(match[3]), MONTHS[match[2].slice(0, 3).toLowerCase()] ?? 0, Number(match[1]));
  // "March 4, 2021", "Mar 4 2021"
  match = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)/.exec(value);
  if (match) return ymd(Number(match[3]), MONTHS[match[1].slice(0, 3).toLowerCase()] ?? 0, Number(match[2]));
  return undefined;
}
