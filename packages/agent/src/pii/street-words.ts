/**
 * Street words after the name ("12 Main Street", "8 wressle road"), lowercase. The address
 * detector matches them case-insensitively; the text scan ({@link scanText}) looks for them to
 * know whether a street can follow a house number at all.
 */
export const STREET_SUFFIXES: readonly string[] =
  'street st road rd avenue ave av lane ln drive dr boulevard blvd way court ct place pl square sq terrace parkway pkwy highway hwy circle cir crescent close row walk alley trail grove gardens mews hill park'.split(' ');

/** Street words before the name ("Rue de la Paix 3", "ul. Długa 5", "Via Roma 12"), lowercase. */
export const STREET_PREFIXES: readonly string[] =
  'rue rua via viale vicolo piazza piazzale corso largo calle avenida avda av carrer carretera camino paseo plaza praça praca travessa estrada alameda ulica ul aleja al chemin allée allee boulevard bd place impasse quai route strada calea str náměstí námestie trg ulitsa cesta utca út'.split(' ');

/** Words before a house number that make it an address ("address: 92 …"). */
export const ADDRESS_WORDS: readonly string[] = ['address', 'adresse', 'anschrift', 'dirección', 'direccion', 'indirizzo', 'endereço', 'adres', 'adress', 'osoite'];

/** Two words before a house number that make it an address ("lives at 87 …"). */
export const ADDRESS_PAIRS: readonly string[] = [
  'lives at', 'live at', 'living at', 'lives on', 'live on', 'moved to', 'ship to', 'shipped to', 'send to', 'sent to',
  'deliver to', 'delivered to', 'located at', 'resides at', 'address is', 'address to', 'address with', 'it to', 'them to',
  'wohnt in', 'habite au', 'vive en', 'mora na', 'woont op', 'woont aan', 'mieszka przy',
];

/** Words before a postcode ("ZIP 94107", "PLZ 10115"). */
export const POSTCODE_WORDS: readonly string[] = ['zip', 'zipcode', 'postcode', 'code', 'plz', 'cap', 'cep', 'postnummer', 'postinumero', 'psč', 'postleitzahl'];
