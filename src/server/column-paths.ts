// OCSF column paths (`actor.user.name`, `api.request.data`) from a Glue type, for the editor's completion.

/** Every path of a column: the column itself and each field of its structs, depth first. */
export function columnPaths(name: string, glueType: string): string[] {
  const fields = structFields(glueType);
  return [name, ...fields.flatMap(([field, type]) => columnPaths(`${name}.${field}`, type))];
}

/** The top-level `name:type` pairs of a `struct<…>`; none for any other type (arrays are indexed, not dotted). */
function structFields(glueType: string): [string, string][] {
  if (!glueType.startsWith('struct<') || !glueType.endsWith('>')) return [];
  const body = glueType.slice('struct<'.length, -1);
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '<') depth++;
    else if (ch === '>') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts.map((part) => {
    const colon = part.indexOf(':');
    return [part.slice(0, colon), part.slice(colon + 1)];
  });
}
