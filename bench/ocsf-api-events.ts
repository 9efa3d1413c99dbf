// OCSF API Activity events of the kind a team sends to a custom source (`tarn source add … --class
// api_activity`): the organization's people calling an internal API from their offices, one event per call,
// each with its own `metadata.uid` as a producer that de-duplicates would give it.

import type { Account, Organization } from '../src/scenario/organization.ts';
import type { SeededRandom } from '../src/scenario/seeded-random.ts';
import { apiActivity, type OcsfEvent } from '../test/helpers/custom-source-events.ts';

const OPERATIONS = ['CreateWidget', 'GetWidget', 'ListWidgets', 'UpdateWidget', 'DeleteWidget'] as const;
/** OCSF API Activity's activity ids: Create, Read, Read, Update, Delete, in the order of OPERATIONS. */
const ACTIVITY_IDS = [1, 2, 2, 3, 4] as const;

export function apiActivityEvent(
  rng: SeededRandom,
  org: Organization,
  account: Account,
  region: string,
  timeMs: number,
): OcsfEvent {
  const person = rng.pick(org.people);
  const operation = rng.int(OPERATIONS.length);
  const activityId = ACTIVITY_IDS[operation] ?? 2;
  return apiActivity(rng.uuid(), timeMs, {
    activity_id: activityId,
    type_uid: 600300 + activityId,
    actor: { user: { name: person.name, email_addr: person.email } },
    api: { operation: OPERATIONS[operation], service: { name: 'widgets.acme.example' } },
    src_endpoint: { ip: person.officeIp },
    cloud: { provider: 'AWS', region, account: { uid: account.id } },
  });
}
