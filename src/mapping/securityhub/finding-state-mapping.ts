// The enum columns of a finding row: severity from Severity.Label, status from Workflow.Status, and the
// activity from CreatedAt/UpdatedAt. Names are the OCSF 1.1.0 captions of each id.

import type { AsffReader } from './asff-field-reader.ts';
import type { AsffInstant } from './asff-time.ts';

const SEVERITY_IDS: Readonly<Record<string, number>> = { INFORMATIONAL: 1, LOW: 2, MEDIUM: 3, HIGH: 4, CRITICAL: 5 };
const SEVERITY_CAPTIONS = ['Unknown', 'Informational', 'Low', 'Medium', 'High', 'Critical'] as const;

const STATUS_CAPTIONS: Readonly<Record<string, string>> = {
  NEW: 'New',
  NOTIFIED: 'In Progress',
  SUPPRESSED: 'Suppressed',
  RESOLVED: 'Resolved',
};

export interface Severity {
  readonly severity_id: number;
  readonly severity: string;
}

/**
 * Severity.Label as the OCSF enum. A label outside the ASFF set is `Other` (99) and kept as the caption; a
 * finding with no label is ranked from Severity.Normalized by the ASFF ranges, as Security Hub itself does.
 */
export function mapSeverity(finding: AsffReader): Severity {
  const label = finding.text('Severity', 'Label');
  if (label !== undefined) {
    const id = SEVERITY_IDS[label.toUpperCase()];
    return id === undefined ? { severity_id: 99, severity: label } : severityOf(id);
  }
  const normalized = finding.detached().decimal('Severity', 'Normalized');
  if (normalized === undefined) return severityOf(0);
  return severityOf(normalized >= 90 ? 5 : normalized >= 70 ? 4 : normalized >= 40 ? 3 : normalized >= 1 ? 2 : 1);
}

function severityOf(id: number): Severity {
  return { severity_id: id, severity: SEVERITY_CAPTIONS[id] ?? 'Unknown' };
}

/** Workflow.Status as the OCSF status caption; a value outside the ASFF set is kept as written. */
export function mapStatus(finding: AsffReader): string | undefined {
  const status = finding.text('Workflow', 'Status');
  return status === undefined ? undefined : (STATUS_CAPTIONS[status.toUpperCase()] ?? status);
}

export interface Activity {
  readonly activity_id: number;
  readonly activity_name: string;
}

/**
 * Create when the finding has not changed since it was created, Update otherwise. Without UpdatedAt the
 * creation is all there is (Create); without CreatedAt nothing tells them apart (Unknown).
 */
export function mapActivity(created: AsffInstant | undefined, updated: AsffInstant | undefined): Activity {
  if (created === undefined) return { activity_id: 0, activity_name: 'Unknown' };
  if (updated === undefined || updated.ms === created.ms) return { activity_id: 1, activity_name: 'Create' };
  return { activity_id: 2, activity_name: 'Update' };
}
