// `observables`: the values an analyst pivots on, each named by the column it comes from, as in Security
// Lake's rows. OCSF 1.1.0 observable type ids.

export interface Observable {
  readonly name: string;
  readonly type: string;
  readonly type_id: number;
  readonly value: string;
}

export const HOSTNAME = [1, 'Hostname'] as const;
export const IP_ADDRESS = [2, 'IP Address'] as const;
export const USER_NAME = [4, 'User Name'] as const;
export const URL_STRING = [6, 'URL String'] as const;
export const RESOURCE_UID = [10, 'Resource UID'] as const;

type ObservableType = readonly [typeId: number, type: string];

/** Collects observables, leaving out absent values; `list()` is undefined when none was added. */
export class Observables {
  private readonly items: Observable[] = [];

  add(name: string, [type_id, type]: ObservableType, value: string | undefined): this {
    if (value !== undefined && value !== '') this.items.push({ name, type, type_id, value });
    return this;
  }

  list(): Observable[] | undefined {
    return this.items.length > 0 ? this.items : undefined;
  }
}
