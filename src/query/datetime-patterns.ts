// Date and time format patterns → DuckDB's strftime/strptime patterns: Trino's `date_format` takes MySQL
// specifiers (`%i` is minutes), `format_datetime`/`parse_datetime` take Joda-Time patterns (`yyyy-MM-dd`).

import { TranslationError } from './function-translation.ts';

const MYSQL_SPECIFIERS: Readonly<Record<string, string>> = {
  a: '%a',
  b: '%b',
  c: '%-m',
  d: '%d',
  e: '%-d',
  f: '%f',
  H: '%H',
  h: '%I',
  I: '%I',
  i: '%M',
  j: '%j',
  k: '%-H',
  l: '%-I',
  M: '%B',
  m: '%m',
  p: '%p',
  r: '%I:%M:%S %p',
  S: '%S',
  s: '%S',
  T: '%H:%M:%S',
  W: '%A',
  w: '%w',
  Y: '%Y',
  y: '%y',
  '%': '%%',
};

export function mysqlToStrftime(pattern: string): string {
  return pattern.replace(/%(.)|%$/g, (whole, specifier: string | undefined) => {
    const converted = specifier === undefined ? undefined : MYSQL_SPECIFIERS[specifier];
    if (converted === undefined) throw new TranslationError(`date_format: '${whole}' is not supported`);
    return converted;
  });
}

/** Joda letters by run length; the longest length not above the run's applies. */
const JODA_FIELDS: Readonly<Record<string, readonly (readonly [number, string])[]>> = {
  y: [
    [1, '%Y'],
    [2, '%y'],
    [3, '%Y'],
  ],
  M: [
    [1, '%-m'],
    [2, '%m'],
    [3, '%b'],
    [4, '%B'],
  ],
  d: [
    [1, '%-d'],
    [2, '%d'],
  ],
  D: [[1, '%j']],
  H: [
    [1, '%-H'],
    [2, '%H'],
  ],
  h: [
    [1, '%-I'],
    [2, '%I'],
  ],
  m: [
    [1, '%-M'],
    [2, '%M'],
  ],
  s: [
    [1, '%-S'],
    [2, '%S'],
  ],
  S: [
    [3, '%g'],
    [6, '%f'],
  ],
  a: [[1, '%p']],
  E: [
    [1, '%a'],
    [4, '%A'],
  ],
  Z: [[1, '%z']],
  z: [[1, '%Z']],
};

export function jodaToStrftime(pattern: string): string {
  return pattern.replace(
    /'([^']*)'|([A-Za-z])\2*|%/g,
    (whole, quoted: string | undefined, letter: string | undefined) => {
      if (quoted !== undefined) return quoted === '' ? "'" : quoted.replaceAll('%', '%%');
      if (letter === undefined) return '%%';
      const field = JODA_FIELDS[letter]?.filter(([length]) => length <= whole.length).at(-1);
      if (field === undefined) throw new TranslationError(`Joda pattern letter '${whole}' is not supported`);
      return field[1];
    },
  );
}
