// A labelled multi-locale PII set, generated at run time from a seed: customer-support messages
// in 12 locales with person names, street addresses, postcodes, dates in the local numeric and
// written forms, phones, emails, cards and IBANs at exact spans, plus hard negatives (order and
// tracking numbers, EAN-13 barcodes, millisecond timestamps, versions, UUIDs, prices, SKUs) that
// hold no personal data at all. Names, streets and cities below were written for this set, not
// taken from the detector's bundled lists (the benchmark prints how many of them the lists hold).
//
//   import { localeSet } from './pii-locale-set.mjs';
//   const { records, negatives } = localeSet({ seed: 7, perLocale: 200, negatives: 2400 });

/** mulberry32: a small seeded generator, so every run sees the same set. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

export const LOCALES = {
  'en-US': {
    given: 'James Mary Robert Patricia Michael Jennifer Tyrone Shanice Dakota Brayden Latoya Cody Kayla Dwayne'.split(' '),
    surnames: 'Johnson Williams Brown Garcia Miller Okafor Nguyen Kowalczyk Ramirez Whitfield Castellano Brooks'.split(' '),
    street: (r) => `${r.int(10, 9800)} ${r.pick(['Maple', 'Oak', 'Cedar Ridge', 'Lincoln', 'Sunset', 'Willow Creek'])} ${r.pick(['Street', 'Avenue', 'Road', 'Drive', 'Lane', 'Blvd'])}`,
    cityLine: (r) => `${r.pick(['Springfield', 'Columbus', 'Fresno', 'Tucson', 'Raleigh', 'Boise'])}, ${r.pick(['IL', 'OH', 'CA', 'AZ', 'NC', 'ID'])} ${r.int(10000, 99999)}`,
    phone: (r) => r.pick([`(${r.int(201, 989)}) ${r.int(201, 989)}-${pad(r.int(0, 9999), 4)}`, `+1 ${r.int(201, 989)} ${r.int(201, 989)} ${pad(r.int(0, 9999), 4)}`, `${r.int(201, 989)}-${r.int(201, 989)}-${pad(r.int(0, 9999), 4)}`]),
    numericDate: (d, m, y) => `${m}/${d}/${y}`,
    months: 'January February March April May June July August September October November December'.split(' '),
    written: (d, m, y, r) => r.pick([`${m} ${d}, ${y}`, `${d} ${m} ${y}`, `${m} ${d}`]),
    iban: undefined,
    hello: 'Hi',
  },
  'en-GB': {
    given: 'Oliver Amelia Harry Isla George Poppy Alfie Freya Rhys Siobhan Callum Niamh'.split(' '),
    surnames: 'Smith Jones Taylor Evans Thomas Roberts Patel Hughes Fitzgerald McAllister Davies Whitehouse'.split(' '),
    street: (r) => `${r.int(1, 240)} ${r.pick(['Baker', 'Church', 'Victoria', 'Mill', 'Station', 'Kingsway Park'])} ${r.pick(['Street', 'Road', 'Lane', 'Close', 'Crescent', 'Gardens'])}`,
    cityLine: (r) => `${r.pick(['London', 'Leeds', 'Bristol', 'Cardiff', 'Norwich', 'York'])} ${r.pick(['NW1 6XE', 'LS1 4AP', 'BS8 1TH', 'CF10 3AT', 'NR2 1NT', 'YO1 7HH'])}`,
    phone: (r) => r.pick([`+44 (0)20 ${r.int(7000, 8999)} ${pad(r.int(0, 9999), 4)}`, `07${r.int(100, 999)} ${r.int(100000, 999999)}`, `+44 7${r.int(100, 999)} ${r.int(100000, 999999)}`]),
    numericDate: (d, m, y) => `${pad(d)}/${pad(m)}/${y}`,
    months: 'January February March April May June July August September October November December'.split(' '),
    written: (d, m, y, r) => r.pick([`${d} ${m} ${y}`, `${d}${d === 1 ? 'st' : d === 2 ? 'nd' : d === 3 ? 'rd' : 'th'} of ${m}`, `${d} ${m}`]),
    iban: 'GB',
    hello: 'Hello',
  },
  'de-DE': {
    given: 'Lukas Hannah Jonas Lea Felix Marie Maximilian Johanna Jürgen Ute Torsten Annegret'.split(' '),
    surnames: 'Müller Schmidt Schneider Fischer Weber Becker Hoffmann Schäfer Köhler Wagenknecht Brandstätter Oberländer'.split(' '),
    street: (r) => `${r.pick(['Haupt', 'Bahnhof', 'Linden', 'Goethe', 'Schiller', 'Birken'])}${r.pick(['straße', 'strasse', 'weg', 'allee', 'platz'])} ${r.int(1, 180)}`,
    cityLine: (r) => `${r.int(10000, 99999)} ${r.pick(['Berlin', 'Hamburg', 'Leipzig', 'Freiburg', 'Kassel', 'Bamberg'])}`,
    phone: (r) => r.pick([`+49 30 ${r.int(1000000, 9999999)}`, `0${r.int(151, 179)} ${r.int(1000000, 9999999)}`, `+49 (0)${r.int(30, 89)} ${r.int(100000, 999999)}`]),
    numericDate: (d, m, y) => `${pad(d)}.${pad(m)}.${y}`,
    months: 'Januar Februar März April Mai Juni Juli August September Oktober November Dezember'.split(' '),
    written: (d, m, y, r) => r.pick([`${d}. ${m} ${y}`, `${d}. ${m}`]),
    iban: 'DE',
    hello: 'Hallo',
  },
  'fr-FR': {
    given: 'Camille Louis Chloé Hugo Manon Théo Inès Gaëlle Yannick Solène Baptiste Margaux'.split(' '),
    surnames: 'Martin Bernard Dubois Lefèvre Moreau Girard Fontaine Rousseau Chevalier Lemaire Boucher Delacroix'.split(' '),
    street: (r) => `${r.int(1, 140)} ${r.pick(['rue', 'avenue', 'boulevard', 'place', 'allée'])} ${r.pick(['de la Paix', 'Victor Hugo', 'des Lilas', 'Jean Jaurès', 'du Moulin', 'Pasteur'])}`,
    cityLine: (r) => `${r.int(10000, 95999)} ${r.pick(['Paris', 'Lyon', 'Nantes', 'Rennes', 'Dijon', 'Toulouse'])}`,
    phone: (r) => r.pick([`0${r.int(6, 7)} ${pad(r.int(0, 99))} ${pad(r.int(0, 99))} ${pad(r.int(0, 99))} ${pad(r.int(0, 99))}`, `+33 ${r.int(6, 7)} ${pad(r.int(0, 99))} ${pad(r.int(0, 99))} ${pad(r.int(0, 99))} ${pad(r.int(0, 99))}`]),
    numericDate: (d, m, y) => `${pad(d)}/${pad(m)}/${y}`,
    months: 'janvier février mars avril mai juin juillet août septembre octobre novembre décembre'.split(' '),
    written: (d, m, y, r) => r.pick([`${d} ${m} ${y}`, `${d} ${m}`]),
    iban: 'FR',
    hello: 'Bonjour',
  },
  'es-ES': {
    given: 'Lucía Hugo Martina Mateo Paula Álvaro Nerea Iker Rocío Jordi Itziar Aitor'.split(' '),
    surnames: 'García Fernández González Rodríguez López Martínez Sánchez Pérez Etxeberria Villanueva Carrasco Quintana'.split(' '),
    street: (r) => `${r.pick(['Calle', 'Avenida', 'Paseo', 'Plaza'])} ${r.pick(['Mayor', 'de Alcalá', 'del Prado', 'de la Constitución', 'Gran Vía', 'San Vicente'])} ${r.int(1, 120)}`,
    cityLine: (r) => `${r.int(10000, 52999)} ${r.pick(['Madrid', 'Sevilla', 'Valencia', 'Bilbao', 'Zaragoza', 'Málaga'])}`,
    phone: (r) => r.pick([`${r.int(600, 699)} ${r.int(100, 999)} ${r.int(100, 999)}`, `+34 ${r.int(600, 699)} ${r.int(100, 999)} ${r.int(100, 999)}`]),
    numericDate: (d, m, y) => `${d}/${m}/${y}`,
    months: 'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre'.split(' '),
    written: (d, m, y, r) => r.pick([`${d} de ${m} de ${y}`, `${d} de ${m}`]),
    iban: 'ES',
    hello: 'Hola',
  },
  'it-IT': {
    given: 'Giulia Francesco Sofia Alessandro Aurora Lorenzo Chiara Matteo Ilaria Gianluca Federica Salvatore'.split(' '),
    surnames: 'Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Galli Lombardi Santoro'.split(' '),
    street: (r) => `${r.pick(['Via', 'Viale', 'Piazza', 'Corso'])} ${r.pick(['Roma', 'Garibaldi', 'Giuseppe Verdi', 'della Repubblica', 'Cavour', 'dei Mille'])} ${r.int(1, 200)}`,
    cityLine: (r) => `${pad(r.int(100, 98100), 5)} ${r.pick(['Roma', 'Milano', 'Torino', 'Bologna', 'Firenze', 'Napoli'])}`,
    phone: (r) => r.pick([`${r.int(320, 399)} ${r.int(100, 999)} ${r.int(1000, 9999)}`, `+39 ${r.int(320, 399)} ${r.int(100, 999)} ${r.int(1000, 9999)}`]),
    numericDate: (d, m, y) => `${pad(d)}/${pad(m)}/${y}`,
    months: 'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre'.split(' '),
    written: (d, m, y, r) => r.pick([`${d} ${m} ${y}`, `${d} ${m}`]),
    iban: 'IT',
    hello: 'Ciao',
  },
  'nl-NL': {
    given: 'Daan Emma Sem Julia Lotte Bram Sanne Thijs Femke Joost Anouk Wouter'.split(' '),
    surnames: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'Vermeulen', 'van Dijk'],
    street: (r) => `${r.pick(['Kerk', 'Molen', 'Prinsen', 'Dorps', 'Linden', 'Vondel'])}${r.pick(['straat', 'laan', 'gracht', 'weg', 'plein'])} ${r.int(1, 250)}`,
    cityLine: (r) => `${r.int(1000, 9999)} ${r.pick(['AB', 'GC', 'KL', 'TX', 'PR'])} ${r.pick(['Amsterdam', 'Utrecht', 'Groningen', 'Leiden', 'Delft', 'Tilburg'])}`,
    phone: (r) => r.pick([`06-${r.int(10000000, 99999999)}`, `+31 6 ${r.int(10000000, 99999999)}`, `020 ${r.int(100, 999)} ${r.int(1000, 9999)}`]),
    numericDate: (d, m, y) => `${d}-${m}-${y}`,
    months: 'januari februari maart april mei juni juli augustus september oktober november december'.split(' '),
    written: (d, m, y, r) => r.pick([`${d} ${m} ${y}`, `${d} ${m}`]),
    iban: 'NL',
    hello: 'Hoi',
  },
  'pt-BR': {
    given: 'João Maria Enzo Ana Gustavo Beatriz Thiago Larissa Raimundo Francisca Wellington Jéssica'.split(' '),
    surnames: 'Silva Santos Oliveira Souza Pereira Lima Carvalho Ferreira Araújo Gonçalves Nascimento Cavalcanti'.split(' '),
    street: (r) => `${r.pick(['Rua', 'Avenida', 'Travessa', 'Alameda'])} ${r.pick(['das Flores', 'Paulista', 'São João', 'Sete de Setembro', 'Barão de Itapetininga', 'dos Andradas'])} ${r.int(1, 2500)}`,
    cityLine: (r) => `${r.pick(['São Paulo - SP', 'Recife - PE', 'Curitiba - PR', 'Belém - PA', 'Salvador - BA'])}, ${r.int(10000, 99999)}-${pad(r.int(0, 999), 3)}`,
    phone: (r) => r.pick([`(${r.int(11, 99)}) 9${r.int(1000, 9999)}-${r.int(1000, 9999)}`, `+55 ${r.int(11, 99)} 9${r.int(1000, 9999)}-${r.int(1000, 9999)}`]),
    numericDate: (d, m, y) => `${pad(d)}/${pad(m)}/${y}`,
    months: 'janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro'.split(' '),
    written: (d, m, y, r) => r.pick([`${d} de ${m} de ${y}`, `${d} de ${m}`]),
    iban: 'BR',
    hello: 'Olá',
  },
  'pl-PL': {
    given: 'Zofia Jakub Julia Kacper Maja Szymon Zuzanna Wojciech Agnieszka Grzegorz Małgorzata Przemysław'.split(' '),
    surnames: 'Nowak Kowalski Wiśniewski Wójcik Kamińska Lewandowski Zielińska Szymański Dąbrowska Krawczyk Grabowski Pawłowska'.split(' '),
    street: (r) => `${r.pick(['ul.', 'al.', 'ulica'])} ${r.pick(['Długa', 'Marszałkowska', 'Piotrkowska', 'Kościuszki', 'Mickiewicza', 'Polna'])} ${r.int(1, 150)}`,
    cityLine: (r) => `${pad(r.int(0, 99))}-${pad(r.int(0, 999), 3)} ${r.pick(['Warszawa', 'Kraków', 'Łódź', 'Gdańsk', 'Poznań', 'Lublin'])}`,
    phone: (r) => r.pick([`${r.int(500, 799)} ${r.int(100, 999)} ${r.int(100, 999)}`, `+48 ${r.int(500, 799)} ${r.int(100, 999)} ${r.int(100, 999)}`]),
    numericDate: (d, m, y) => `${pad(d)}.${pad(m)}.${y}`,
    months: 'stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia'.split(' '),
    written: (d, m, y, r) => r.pick([`${d} ${m} ${y}`, `${d} ${m}`]),
    iban: 'PL',
    hello: 'Dzień dobry',
  },
  'sv-SE': {
    given: 'Elsa Oscar Astrid William Saga Hugo Ebba Viggo Linnea Björn Ingrid Gustav'.split(' '),
    surnames: 'Andersson Johansson Karlsson Nilsson Eriksson Larsson Lindqvist Bergström Sjöberg Holmberg Åkesson Lundgren'.split(' '),
    street: (r) => `${r.pick(['Stor', 'Kyrko', 'Drottning', 'Skol', 'Järnvägs', 'Strand'])}${r.pick(['gatan', 'vägen'])} ${r.int(1, 90)}`,
    cityLine: (r) => `${r.int(100, 989)} ${pad(r.int(10, 99))} ${r.pick(['Stockholm', 'Göteborg', 'Malmö', 'Uppsala', 'Umeå', 'Lund'])}`,
    phone: (r) => r.pick([`07${r.int(0, 9)}-${r.int(100, 999)} ${pad(r.int(0, 99))} ${pad(r.int(0, 99))}`, `+46 7${r.int(0, 9)} ${r.int(100, 999)} ${pad(r.int(0, 99))} ${pad(r.int(0, 99))}`]),
    numericDate: (d, m, y) => `${y}-${pad(m)}-${pad(d)}`,
    months: 'januari februari mars april maj juni juli augusti september oktober november december'.split(' '),
    written: (d, m, y, r) => r.pick([`${d} ${m} ${y}`, `${d} ${m}`]),
    iban: 'SE',
    hello: 'Hej',
  },
  'tr-TR': {
    given: 'Elif Mehmet Zeynep Mustafa Ayşe Emre Fatma Burak Ebru Kemal Özlem Serkan'.split(' '),
    surnames: 'Yılmaz Kaya Demir Şahin Çelik Yıldız Öztürk Aydın Arslan Doğan Kılıç Korkmaz'.split(' '),
    street: (r) => `${r.pick(['Atatürk', 'İstiklal', 'Cumhuriyet', 'Bağdat', 'Gazi', 'İnönü'])} ${r.pick(['Caddesi', 'Sokak', 'Bulvarı'])} No: ${r.int(1, 300)}`,
    cityLine: (r) => `${r.int(1000, 81999)} ${r.pick(['İstanbul', 'Ankara', 'İzmir', 'Bursa', 'Antalya', 'Konya'])}`,
    phone: (r) => r.pick([`0${r.int(501, 559)} ${r.int(100, 999)} ${pad(r.int(0, 99))} ${pad(r.int(0, 99))}`, `+90 ${r.int(501, 559)} ${r.int(100, 999)} ${pad(r.int(0, 99))} ${pad(r.int(0, 99))}`]),
    numericDate: (d, m, y) => `${pad(d)}.${pad(m)}.${y}`,
    months: 'Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık'.split(' '),
    written: (d, m, y, r) => r.pick([`${d} ${m} ${y}`, `${d} ${m}`]),
    iban: 'TR',
    hello: 'Merhaba',
  },
  'cs-CZ': {
    given: 'Jakub Tereza Jan Eliška Tomáš Kateřina Vojtěch Lucie Jiří Zdeňka Ondřej Markéta'.split(' '),
    surnames: 'Novák Svobodová Novotný Dvořáková Černý Procházková Kučera Veselá Horák Němcová Pokorný Marešová'.split(' '),
    street: (r) => `${r.pick(['Národní', 'Vinohradská', 'Masarykova', 'Husova', 'Palackého', 'Dlouhá'])} ${r.int(1, 150)}`,
    cityLine: (r) => `${r.int(100, 799)} ${pad(r.int(0, 99))} ${r.pick(['Praha', 'Brno', 'Ostrava', 'Plzeň', 'Olomouc', 'Liberec'])}`,
    phone: (r) => r.pick([`${r.int(601, 799)} ${r.int(100, 999)} ${r.int(100, 999)}`, `+420 ${r.int(601, 799)} ${r.int(100, 999)} ${r.int(100, 999)}`]),
    numericDate: (d, m, y) => `${d}. ${m}. ${y}`,
    months: 'ledna února března dubna května června července srpna září října listopadu prosince'.split(' '),
    written: (d, m, y, r) => r.pick([`${d}. ${m} ${y}`, `${d}. ${m}`]),
    iban: 'CZ',
    hello: 'Dobrý den',
  },
};

const IBAN_LENGTHS = { GB: 22, DE: 22, FR: 27, ES: 24, IT: 27, NL: 18, BR: 29, PL: 28, SE: 24, TR: 26, CZ: 24 };

function ibanFor(country, r) {
  const length = IBAN_LENGTHS[country];
  let bban = '';
  const letters = country === 'GB' ? 4 : country === 'NL' ? 4 : country === 'IT' ? 1 : 0;
  for (let i = 0; i < length - 4; i++) bban += i < letters ? String.fromCharCode(65 + r.int(0, 25)) : String(r.int(0, 9));
  const numeric = (bban + country + '00').replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rem = 0;
  for (const ch of numeric) rem = (rem * 10 + Number(ch)) % 97;
  const iban = country + pad(98 - rem) + bban;
  return r.next() < 0.6 ? iban.replace(/(.{4})/g, '$1 ').trim() : iban;
}

function luhnComplete(prefix, length, r) {
  let body = prefix;
  while (body.length < length - 1) body += String(r.int(0, 9));
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

function card(r) {
  const [prefix, length] = r.pick([['4', 16], ['51', 16], ['2221', 16], ['37', 15], ['6011', 16], ['5018', 12], ['6759', 19], ['4', 19]]);
  const digits = luhnComplete(prefix, length, r);
  if (length === 15 && r.next() < 0.5) return `${digits.slice(0, 4)} ${digits.slice(4, 10)} ${digits.slice(10)}`;
  const sep = r.pick(['', ' ', '-']);
  return sep === '' || length % 4 !== 0 ? digits : digits.replace(/(\d{4})(?=\d)/g, `$1${sep}`);
}

// Message templates. {person} full name, {first} given name, {address} street + city line,
// {street} street alone, {date}, {phone}, {email}, {card}, {iban}. `\n` marks line breaks.
const TEMPLATES = [
  '{hello}, my name is {person} and I moved to {address}. Please update my account.',
  'Dear {first}, your appointment is confirmed for {date}.',
  '{person} (born {date}) called from {phone} about the invoice.',
  'Please send the replacement card to {person}, {address}.',
  'Customer: {person}\nEmail: {email}\nPhone: {phone}\nAddress: {address}',
  'I paid with card {card} on {date}, can you refund it?',
  'My IBAN is {iban}, account holder {person}.',
  'Thanks for the quick help!\nRegards,\n{person}',
  'Can {first} pick up the parcel at {street} on {date}?',
  'Spoke with {person} about the delivery on {date}; the address is {address}.',
  'my number is {phone}, ask for {first}',
  'The patient {person}, date of birth {date}, lives at {street}.',
  'hi, this is {first} {surnameLower}, my card {card} was charged twice',
  '{hello} {first}, we received your request of {date}. Reply to {email} if anything is missing.',
  'Booking for {person} and {person2}, arriving {date}, billing address {address}.',
];

const NEGATIVES = [
  (r) => `Order #${r.int(100000, 999999)}-${r.int(10, 99)} has shipped.`,
  (r) => `Your order number is ${r.int(1e9, 9e9)}${r.int(0, 9)}.`,
  (r) => `Tracking number 1Z${r.int(100, 999)}AA${r.int(1e9, 9e9)}${r.int(0, 9)}, carrier UPS.`,
  (r) => `Tracking: ${r.int(9400, 9499)} ${r.int(1000, 9999)} ${r.int(1000, 9999)} ${r.int(1000, 9999)} ${r.int(1000, 9999)} ${pad(r.int(0, 99))}`,
  (r) => { const d = []; for (let i = 0; i < 12; i++) d.push(r.int(0, 9)); const s = d.reduce((a, x, i) => a + x * (i % 2 ? 3 : 1), 0); return `Barcode (EAN-13) ${d.join('')}${(10 - (s % 10)) % 10} on the box.`; },
  (r) => `event ts=${r.int(1600000000000, 1800000000000)} level=info msg="sync done"`,
  (r) => `Upgraded the app to v${r.int(1, 20)}.${r.int(0, 40)}.${r.int(0, 99)} and the agent to ${r.int(1, 9)}.${r.int(0, 12)}.${r.int(0, 30)}.${r.int(0, 9999)}.`,
  (r) => `Request id ${[8, 4, 4, 4, 12].map((n) => Array.from({ length: n }, () => '0123456789abcdef'[r.int(0, 15)]).join('')).join('-')} failed with 502.`,
  (r) => `The Premium plan costs €${r.int(10, 2999)}.${pad(r.int(0, 99))} per year, or $${r.int(1, 99)}.99 a month.`,
  (r) => `SKU ${r.pick(['AB', 'KX', 'TQ'])}-${r.int(1000, 9999)}-${r.pick(['XL', 'M', 'S'])} is back in stock; ${r.int(2, 40)} units left.`,
  (r) => `Invoice INV-${r.int(2019, 2026)}-${pad(r.int(1, 99999), 5)} is due in ${r.int(7, 60)} days.`,
  (r) => `Build ${r.int(10000, 99999)}.${r.int(100, 999)} passed ${r.int(100, 5000)} tests in ${r.int(1, 59)}m ${r.int(1, 59)}s.`,
  (r) => `Ticket SUP-${r.int(1000, 99999)} was merged into SUP-${r.int(1000, 99999)}.`,
  (r) => `Set the timeout to ${r.int(100, 90000)} ms and retry ${r.int(1, 9)} times.`,
  (r) => `Reference ${r.int(1e9, 9e9)}${r.int(1e9, 9e9)}${r.int(10, 99)} was settled at 14:${pad(r.int(0, 59))}.`,
  (r) => `Gift card balance: ${r.int(5, 500)} points, expires in ${r.int(2, 12)} months.`,
  (r) => `The ${r.pick(['Apple Pay', 'Google Wallet', 'Premium Support', 'Team Edition', 'Chrome', 'Windows Update'])} ${r.pick(['integration', 'release', 'rollout'])} ${r.int(2, 9)}.${r.int(0, 9)} is live.`,
];

/**
 * Builds the set. Each record is `{ locale, text, spans: [{ type, start, end }] }`; negatives are
 * `{ text, spans: [] }`. Types: person, address, date, phone, email, credit_card, iban.
 */
