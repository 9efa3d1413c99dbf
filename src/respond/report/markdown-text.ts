// Markdown building blocks for the reports: tables whose cells cannot break the table, and code spans.

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (text: string) => text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/\r?\n/g, ' ');
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

/**
 * Text from the logs (a principal's name, a target) kept on one line: a newline in a forged user name would
 * otherwise end a heading or a list item and start Markdown of the attacker's choosing.
 */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\v\f\u0085\u2028\u2029]+/g, ' ');
}

export function code(raw: string): string {
  const text = oneLine(raw);
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/**
 * A heading's text: on one line, with the characters that would make Markdown of it (emphasis, links, HTML,
 * code, a closing `#` run, a table pipe) escaped, so a forged name reads in a heading as it was written.
 */
export function headingText(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>#|~!]/g, '\\$&');
}

export function section(title: string, body: string): string {
  return `## ${headingText(title)}\n\n${body.trim()}\n`;
}
