// "Did you mean": the known name nearest to a misspelt one, for commands, options, tables, columns and fields.

/** The candidate within a small edit distance of `given` (case-insensitive), or undefined when none is close. */
export function closestName(given: string, candidates: Iterable<string>): string | undefined {
  const wanted = given.toLowerCase();
  // Short names tolerate one edit, longer ones a third of their length, so `qeury` finds `query` but `ls` finds nothing.
  const limit = Math.max(1, Math.min(3, Math.floor(wanted.length / 3)));
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(wanted, name.toLowerCase());
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** `; did you mean X?` when a close name exists, else nothing: appended to "unknown …" messages. */
export function didYouMean(given: string, candidates: Iterable<string>, show = (name: string) => name): string {
  const closest = closestName(given, candidates);
  return closest === undefined ? '' : `; did you mean ${show(closest)}?`;
}

/** Damerau–Levenshtein (optimal string alignment): a swap of two neighbours counts as one edit. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i] as number[];
      const above = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}
