import { CITY, COMMON, COUNTRY, nameIndex } from './name-index.js';
import type { PiiFinding } from './pii-type.js';

const W = "[\\p{L}\\p{M}][\\p{L}\\p{M}'’.-]*";
// Street words that stand on their own after the name ("12 Main Street", "8 wressle road").
const SUFFIX =
  'street|st|road|rd|avenue|ave|av|lane|ln|drive|dr|boulevard|blvd|way|court|ct|place|pl|square|sq|terrace|parkway|pkwy|highway|hwy|circle|cir|crescent|close|row|walk|alley|trail|grove|gardens|mews|hill|park';
// Street words that come before the name ("Rue de la Paix 3", "ul. Długa 5", "Via Roma 12").
const PREFIX =
  'rue|rua|via|viale|vicolo|piazza|piazzale|corso|largo|calle|avenida|avda|av|carrer|carretera|camino|paseo|plaza|praça|praca|travessa|estrada|alameda|ulica|ul|aleja|al|chemin|allée|allee|boulevard|bd|place|impasse|quai|route|strada|calea|str|náměstí|námestie|trg|ulitsa|cesta|utca|út';
// Street words glued to the end of the name ("Hauptstraße", "Nassaustraat", "Storgatan").
const GLUED =
  'straße|strasse|str\\.|weg|gasse|allee|platz|ring|damm|ufer|laan|straat|gracht|plein|kade|singel|dreef|steeg|vej|gade|gatan|vägen|väg|veien|vegen|gata|gaten|katu|tie|kuja|polku|utca|ulice|cesta|sokak|sokağı|caddesi|bulvarı';
const NUM = '\\d{1,5}(?:[ -]?[a-z](?![\\p{L}]))?(?:[/-]\\d{1,4})?';
const UNIT_BODY = '(?:apt|apartment|suite|ste|unit|flat|fl|floor|room|bldg|building|#|no|nr|n°|piso|étage|wohnung|lgh|bus)\\.? ?#?\\d{1,5}[a-z]?';
const UNIT = `(?:,? ?${UNIT_BODY})`;
const STREET = new RegExp(
  `(?<![\\p{L}\\d])(?:` +
    // 12 Main Street, 4589 40th Street Suite 603
    `${NUM},? (?:\\d{1,3}(?:st|nd|rd|th) |(?:${W} ){0,3})(?:${SUFFIX})\\.?(?![\\p{L}])(?: ${NUM}(?![\\p{L}\\d]))?` +
    // Rue de la Paix 3, 11 via goffredo mameli 149, ul. Długa 5
    `|(?:${NUM},? )?(?:${PREFIX})\\.? (?:${W} ){0,4}${W},? ${NUM}(?![\\p{L}\\d])` +
    // Hauptstraße 5, Nassaustraat 123, 8 Storgatan
    `|(?:${NUM} )?(?:${W} )?[\\p{L}\\p{M}-]*(?:${GLUED})(?![\\p{L}]),? ${NUM}(?![\\p{L}\\d])` +
    `|${NUM} [\\p{L}\\p{M}-]*(?:${GLUED})(?![\\p{L}])` +
  `)${UNIT}?`,
  'giu',
);
// After an address cue, a house number with a name on either side: "lives at 87 Jakobi 69".
const CUED = new RegExp(
  `\\b(?:address(?: is|:)?|lives? (?:at|on)|living at|moved to|ship(?:ped)? to|send (?:it |them )?to|deliver(?:ed)? to|located at|resid(?:e|es|ing) at|wohnhaft in|adresse ?:?|dirección:?|indirizzo:?|endereço:?|adres:?)\\s*:?\\s*((?:${NUM},? )?(?:${W} ){0,4}${W}(?:,? ${NUM})?)(?![\\p{L}\\d])`,
  'giu',
);
// The rest of an address after the street: unit, city, region, postcode, country, on the same
// line or the next few, separated by commas or line breaks.
const TAIL = new RegExp(
  `^(?:[ \\t]*[,\\n][ \\t]*|[ \\t]+)(?:${UNIT_BODY}|[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}|[A-Z]\\d[A-Z] ?\\d[A-Z]\\d|\\d{2}-\\d{3}|\\d{4}-\\d{3}|\\d{5}(?:-\\d{3,4})?|\\d{3} \\d{2}|\\d{4}(?: ?[A-Z]{2})?|[\\p{Lu}\\p{L}][\\p{L}\\p{M}'’.-]*(?: [\\p{L}][\\p{L}\\p{M}'’.-]*){0,3}(?: \\d{4,5})?)(?![\\p{L}\\d])`,
  'u',
);
const POSTCODE_CUE = /\b(?:zip(?: ?code)?|post ?code|postal code|plz|code postal|cap|cep|código postal|postnummer|postinumero|psč)\s*[:#]?\s*$/i;
const POSTCODE = /(?<![\p{L}\d-])(?:\d{5}(?:-\d{3,4})?|\d{4}(?: ?[A-Z]{2})?|\d{3} \d{2}|\d{2}-\d{3}|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d)(?![\p{L}\d])/gu;
const US_CITY_STATE_ZIP =
  /(?<![\p{L}])\p{Lu}[\p{L}.'-]*(?: \p{Lu}[\p{L}.'-]*){0,2}, (?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY]) \d{5}(?:-\d{4})?(?!\d)/gu;
