// Glue (Hive) type strings, as the Security Lake schemas write them, turned into DuckDB types.

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
  const parser = new GlueTypeParser(glue);
  const type = parser.parseType();
  parser.expectEnd();
  return type;
}

class GlueTypeParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parseType(): string {
    const word = this.readWord();
    if (word === 'struct') {
      this.expect('<');
      const fields: string[] = [];
      do {
        const name = this.readWord();
        this.expect(':');
        fields.push(`"${name}" ${this.parseType()}`);
      } while (this.accept(','));
      this.expect('>');
      return `STRUCT(${fields.join(', ')})`;
    }
    if (word === 'array') {
      this.expect('<');
      const element = this.parseType();
      this.expect('>');
      return `${element}[]`;
    }
    if (word === 'map') {
      this.expect('<');
      const key = this.parseType();
      this.expect(',');
      const value = this.parseType();
      this.expect('>');
      return `MAP(${key}, ${value})`;
    }
    if (word === 'decimal') {
      this.expect('(');
      const args = this.readUntil(')');
      this.expect(')');
      return `DECIMAL(${args})`;
    }
    const scalar = SCALARS[word];
    if (scalar === undefined) throw new Error(`unknown Glue type "${word}" in ${this.text}`);
    return scalar;
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
