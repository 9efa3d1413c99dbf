// Lines and space-separated words of a text log (VPC flow logs), read with indexOf and charCodeAt: no
// regular expression and no array of every line of a large file.

/** The first line at or after `start`, without its line break. */
export function lineAt(text: string, start: number): string {
  const newline = text.indexOf('\n', start);
  const stop = newline === -1 ? text.length : newline;
  return text.slice(start, stop > start && text.charCodeAt(stop - 1) === 0x0d ? stop - 1 : stop);
}

/** Hands over each line that is not blank, with its 1-based number in the file; CRLF endings are taken too. */
export function forEachLine(text: string, handle: (line: string, number: number) => void): void {
  let number = 0;
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const stop = newline === -1 ? text.length : newline;
    const end = stop > start && text.charCodeAt(stop - 1) === 0x0d ? stop - 1 : stop;
    number++;
    if (hasWord(text, start, end)) handle(text.slice(start, end), number);
    start = stop + 1;
  }
}

/** The words of a line, split on runs of spaces and tabs: a doubled or trailing space makes no empty word. */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= line.length; i++) {
    const blank = i === line.length || isBlank(line.charCodeAt(i));
    if (blank && start !== -1) {
      words.push(line.slice(start, i));
      start = -1;
    } else if (!blank && start === -1) {
      start = i;
    }
  }
  return words;
}

function hasWord(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isBlank(text.charCodeAt(i))) return true;
  return false;
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09;
}
