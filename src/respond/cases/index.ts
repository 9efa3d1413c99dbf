// Cases: a hash-chained, append-only evidence log, its verification and export.

export { appendEntry, type EntryDraft, openCase } from './case-append.ts';
export { exportCase, verifyBundle } from './case-bundle.ts';
export { type CaseEntry, entryLine, lineHash } from './case-entry.ts';
export { fileEvidence, noteEvidence, queryEvidence } from './case-evidence.ts';
export { readCaseLog } from './case-log.ts';
export { HEAD_PATTERN } from './case-manifest.ts';
export { caseDir } from './case-store.ts';
export { type ExpectedHead, type Verification, verifyCase } from './case-verify.ts';
export { analystName, draftEvidence, type EvidenceRequest } from './entry-draft.ts';
