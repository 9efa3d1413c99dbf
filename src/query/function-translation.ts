// What a translation of one Trino function is, and the helpers the function families share.

export interface FunctionTranslation {
  /** The argument counts Athena accepts. */
  readonly arity: readonly number[];
  readonly render: (args: readonly string[]) => string;
}

export function renamed(duckdbName: string, ...arity: number[]): FunctionTranslation {
  return { arity, render: (args) => `${duckdbName}(${args.join(', ')})` };
}

/** The text of a string literal argument, for functions whose argument picks the SQL to write (a unit, a pattern). */
export function literalArgument(functionName: string, arg: string | undefined): string {
  const match = /^'((?:[^']|'')*)'$/.exec(arg ?? '');
  if (match === null) {
    throw new TranslationError(`${functionName}: this argument must be a string literal, not ${arg}`);
  }
  return (match[1] ?? '').replaceAll("''", "'");
}

/** Thrown by a translation; the dialect adds the position of the call. */
export class TranslationError extends Error {}
