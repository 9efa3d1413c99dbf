// Typed reads of an ASFF finding that never throw on odd input. A read that lands in a column records the
// raw path it came from (`Resources[].Id`, `ProductFields.aws/guardduty/service/count`), so that `unmapped`
// gets exactly the fields no column took; a value of the wrong kind is not taken and stays in `unmapped`.

import { type AsffInstant, parseAsffTime } from './asff-time.ts';

export type AsffRecord = Readonly<Record<string, unknown>>;

export function asRecord(value: unknown): AsffRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as AsffRecord) : undefined;
}

export class AsffReader {
  private constructor(
    private readonly node: unknown,
    private readonly path: string,
    private readonly consumed: Set<string>,
  ) {}

  static of(finding: unknown): AsffReader {
    return new AsffReader(finding, '', new Set());
  }

  /** The raw paths taken so far, for `flattenUnmapped`. */
  get consumedPaths(): ReadonlySet<string> {
    return this.consumed;
  }

  /** The same node read without recording anything: for values a column holds only in part. */
  detached(): AsffReader {
    return new AsffReader(this.node, this.path, new Set());
  }

  /** The raw value under `keys`, not recorded as taken. ProductFields keys hold `/`, so keys are never split. */
  peek(...keys: string[]): unknown {
    let value = this.node;
    for (const key of keys) value = asRecord(value)?.[key];
    return value;
  }

  at(...keys: string[]): AsffReader {
    return new AsffReader(this.peek(...keys), this.pathOf(keys), this.consumed);
  }

  /** The object elements of the array under `keys`; their fields are recorded below `path[]`. */
  items(...keys: string[]): AsffReader[] {
    const value = this.peek(...keys);
    if (!Array.isArray(value)) return [];
    const path = `${this.pathOf(keys)}[]`;
    return value
      .filter((item) => asRecord(item) !== undefined)
      .map((item) => new AsffReader(item, path, this.consumed));
  }

  take(...keys: string[]): void {
    this.consumed.add(this.pathOf(keys));
  }

  /** A string (or a number or boolean, as text). An empty string is taken but gives no value. */
  text(...keys: string[]): string | undefined {
    const value = this.peek(...keys);
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
    this.take(...keys);
    const text = String(value);
    return text === '' ? undefined : text;
  }

  /** A number, or a string holding one: ProductFields write every number as a string. */
  decimal(...keys: string[]): number | undefined {
    const value = this.peek(...keys);
    const number =
      typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (!Number.isFinite(number)) return undefined;
    this.take(...keys);
    return number;
  }

  /** A whole number that fits the 32-bit `int` columns. */
  integer(...keys: string[]): number | undefined {
    const number = this.detached().decimal(...keys);
    if (number === undefined || !Number.isInteger(number) || Math.abs(number) > 2 ** 31 - 1) return undefined;
    this.take(...keys);
    return number;
  }

  time(...keys: string[]): AsffInstant | undefined {
    const instant = parseAsffTime(this.peek(...keys));
    if (instant !== undefined) this.take(...keys);
    return instant;
  }

  /** An array of strings; elements of other kinds are left out. An empty array is taken but gives no value. */
  texts(...keys: string[]): string[] | undefined {
    const value = this.peek(...keys);
    if (!Array.isArray(value)) return undefined;
    this.take(...keys);
    const texts = value.filter((item): item is string => typeof item === 'string' && item !== '');
    return texts.length > 0 ? texts : undefined;
  }

  /** An object as JSON text, the way Security Lake stores `Details` in a string column. */
  json(...keys: string[]): string | undefined {
    const record = asRecord(this.peek(...keys));
    if (record === undefined) return undefined;
    this.take(...keys);
    return Object.keys(record).length > 0 ? JSON.stringify(record) : undefined;
  }

  private pathOf(keys: readonly string[]): string {
    return [this.path, ...keys].filter((part) => part !== '').join('.');
  }
}