const PLACE_CUE = /\b(?:in|from|to|at|near|visit(?:ed|ing)?|live|lives|lived|based|moved|born|arrived|flew|travel(?:led|ed|ing)?|trip|office|branch|city|town|country|nach|aus|à|de|en|em|da|naar|uit|w|z|i|från|till)\s*$/i;
const PLACE = /(?<![\p{L}\d@._/-])\p{Lu}[\p{Ll}\p{M}'’-]+(?: (?:\p{Lu}[\p{Ll}\p{M}'’-]+|de|do|da|del|of|and|am|an|der|sur|en|la|le)){0,3}(?![\p{L}\d@_])/gu;
const LOWER_PLACE = /\b(?:in|from|at|to|near) (\p{Ll}[\p{Ll}\p{M}'’-]{2,}(?: \p{Ll}[\p{Ll}\p{M}'’-]+){0,2})(?![\p{L}\d@_])/gu;

/**
 * Finds postal addresses and places. A street is a house number with a street word in one of
 * fifteen languages, before the name ("Rue", "Via", "Calle", "ul."), after it ("Street", "Road")
 * or glued to it ("Hauptstraße", "Nassaustraat"); a name and number after "lives at" or
 * "address:" count too. A street finding takes in what follows it on the same or the next lines
 * (unit, city, postcode, country) and is validated, high confidence. "City, ST 12345" and
 * postcodes after "ZIP", "postcode", "PLZ"… are validated, medium. A bundled city or country
 * name next to "in", "from", "at"… is reported unvalidated, low: a place alone seldom
 * identifies a person.
 */
export function detectAddress(text: string, out: PiiFinding[]): void {
  const found: PiiFinding[] = [];
  STREET.lastIndex = 0;
  for (let m = STREET.exec(text); m !== null; m = STREET.exec(text)) {
    const end = extend(text, m.index + m[0].length);
    found.push({ type: 'address', start: m.index, end, validated: true, confidence: 'high' });
    STREET.lastIndex = end;
  }
  CUED.lastIndex = 0;
  for (let m = CUED.exec(text); m !== null; m = CUED.exec(text)) {
    const value = m[1] as string;
    if (!/\d/.test(value)) continue;
    const start = m.index + m[0].length - value.length;
    const end = extend(text, start + value.length);
    found.push({ type: 'address', start, end, validated: true, confidence: 'high' });
  }
  US_CITY_STATE_ZIP.lastIndex = 0;
  for (let m = US_CITY_STATE_ZIP.exec(text); m !== null; m = US_CITY_STATE_ZIP.exec(text)) {
    found.push({ type: 'address', start: m.index, end: m.index + m[0].length, validated: true, confidence: 'medium' });
  }
  POSTCODE.lastIndex = 0;
  for (let m = POSTCODE.exec(text); m !== null; m = POSTCODE.exec(text)) {
    if (!POSTCODE_CUE.test(text.slice(Math.max(0, m.index - 24), m.index))) continue;
    found.push({ type: 'address', start: m.index, end: m.index + m[0].length, validated: true, confidence: 'medium' });
  }
  places(text, found);
  // The streams overlap (a street then its city); keep one finding per stretch.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  let last: PiiFinding | undefined;
  for (const f of found) {
    if (last !== undefined && f.start < last.end) {
      if (f.end > last.end) last = { ...last, end: f.end, validated: last.validated || f.validated };
      continue;
    }
    if (last !== undefined) out.push(last);
    last = f;
  }
  if (last !== undefined) out.push(last);
}

