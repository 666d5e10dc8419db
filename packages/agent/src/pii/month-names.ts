/**
 * Month names and common abbreviations in English, German, French, Spanish, Italian, Dutch,
 * Portuguese, Polish (genitive), Swedish, Danish/Norwegian, Finnish (partitive), Czech (genitive)
 * and Turkish, lowercased, each mapped to its month number. Words that are also everyday English
 * words ("ago", "mart") are left out; "may" and "mars" count only next to a day or a year.
 */
const NAMES: ReadonlyArray<readonly [number, string]> = [
  [1, 'january jan jänner januar janvier janv enero ene gennaio gen januari janeiro stycznia styczeń tammikuuta ledna leden ocak'],
  [2, 'february feb februar février févr fevrier febrero febbraio februari fevereiro fev lutego luty helmikuuta února únor şubat subat'],
  [3, 'march mar märz maerz mär mars marzo maart março marca marzec maaliskuuta března březen marts'],
  [4, 'april apr avril avr abril abr aprile aprilie kwietnia kwiecień huhtikuuta dubna duben nisan'],
  [5, 'may mai maj mayo maggio mei maio maja toukokuuta května květen mayıs'],
  [6, 'june jun juni juin junio giugno giu junho czerwca czerwiec kesäkuuta června červen haziran'],
  [7, 'july jul juli juillet juil julio luglio lug julho lipca lipiec heinäkuuta července červenec temmuz'],
  [8, 'august aug août aout agosto ago augustus augusti sierpnia sierpień elokuuta srpna srpen ağustos'],
  [9, 'september sep sept septembre septiembre settembre set setembro września wrzesień syyskuuta září eylül'],
  [10, 'october oct oktober okt octobre octubre ottobre ott outubro out października październik lokakuuta října říjen ekim'],
  [11, 'november nov novembre noviembre novembro listopada listopad marraskuuta listopadu kasım'],
  [12, 'december dec dezember dez décembre decembre diciembre dic dicembre dezembro grudnia grudzień joulukuuta prosince prosinec desember aralık'],
];

/** Lowercased month word → month number (1–12). */
export const MONTH_NUMBER: ReadonlyMap<string, number> = new Map(
  NAMES.flatMap(([n, words]) => words.split(' ').filter((w) => w !== 'ago' && w !== 'set' && w !== 'out').map((w) => [w, n] as const)),
);

/** English weekday names (a weekday after "on", "meet", "next"… is an appointment date). */
export const WEEKDAYS: ReadonlySet<string> = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
]);
