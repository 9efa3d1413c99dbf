// A GuardDuty finding comes in two spellings of one model: camelCase as EventBridge and the GuardDuty API
// write it (`service.action.awsApiCallAction`), PascalCase as the AWS CLI prints it (`Service.Action.
// AwsApiCallAction`). Both are read as camelCase, so the two give the same ASFF finding and the same row.

export type NativeObject = Readonly<Record<string, unknown>>;

export function asObject(value: unknown): NativeObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as NativeObject) : undefined;
}

/**
 * The finding with every field name in camelCase. Only a name whose second letter is lower case (or a
 * digit) is a PascalCase field name: data keys such as `AWS::IAM::Role` in `affectedResources` stay as written.
 */
export function camelCaseFinding(finding: NativeObject): NativeObject {
  return camelCaseKeys(finding) as NativeObject;
}

function camelCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCaseKeys);
  const object = asObject(value);
  if (object === undefined) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(object)) out[camelCaseName(key)] = camelCaseKeys(child);
  return out;
}

function camelCaseName(key: string): string {
  const second = key.charAt(1);
  if (second === '' || second !== second.toLowerCase()) return key;
  return key.charAt(0).toLowerCase() + key.slice(1);
}

/** Typed reads of the camelCase finding, never throwing on odd input. */
export class NativeReader {
  constructor(private readonly node: NativeObject) {}

  /** A non-empty string, or a number or boolean as text. */
  text(...keys: string[]): string | undefined {
    const value = this.peek(keys);
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return typeof value === 'string' && value !== '' ? value : undefined;
  }

  number(...keys: string[]): number | undefined {
    const value = this.peek(keys);
    const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
    return Number.isFinite(number) && value !== '' ? number : undefined;
  }

  object(...keys: string[]): NativeReader | undefined {
    const object = asObject(this.peek(keys));
    return object === undefined ? undefined : new NativeReader(object);
  }

  /** The object elements of the array under `keys`. */
  objects(...keys: string[]): NativeReader[] {
    const value = this.peek(keys);
    if (!Array.isArray(value)) return [];
    return value.flatMap((item) => {
      const object = asObject(item);
      return object === undefined ? [] : [new NativeReader(object)];
    });
  }

  raw(...keys: string[]): unknown {
    return this.peek(keys);
  }

  private peek(keys: readonly string[]): unknown {
    let value: unknown = this.node;
    for (const key of keys) value = asObject(value)?.[key];
    return value;
  }
}
