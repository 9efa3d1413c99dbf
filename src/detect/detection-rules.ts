// Every Tarn detection, in the order `tarn detect` runs and lists them.

import { deniedBurstRule } from './denied-burst-rule.ts';
import type { DetectionRule } from './detection-rule.ts';
import { newBucketWriteRule } from './new-bucket-write-rule.ts';
import { readThenDeleteRule } from './read-then-delete-rule.ts';
import { SINGLE_EVENT_RULES } from './single-event-rules.ts';

export const DETECTION_RULES: readonly DetectionRule[] = [
  ...SINGLE_EVENT_RULES,
  deniedBurstRule,
  readThenDeleteRule,
  newBucketWriteRule,
];
