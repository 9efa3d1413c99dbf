// Reports: an investigation with its plans, rendered as Markdown, HTML and JSON.

export { type Investigation, type InvestigationResult, investigate } from './investigation.ts';
export { investigationHtml } from './investigation-html.ts';
export { investigationJson, snakeCaseKeys } from './investigation-json.ts';
export { investigationMarkdown } from './investigation-report.ts';
export { oneLine } from './markdown-text.ts';
export { containmentMarkdown, recoveryMarkdown } from './plan-report.ts';
