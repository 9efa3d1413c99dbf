// Security Lake keeps every raw field that no OCSF column took in `unmapped`, a map<string,string> keyed by
// the field's dotted path, with `[]` for each array level (`FindingProviderFields.Types[]`).

/**
 * One raw path in the tree of the paths seen so far. The walk of a record goes from node to node by key, so a
 * path's text is built and hashed once per worker rather than once per record: building and hashing the
 * paths was most of the walk's cost, and the walk the largest function of the CloudTrail mapping.
 */
class PathNode {
  /** The record (`ConsumedPaths` generation) in which a mapping last consumed this path. */
  consumedIn = -1;
  /** The flattening in which a value was last collected under this path, and at which index. */
  collectedIn = -1;
  slot = 0;
  readonly children = new Map<string, PathNode>();
  items: PathNode | undefined;

  constructor(
    readonly path: string,
    /** Whether the tree keeps the node: past its size cap new paths get nodes that live for one walk. */
    readonly kept: boolean,
  ) {}
}

/** Far more paths than AWS's logs have; the cap only bounds a worker's memory against forged keys. */
const MAX_KEPT_PATHS = 50_000;

/**
 * The paths one record's mapping consumed, reused from record to record: `reset` starts a new record
 * without clearing, so the hot path neither rehashes nor reallocates a set per record.
 */
export class ConsumedPaths {
  private readonly nodes = new Map<string, PathNode>();
  private readonly roots = new Map<string, PathNode>();
  /** This record's consumed paths that the full tree could not keep. */
  private readonly unkept = new Set<string>();
  private generation = 0;

  reset(): void {
    this.generation++;
    if (this.unkept.size > 0) this.unkept.clear();
  }

  add(path: string): void {
    const node = this.nodes.get(path) ?? this.node(path);
    if (node.kept) node.consumedIn = this.generation;
    else this.unkept.add(path);
  }

  has(path: string): boolean {
    return this.nodes.get(path)?.consumedIn === this.generation || this.unkept.has(path);
  }

  isConsumed(node: PathNode): boolean {
    return node.consumedIn === this.generation;
  }

  /** The node of `key` below `parent` (a top-level key without one). */
  child(parent: PathNode | undefined, key: string): PathNode {
    const children = parent === undefined ? this.roots : parent.children;
    let node = children.get(key);
    if (node === undefined) {
      node = this.node(parent === undefined ? key : `${parent.path}.${key}`);
      if (node.kept) children.set(key, node);
    }
    return node;
  }

  /** The node of the array items below `parent`. */
  items(parent: PathNode): PathNode {
    let node = parent.items;
    if (node === undefined) {
      node = this.node(`${parent.path}[]`);
      if (node.kept) parent.items = node;
    }
    return node;
  }

  /** Another key can spell the same path (`a.b` at the top, `b` below `a`): one node per path keeps them one. */
  private node(path: string): PathNode {
    let node = this.nodes.get(path);
    if (node === undefined) {
      node = new PathNode(path, this.nodes.size < MAX_KEPT_PATHS);
      if (node.kept) this.nodes.set(path, node);
      else if (this.unkept.has(path)) node.consumedIn = this.generation;
    }
    return node;
  }
}

/** The raw paths a mapping consumed: its `ConsumedPaths`, or a set of them. */
export type MappedPaths = ConsumedPaths | ReadonlySet<string>;

/** Mappings that collect a set of paths (ASFF's reader) walk with this tree, loaded with the set. */
const fromSets = new ConsumedPaths();

/**
 * Flattens `raw` into dotted paths, leaving out every path in `mapped` and everything below it.
 * Values become strings (`true`, `60`); an object or array that is empty is kept as `{}` / `[]` so that
 * nothing in the raw record is lost. A path that collects several values (an array) gets them joined with
 * commas, as Security Lake writes them (`NVD,NVD`); one value stays as it is.
 */
export function flattenUnmapped(
  raw: Readonly<Record<string, unknown>>,
  mapped: MappedPaths,
): Record<string, string> | undefined {
  let paths: ConsumedPaths;
  if (mapped instanceof ConsumedPaths) paths = mapped;
  else {
    paths = fromSets;
    paths.reset();
    for (const path of mapped) paths.add(path);
  }
  const flat = new Flattened();
  for (const key in raw) walk(raw[key], paths.child(undefined, key), paths, flat);
  return flat.result();
}

let flattenings = 0;

/** Collects values by path node, in the order their paths first appear. */
class Flattened {
  private readonly id = ++flattenings;
  private readonly nodes: PathNode[] = [];
  private readonly values: (string | string[])[] = [];

  add(node: PathNode, value: string): void {
    if (node.collectedIn !== this.id) {
      node.collectedIn = this.id;
      node.slot = this.nodes.length;
      this.nodes.push(node);
      this.values.push(value);
      return;
    }
    const previous = this.values[node.slot] as string | string[];
    if (typeof previous === 'string') this.values[node.slot] = [previous, value];
    else previous.push(value);
  }

  result(): Record<string, string> | undefined {
    const { nodes, values } = this;
    if (nodes.length === 0) return undefined;
    const result: Record<string, string> = {};
    for (let index = 0; index < nodes.length; index++) {
      const value = values[index] as string | string[];
      const { path } = nodes[index] as PathNode;
      const text = typeof value === 'string' ? value : value.join(',');
      // An assignment to `__proto__` sets the prototype and keeps nothing: a forged top-level key would be lost.
      if (path === '__proto__') Object.defineProperty(result, path, { value: text, enumerable: true, writable: true });
      else result[path] = text;
    }
    return result;
  }
}

function walk(value: unknown, node: PathNode, paths: ConsumedPaths, flat: Flattened): void {
  if (value === null || value === undefined || paths.isConsumed(node)) return;
  if (typeof value !== 'object') {
    flat.add(node, String(value));
    return;
  }
  if (Array.isArray(value)) {
    const items = paths.items(node);
    if (value.length === 0) flat.add(items, '[]');
    for (const item of value) walk(item, items, paths, flat);
    return;
  }
  let hasKeys = false;
  for (const key in value) {
    hasKeys = true;
    walk((value as Record<string, unknown>)[key], paths.child(node, key), paths, flat);
  }
  if (!hasKeys) flat.add(node, '{}');
}
