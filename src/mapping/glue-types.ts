// Glue (Hive) type strings, as the Security Lake schemas write them: parsed into a tree, and turned into
// DuckDB types. The catalog DDL renders the same tree for Athena, Trino and Spark.

export type GlueType =
  | { readonly kind: 'scalar'; readonly name: string }
  | { readonly kind: 'decimal'; readonly args: string }
  | { readonly kind: 'array'; readonly element: GlueType }
  | { readonly kind: 'map'; readonly key: GlueType; readonly value: GlueType }
  | { readonly kind: 'struct'; readonly fields: readonly { readonly name: string; readonly type: GlueType }[] };

const SCALARS: Readonly<Record<string, string>> = {
  string: 'VARCHAR',
  int: 'INTEGER',
  bigint: 'BIGINT',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMP',
  double: 'DOUBLE',
  float: 'FLOAT',
};

/** `struct<a:string,b:array<int>>` → `STRUCT("a" VARCHAR, "b" INTEGER[])`. */
export function glueToDuckDbType(glue: string): string {
  return duckDbType(parseGlueType(glue));
}

export function parseGlueType(glue: string): GlueType {
  const parser = new GlueTypeParser(glue);
  const type = parser.parseType();
  parser.expectEnd();
  return type;
}

function duckDbType(type: GlueType): string {
  switch (type.kind) {
    case 'scalar':
      return SCALARS[type.name] as string;
    case 'decimal':
      return `DECIMAL(${type.args})`;
    case 'array':
      return `${duckDbType(type.element)}[]`;
    case 'map':
      return `MAP(${duckDbType(type.key)}, ${duckDbType(type.value)})`;
    case 'struct':
      return `STRUCT(${type.fields.map((field) => `"${field.name}" ${duckDbType(field.type)}`).join(', ')})`;
  }
}

class GlueTypeParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parseType(): GlueType {
    const word = this.readWord();
    if (word === 'struct') {
      this.expect('<');
      const fields: { name: string; type: GlueType }[] = [];
      do {
        const name = this.readWord();
        this.expect(':');
        fields.push({ name, type: this.parseType() });
      } while (this.accept(','));
      this.expect('>');
      return { kind: 'struct', fields };
    }
    if (word === 'array') {
      this.expect('<');
      const element = this.parseType();
      this.expect('>');
      return { kind: 'array', element };
    }
    if (word === 'map') {
      this.expect('<');
      const key = this.parseType();
      this.expect(',');
      const value = this.parseType();
      this.expect('>');
      return { kind: 'map', key, value };
    }
    if (word === 'decimal') {
      this.expect('(');
      const args = this.readUntil(')');
      this.expect(')');
      return { kind: 'decimal', args };
    }
    if (SCALARS[word] === undefined) throw new Error(`unknown Glue type "${word}" in ${this.text}`);
    return { kind: 'scalar', name: word };
  }

  expectEnd(): void {
    if (this.pos !== this.text.length) throw new Error(`unexpected "${this.text.slice(this.pos)}" in ${this.text}`);
  }

  private readWord(): string {
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos));
    if (!match) throw new Error(`expected a name at ${this.pos} in ${this.text}`);
    this.pos += match[0].length;
    return match[0];
  }

  private readUntil(end: string): string {
    const stop = this.text.indexOf(end, this.pos);
    const value = this.text.slice(this.pos, stop);
    this.pos = stop;
    return value;
  }

  private accept(char: string): boolean {
    if (this.text[this.pos] !== char) return false;
    this.pos++;
    return true;
  }

  private expect(char: string): void {
    if (!this.accept(char)) throw new Error(`expected "${char}" at ${this.pos} in ${this.text}`);
  }
}
