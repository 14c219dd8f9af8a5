/**
 * Characters XML 1.0 cannot carry (C0 controls other than tab/newline/CR, U+FFFE/U+FFFF, lone
 * surrogates) plus DEL and C1 controls, which rekordbox shows as garbage. Tab, newline and CR
 * would be normalized to spaces by every XML parser anyway, so they become spaces up front:
 * the exported value then reads back exactly as written.
 */
const WHITESPACE_CONTROLS = /[\t\n\r]/g;
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Text safe to put in an XML attribute (entity escaping is the XML builder's job). */
export function xmlSafeText(value: string | undefined | null): string {
  if (!value) return '';
  if (PRINTABLE_ASCII.test(value)) return value; // the common case: nothing to normalize or remove
  return value.normalize('NFC').replace(WHITESPACE_CONTROLS, ' ').replace(FORBIDDEN, '');
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decode XML entity and character references in one pass (so `&amp;#10;` stays the text `&#10;`).
 * Unknown entities are kept verbatim rather than failing a whole collection over one title.
 */
export function decodeXmlEntities(value: string): string {
  if (value.indexOf('&') === -1) return value;
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}
