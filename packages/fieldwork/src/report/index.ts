export { buildEvidenceMap, ownerFor } from './evidence-map.js';
export type { EvidenceMap, EvidenceMapRow } from './evidence-map.js';
export { evidenceMapMarkdown } from './evidence-map-markdown.js';
export { evidenceMapCsv, csvCell } from './evidence-map-csv.js';
export { writeReports, writeAtomic, addReportWriter } from './write-reports.js';
export { mockAuditMarkdown, typeOneMarkdown } from './mock-audit-markdown.js';
export type { WrittenReports, ReportWriter } from './write-reports.js';
