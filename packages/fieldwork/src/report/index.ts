/** @module Reports: the evidence map (Markdown, CSV, HTML, XLSX), the mock audit, the auditor package and OSCAL, all read from stored runs. */
export { buildEvidenceMap, ownerFor } from './evidence-map.js';
export type { EvidenceMap, EvidenceMapRow } from './evidence-map.js';
export { loadEvidenceBundle } from './evidence-bundle.js';
export type { EvidenceBundle, StoredCheck } from './evidence-bundle.js';
export { evidenceMapMarkdown } from './evidence-map-markdown.js';
export { evidenceMapCsv, csvCell } from './evidence-map-csv.js';
export { evidenceMapHtml, escapeHtml } from './evidence-map-html.js';
export { evidenceMapXlsx } from './evidence-map-xlsx.js';
export { writeReports, writeAtomic, addReportWriter, renderEvidenceMap, parseReportFormats, REPORT_FORMATS } from './write-reports.js';
export { mockAuditMarkdown, typeOneMarkdown } from './mock-audit-markdown.js';
export type { WrittenReports, ReportWriter, ReportFormat } from './write-reports.js';
export { writeAuditorPackage } from './auditor-package.js';
export type { PackageManifest, PackageFile } from './auditor-package.js';
export { oscalAssessmentResults, OSCAL_NS, ASSESSMENT_PLAN_PLACEHOLDER } from './oscal-assessment-results.js';
export { readZipEntries } from './zip-entries.js';
export { nameUuid } from './name-uuid.js';
