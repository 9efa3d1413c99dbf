// `tarn investigate --format json`: the investigation as data with every key in snake_case, as the issue
// names them (`source_ips`), while the code keeps TypeScript's camelCase. The plan steps' AWS calls keep
// their SDK parameters as AWS spells them (`UserName`): those are AWS's names, not Tarn's.

import { snakeCaseJson } from '../../json-keys.ts';
import type { Investigation } from './investigation.ts';

export function investigationJson(investigation: Investigation): string {
  return snakeCaseJson(investigation);
}
