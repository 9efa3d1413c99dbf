// Reports: an investigation with its plans, rendered as Markdown, HTML and JSON.

export { snakeCaseKeys } from '../../json-keys.ts';
export {
  type AddressInvestigation,
  addressHtml,
  addressJson,
  addressMarkdown,
  investigateAddress,
} from './address-report.ts';
export { type Investigation, type InvestigationResult, investigate } from './investigation.ts';
export { investigationHtml } from './investigation-html.ts';
export { investigationJson } from './investigation-json.ts';
export { investigationMarkdown } from './investigation-report.ts';
export { headingText, oneLine } from './markdown-text.ts';
export { PLAN_FORMAT, parsePlan, planJson, type ReviewedPlan } from './plan-file.ts';
export { containmentMarkdown, recoveryMarkdown } from './plan-report.ts';