export function localeSet({ seed = 7, perLocale = 200, negatives = 2400 } = {}) {
  const next = rng(seed);
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
  };
  const records = [];
  for (const [locale, L] of Object.entries(LOCALES)) {
    for (let k = 0; k < perLocale; k++) {
      const template = r.pick(TEMPLATES);
      const first = r.pick(L.given);
      const surname = r.pick(L.surnames);
      const d = r.int(1, 28);
      const m = r.int(1, 12);
      const y = r.int(1940, 2026);
      const values = {
        hello: [L.hello, undefined],
        first: [first, 'person'],
        person: [`${first} ${surname}`, 'person'],
        person2: [`${r.pick(L.given)} ${r.pick(L.surnames)}`, 'person'],
        surnameLower: [surname.toLowerCase(), 'person'],
        street: [L.street(r), 'address'],
        address: [`${L.street(r)}, ${L.cityLine(r)}`, 'address'],
        date: [r.next() < 0.5 ? L.numericDate(d, m, y) : L.written(d, L.months[m - 1], y, r), 'date'],
        phone: [L.phone(r), 'phone'],
        email: [`${first.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '')}.${r.int(1, 99)}@example.${r.pick(['com', 'org', 'net'])}`, 'email'],
        card: [card(r), 'credit_card'],
        iban: [ibanFor(L.iban ?? r.pick(['DE', 'FR', 'NL']), r), 'iban'],
      };
      let text = '';
      const spans = [];
      for (const part of template.split(/(\{\w+\})/)) {
        const slot = /^\{(\w+)\}$/.exec(part);
        if (slot === null) {
          text += part;
          continue;
        }
        const [value, type] = values[slot[1]];
        // "{first} {surnameLower}" is one name: widen the previous person span.
        const prev = spans[spans.length - 1];
        if (slot[1] === 'surnameLower' && prev?.end === text.length - 1) {
          text += value;
          prev.end = text.length;
          continue;
        }
        if (type !== undefined) spans.push({ type, start: text.length, end: text.length + value.length });
        text += value;
      }
      // Chat messages are often typed in lowercase.
      if (r.next() < 0.1) text = text.toLowerCase();
      records.push({ locale, text, spans });
    }
  }
  const negs = [];
  for (let k = 0; k < negatives; k++) negs.push({ locale: 'negative', text: r.pick(NEGATIVES)(r), spans: [] });
  // The texts are built piece by piece with `+=` and template strings, which V8 keeps as ropes
  // (cons strings): every character read from one goes through the rope's pieces, about 20–40
  // instructions more per `charCodeAt` (pii44 in docs/pii.md). The texts the detector meets are
  // flat: a prompt log's lines and a trace's attributes are parsed from JSON, and the Presidio
  // records beside this set come from JSON.parse too. So the set goes through JSON once, as it
  // would when read from a JSONL file; the values are unchanged.
  return JSON.parse(JSON.stringify({ records, negatives: negs }));
}

