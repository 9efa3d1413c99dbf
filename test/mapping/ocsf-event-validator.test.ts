// The TypeScript port of the OCSF validator gives the reference validator's errors (kind and path) on the
// same events: a valid one, and events with each kind of error validate.py reports; with the full schema
// export and with the OCSF facts Tarn ships alike.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findOcsfClass } from '../../src/mapping/ocsf-validation/ocsf-class-lookup.ts';
import { validateOcsfEvent } from '../../src/mapping/ocsf-validation/ocsf-event-validator.ts';
import { BUNDLED_OCSF_FACTS } from '../../src/mapping/ocsf-validation/ocsf-facts.ts';
import { loadOcsfSchema } from '../../src/mapping/ocsf-validation/ocsf-schema.ts';
import { apiActivity, OCSF_SCHEMA, type OcsfEvent, referenceErrors } from '../helpers/custom-source-events.ts';

const SCHEMAS = [
  ['the full export', loadOcsfSchema(OCSF_SCHEMA)],
  ['the shipped facts', loadOcsfSchema(BUNDLED_OCSF_FACTS)],
] as const;
const base = apiActivity('e-1', 1710072000000);
const without = (key: string): OcsfEvent => Object.fromEntries(Object.entries(base).filter(([k]) => k !== key));

const CASES: Record<string, OcsfEvent> = {
  valid: base,
  'valid, base event (class 0)': {
    class_uid: 0,
    category_uid: 0,
    activity_id: 0,
    type_uid: 0,
    severity_id: 1,
    time: 1,
    metadata: { version: '1.1.0', product: { vendor_name: 'x' } },
  },
  'class_uid missing': without('class_uid'),
  'class_uid unknown': { ...base, class_uid: 9999 },
  'unknown attributes': { ...base, colour: 'red', actor: { user: { name: 'a', nickname: 'b' } } },
  'missing required': without('actor'),
  'missing profile-bound required': { ...without('cloud') },
  'profile not declared: cloud not required': {
    ...without('cloud'),
    metadata: { version: '1.1.0', product: { vendor_name: 'x' } },
  },
  'type mismatches': { ...base, time: '2024-03-10', actor: { user: { name: 5 } }, api: [{ operation: 'x' }] },
  'array expected': { ...base, observables: { name: 'x', type_id: 1 } },
  'null array element': { ...base, observables: [null] },
  'float for an integer, bool for a string': { ...base, severity_id: 1.5, api: { operation: true } },
  'out of range': { ...base, src_endpoint: { ip: '10.0.0.1', port: 70000 }, severity_id: 2 ** 31 },
  'invalid enum': { ...base, severity_id: 42 },
  'wrong type_uid': { ...base, type_uid: 600302 },
  'wrong category_uid': { ...base, category_uid: 3 },
  'object expected': { ...base, actor: 'alice' },
  'nested arrays of objects': {
    ...base,
    observables: [
      { name: 'a', type_id: 2, value: 'x' },
      { name: 'b', type_id: 777 },
    ],
  },
};

test('the TypeScript validator reports what validate.py reports, event by event', () => {
  const names = Object.keys(CASES);
  const reference = referenceErrors(Object.values(CASES));
  assert.equal(reference.length, names.length);
  for (const [label, schema] of SCHEMAS) {
    names.forEach((name, index) => {
      const ours = validateOcsfEvent(schema, CASES[name] as OcsfEvent).map((issue) => `${issue.kind} ${issue.path}`);
      assert.deepEqual(ours.sort(), reference[index], `${name} with ${label}`);
    });
  }
  // The cases cover every error kind the reference reports, so agreement is not agreement on nothing.
  const kinds = new Set(reference.flat().map((error) => error.split(' ')[0]));
  assert.deepEqual([...kinds].sort(), [
    'invalid_enum',
    'missing_required',
    'out_of_range',
    'type_mismatch',
    'unknown_attribute',
    'unknown_class',
    'wrong_category_uid',
    'wrong_type_uid',
  ]);
  assert.deepEqual(reference[0], []);
});

test('a class is found by name, caption, API enum or uid; an unknown one names the close ones', () => {
  const schema = SCHEMAS[1][1];
  for (const given of ['api_activity', 'API Activity', 'API_ACTIVITY', '6003', ' api-activity ']) {
    assert.deepEqual(findOcsfClass(schema, given), {
      uid: 6003,
      name: 'api_activity',
      caption: 'API Activity',
      categoryUid: 6,
    });
  }
  assert.equal(findOcsfClass(schema, 'Detection Finding').uid, 2004);
  assert.throws(
    () => findOcsfClass(schema, 'api_activty'),
    /unknown OCSF class "api_activty".*did you mean api_activity \(6003\)/,
  );
  assert.throws(() => findOcsfClass(schema, 'authentication_events'), /did you mean .*authentication \(3002\)/);
  assert.throws(() => findOcsfClass(schema, '9999'), /unknown OCSF class "9999"/);
  assert.throws(() => findOcsfClass(schema, 'base_event'), /unknown OCSF class "base_event"/);
});

test('a file that is not a schema export is refused with how to get one', () => {
  assert.throws(
    () => loadOcsfSchema('/nonexistent/ocsf.json'),
    /cannot read the OCSF schema \/nonexistent\/ocsf.json.*schema\.ocsf\.io/,
  );
  assert.throws(() => loadOcsfSchema(new URL(import.meta.url).pathname), /cannot read the OCSF schema/);
});
