// Tarn's own detections (stored in the lake, or found in data not evaluated yet) as related findings: the hits whose actor or resource is one of the investigation's
// identities (the principal, its sessions and keys, the users and roles it created), beside the findings
// AWS services raised. A rule that could not run is returned as a failure, never silently left out.

import { knownDetections } from '../../detect/stored-detections.ts';
import type { InvestigationScope } from './investigation-scope.ts';
import { type IdentityTerm, inAccount, type RelatedFinding } from './related-findings.ts';

export interface DetectionFindings {
  readonly findings: readonly RelatedFinding[];
  /** One line per rule that failed, naming the rule and the reason. */
  readonly failures: readonly string[];
}

export async function detectionFindings(
  scope: InvestigationScope,
  identities: readonly IdentityTerm[],
): Promise<DetectionFindings> {
  const known = await knownDetections(scope.engine, scope.window);
  const findings = known.hits.flatMap((hit): RelatedFinding[] => {
    // A hit names an identity as its actor, or as what it acted on (the role a CreateRole hit created); a
    // bare name counts only in its own account, where the hit's events were recorded.
    const wanted = new Set(identities.filter((t) => inAccount(t, hit.accountId)).map((t) => t.value.toLowerCase()));
    const matchedOn = [hit.principal, hit.principalName, ...hit.resources].filter((id) => wanted.has(id.toLowerCase()));
    if (matchedOn.length === 0) return [];
    return [
      {
        uid: `tarn:${hit.rule}:${hit.events[0] ?? hit.time}`,
        time: hit.time,
        source: 'Tarn',
        product: 'Tarn',
        rule: hit.rule,
        title: `${hit.title}: ${hit.resources.join(', ')}`,
        types: hit.techniques.map((t) => `MITRE ATT&CK ${t}`),
        severity: hit.severity,
        accountId: hit.accountId,
        resources: hit.resources.map((uid) => ({ type: 'resource', uid })),
        events: hit.events,
        matchedOn: [...new Set(matchedOn)],
      },
    ];
  });
  return { findings, failures: known.failures };
}