/** Every name the generator uses, to measure how many the detector's bundled lists hold. */
export function generatorNames() {
  const given = new Set();
  const surnames = new Set();
  for (const L of Object.values(LOCALES)) {
    for (const g of L.given) given.add(g);
    for (const s of L.surnames) surnames.add(s);
  }
  return { given: [...given], surnames: [...surnames] };
}

/**
 * The speed benchmarks' number-heavy lines: the hard negatives and the records with four digits
 * in a row of the set with seed 11 (support and log lines dense with order and tracking numbers,
 * timestamps, versions, prices, phones and cards).
 */
export function numberHeavyLines() {
  const fresh = localeSet({ seed: 11, perLocale: 100, negatives: 1200 });
  return [...fresh.negatives, ...fresh.records.filter((r) => /\d{4}/.test(r.text))].map((r) => r.text);
}

/**
 * A long text that does not repeat: the records of the sets with seeds 100, 101, … (no hard
 * negatives) joined by newlines until it holds `chars` characters. The throughput benchmark's long
 * text repeats the 2,109 Presidio records about 23 times, so a call over the whole of it finds its
 * name-table lookups in the cache again every 180 K characters; a stream of real prompts does not
 * repeat like that, and smaller windows over it lose that reuse (docs/pii.md, "The streaming ratio
 * on a faster machine").
 */
export function distinctText(chars = 4e6) {
  const parts = [];
  let length = 0;
  for (let seed = 100; length < chars; seed++) {
    for (const r of localeSet({ seed, perLocale: 200, negatives: 0 }).records) {
      parts.push(r.text);
      length += r.text.length + 1;
      if (length >= chars) break;
    }
  }
  return parts.join('\n');
}