/** Extends an address over the unit, city, postcode and country lines that follow it (three at most). */
function extend(text: string, end: number): number {
  let at = end;
  for (let i = 0; i < 4; i++) {
    const rest = text.slice(at, at + 64);
    const m = TAIL.exec(rest);
    if (m === null) break;
    // A new sentence ("… Street. Please …") or a plain word that is no place stops the address.
    const part = m[0].replace(/^[\s,]+/, '');
    if (/^\p{Ll}/u.test(part) && !/\d/.test(part) && !isPlace(part.toLowerCase())) break;
    if (/^\p{Lu}/u.test(part) && !/\d/.test(part) && !isPlace(part.toLowerCase()) && !/[\n,]/.test(m[0])) break;
    at += m[0].length;
  }
  return at;
}

function isPlace(phrase: string): boolean {
  const index = nameIndex();
  const flags = index.get(phrase) ?? 0;
  if ((flags & (CITY | COUNTRY)) !== 0) return true;
  // "Marshall Islands 56293", "Calgary AB": a known place followed by a code.
  const head = phrase.replace(/ [\p{L}\d]{1,5}$/u, '');
  return head !== phrase && ((index.get(head) ?? 0) & (CITY | COUNTRY)) !== 0;
}

/** Bundled city and country names after a place cue; countries also capitalised without one. */
function places(text: string, found: PiiFinding[]): void {
  const index = nameIndex();
  PLACE.lastIndex = 0;
  for (let m = PLACE.exec(text); m !== null; m = PLACE.exec(text)) {
    const words = m[0].split(' ');
    // Longest prefix of the capitalised run that is a known place.
    for (let n = words.length; n >= 1; n--) {
      const phrase = words.slice(0, n).join(' ');
      const flags = index.get(phrase.toLowerCase()) ?? 0;
      if ((flags & (CITY | COUNTRY)) === 0) continue;
      if ((flags & COMMON) !== 0 && n === 1) break;
      const cue = PLACE_CUE.test(text.slice(Math.max(0, m.index - 16), m.index));
      if ((flags & COUNTRY) === 0 && !cue) break;
      found.push({ type: 'address', start: m.index, end: m.index + phrase.length, validated: false, confidence: 'low' });
      PLACE.lastIndex = m.index + phrase.length;
      break;
    }
  }
  LOWER_PLACE.lastIndex = 0;
  for (let m = LOWER_PLACE.exec(text); m !== null; m = LOWER_PLACE.exec(text)) {
    const value = m[1] as string;
    const start = m.index + m[0].length - value.length;
    const words = value.split(' ');
    for (let n = words.length; n >= 1; n--) {
      const phrase = words.slice(0, n).join(' ');
      const flags = index.get(phrase) ?? 0;
      if ((flags & (CITY | COUNTRY)) === 0 || (flags & COMMON) !== 0) continue;
      found.push({ type: 'address', start, end: start + phrase.length, validated: false, confidence: 'low' });
      break;
    }
    LOWER_PLACE.lastIndex = start;
  }
}
