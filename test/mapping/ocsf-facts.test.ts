// The OCSF facts shipped in data/ are exactly what scripts/generate-ocsf-facts.ts makes of the compiled OCSF
// 1.1.0 schema in ../shared, and keep what validation needs while dropping the descriptions.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { BUNDLED_OCSF_FACTS, ocsfFacts, renderOcsfFacts } from '../../src/mapping/ocsf-validation/ocsf-facts.ts';
import { OCSF_SCHEMA } from '../helpers/custom-source-events.ts';

const full = JSON.parse(readFileSync(OCSF_SCHEMA, 'utf8'));
const shipped = readFileSync(BUNDLED_OCSF_FACTS, 'utf8');

test('the committed facts file is the generator script output (run npm run generate:ocsf-facts)', () => {
  assert.equal(shipped, renderOcsfFacts(ocsfFacts(full)));
});

test('the facts keep every class, object, attribute, requirement, enum and profile, and no description', () => {
  const facts = JSON.parse(shipped);
  assert.deepEqual(Object.keys(facts.classes).sort(), Object.keys(full.classes).sort());
  assert.deepEqual(Object.keys(facts.objects).sort(), Object.keys(full.objects).sort());
  assert.deepEqual(Object.keys(facts.profiles).sort(), Object.keys(full.profiles).sort());
  const activity = facts.classes.api_activity;
  assert.equal(activity.uid, 6003);
  assert.deepEqual(Object.keys(activity.attributes).sort(), Object.keys(full.classes.api_activity.attributes).sort());
  assert.deepEqual(activity.attributes.activity_id.enum['4'], { caption: 'Delete' });
  assert.equal(activity.attributes.cloud.requirement, 'required');
  assert.equal(activity.attributes.cloud.profile, 'cloud');
  assert.equal(facts.objects.user.attributes.name.type, 'username_t');
  assert.equal(facts.types.username_t.base_type, 'string_t');
  assert.equal(shipped.includes('"description"'), false);
  assert.ok(shipped.length < readFileSync(OCSF_SCHEMA, 'utf8').length / 2);
});
