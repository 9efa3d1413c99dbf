// Writes data/ocsf-1.1.0-facts.json, the OCSF facts Tarn ships, from the compiled OCSF 1.1.0 schema:
//   node --import tsx scripts/generate-ocsf-facts.ts [../shared/ocsf/ocsf-1.1.0.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { BUNDLED_OCSF_FACTS, ocsfFacts, renderOcsfFacts } from '../src/mapping/ocsf-validation/ocsf-facts.ts';

const source = process.argv[2] ?? '../shared/ocsf/ocsf-1.1.0.json';
const text = renderOcsfFacts(ocsfFacts(JSON.parse(readFileSync(source, 'utf8'))));
writeFileSync(BUNDLED_OCSF_FACTS, text);
process.stdout.write(
  `wrote ${BUNDLED_OCSF_FACTS.slice(process.cwd().length + 1)} (${text.length} bytes) from ${source}\n`,
);
