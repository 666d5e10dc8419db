import { addDays, startOfDay } from '@fieldwork/core';
import type { DemoContext, DemoPart, DemoPartOutput } from './demo-context.js';
import { Random } from './random.js';
import { planting } from './demo-plants.js';

/** One vulnerability in the demo timeline: seen from scan `from` (week index) until scan `to` (absent from then on). */
interface Vuln {
  id: string;
  pkg: string;
  version: string;
  fixed: string;
  severity: 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW';
  title: string;
  from: number;
  to?: number;
  lang?: boolean;
}

interface Image {
  name: string;
  minute: number;
  lang: { target: string; type: string };
  skip: number[];
  vulns: Vuln[];
}

// Mondays from 2026-03-30 (week 0) to 2026-09-28 (week 26).
const FIRST_MONDAY = '2026-03-30';
const WEEKS = 27;
const week = (n: string) => Math.round((Date.parse(`${n}T00:00:00Z`) - Date.parse(`${FIRST_MONDAY}T00:00:00Z`)) / (7 * 86_400_000));

const PLANTED_CRITICAL = 'CVE-2026-24817';
const PLANTED_OPEN_HIGH = 'CVE-2026-31022';
const MISSED_WEEK = '2026-06-15';

/**
 * Severity deadlines the catalog sets (critical 15, high 30, medium 90, low 180 days): every
 * finding below is fixed, or still young at period end, within them — except the two planted.
 */
const IMAGES: Image[] = [
  {
    name: 'ghcr.io/relaylabs/agent-api', minute: 6 * 60 + 5, lang: { target: 'Python', type: 'python-pkg' }, skip: [],
    vulns: [
      { id: 'CVE-2026-0915', pkg: 'libc6', version: '2.36-9+deb12u9', fixed: '2.36-9+deb12u10', severity: 'MEDIUM', title: 'glibc: stack read overflow in getnetbyaddr', from: 0, to: 8 },
      { id: PLANTED_CRITICAL, pkg: 'libexpat1', version: '2.5.0-1+deb12u1', fixed: '2.5.0-1+deb12u2', severity: 'CRITICAL', title: 'expat: heap overflow in XML_ResumeParser', from: week('2026-05-04'), to: week('2026-05-25') },
      { id: 'CVE-2026-27161', pkg: 'urllib3', version: '2.2.3', fixed: '2.5.0', severity: 'HIGH', title: 'urllib3: proxy credentials forwarded on cross-origin redirect', from: week('2026-06-08'), to: week('2026-06-29'), lang: true },
      { id: 'CVE-2026-29004', pkg: 'perl-base', version: '5.36.0-7+deb12u1', fixed: '5.36.0-7+deb12u2', severity: 'LOW', title: 'perl: out-of-bounds read in regex engine', from: week('2026-05-11') },
      { id: 'CVE-2026-33310', pkg: 'libssl3', version: '3.0.15-1~deb12u1', fixed: '3.0.16-1~deb12u1', severity: 'CRITICAL', title: 'openssl: use-after-free in SSL_free_buffers', from: week('2026-07-13'), to: week('2026-07-27') },
    ],
  },
  {
    name: 'ghcr.io/relaylabs/worker', minute: 6 * 60 + 20, lang: { target: 'Python', type: 'python-pkg' }, skip: [week(MISSED_WEEK)],
    vulns: [
      { id: 'CVE-2026-21370', pkg: 'zlib1g', version: '1:1.2.13.dfsg-1', fixed: '1:1.2.13.dfsg-1+deb12u1', severity: 'HIGH', title: 'zlib: heap overflow in inflateGetHeader', from: week('2026-04-13'), to: week('2026-05-04') },
      { id: 'CVE-2026-26642', pkg: 'celery', version: '5.4.0', fixed: '5.5.2', severity: 'MEDIUM', title: 'celery: unsafe deserialization of task headers', from: week('2026-06-01'), to: week('2026-07-06'), lang: true },
      { id: 'CVE-2026-35208', pkg: 'libcurl4', version: '7.88.1-10+deb12u8', fixed: '7.88.1-10+deb12u12', severity: 'CRITICAL', title: 'curl: SOCKS5 heap buffer overflow', from: week('2026-08-24'), to: week('2026-09-07') },
      { id: 'CVE-2026-38851', pkg: 'libsqlite3-0', version: '3.40.1-2+deb12u1', fixed: '3.40.1-2+deb12u2', severity: 'MEDIUM', title: 'sqlite: integer overflow in FTS5', from: week('2026-09-14') },
    ],
  },
  {
    name: 'ghcr.io/relaylabs/web', minute: 6 * 60 + 35, lang: { target: 'Node.js', type: 'node-pkg' }, skip: [],
    vulns: [
      { id: 'CVE-2026-20154', pkg: 'libxml2', version: '2.9.14+dfsg-1.3~deb12u1', fixed: '2.9.14+dfsg-1.3~deb12u2', severity: 'LOW', title: 'libxml2: NULL dereference in xmlSchemaGetComponentQName', from: 0, to: week('2026-08-03') },
      { id: 'CVE-2026-22419', pkg: 'next', version: '14.2.10', fixed: '14.2.25', severity: 'MEDIUM', title: 'next: cache poisoning through middleware', from: week('2026-04-06'), to: week('2026-06-01'), lang: true },
      { id: 'CVE-2026-30087', pkg: 'undici', version: '6.19.2', fixed: '6.21.1', severity: 'HIGH', title: 'undici: insufficiently random multipart boundary', from: week('2026-07-06'), to: week('2026-07-27'), lang: true },
      { id: PLANTED_OPEN_HIGH, pkg: 'libnghttp2-14', version: '1.52.0-1+deb12u2', fixed: '1.52.0-1+deb12u3', severity: 'HIGH', title: 'nghttp2: unbounded CONTINUATION frames exhaust memory', from: week('2026-08-17') },
    ],
  },
];

const LOCKFILES = { npm: 'package-lock.json', uv: 'uv.lock' };
/**
 * Dependency findings of the agent framework's own lockfiles (`trivy fs agent-runtime`). Trivy
 * rather than OSV-Scanner or npm audit: their JSON states no scan time, so two clean weeks give
 * byte-identical files, and the ledger keeps identical bytes once.
 */
const RUNTIME_VULNS: (Vuln & { lock: string })[] = [
  { id: 'CVE-2026-25530', lock: LOCKFILES.uv, pkg: 'langchain-core', version: '0.3.15', fixed: '0.3.29', severity: 'MEDIUM', title: 'langchain-core: prompt template injection through f-string variables', from: week('2026-05-18'), to: week('2026-06-15'), lang: true },
  { id: 'CVE-2026-32714', lock: LOCKFILES.npm, pkg: 'undici', version: '6.19.2', fixed: '6.21.1', severity: 'HIGH', title: 'undici: unbounded decompression of response bodies', from: week('2026-07-20'), to: week('2026-08-10'), lang: true },
];

/** Minutes after local midnight of `date` → an ISO instant in `tz`. */
function at(date: string, minutes: number, tz: string): string {
  return new Date(Date.parse(startOfDay(date, tz)) + minutes * 60_000).toISOString();
}

const alive = (v: { from: number; to?: number }, w: number) => w >= v.from && (v.to === undefined || w < v.to);

function trivyVuln(v: Vuln, rng: Random, diffId: string): Record<string, unknown> {
  const nvd = v.severity === 'CRITICAL' ? 9.8 : v.severity === 'HIGH' ? 7.5 : v.severity === 'MEDIUM' ? 5.9 : 3.3;
  return {
    VulnerabilityID: v.id, PkgID: `${v.pkg}@${v.version}`, PkgName: v.pkg,
    PkgIdentifier: { PURL: v.lang ? `pkg:${v.pkg === 'undici' || v.pkg === 'next' ? 'npm' : 'pypi'}/${v.pkg}@${v.version}` : `pkg:deb/debian/${v.pkg}@${v.version}?arch=amd64&distro=debian-12.5`, UID: rng.hex(16) },
    InstalledVersion: v.version, FixedVersion: v.fixed, Status: 'fixed', Layer: { DiffID: diffId },
    SeveritySource: v.lang ? 'ghsa' : 'debian', PrimaryURL: `https://avd.aquasec.com/nvd/${v.id.toLowerCase()}`,
    Title: v.title, Description: `${v.title}.`, Severity: v.severity,
    CVSS: { nvd: { V3Score: nvd } },
  };
}

function trivyReport(ctx: DemoContext, rng: Random, img: Image, w: number, date: string): string {
  const tag = `sha-${rng.hex(7)}`;
  const ref = `${img.name}:${tag}`;
  const diffId = `sha256:${rng.hex(64)}`;
  const os = img.vulns.filter((v) => !v.lang && alive(v, w)).map((v) => trivyVuln(v, rng, diffId));
  const lang = img.vulns.filter((v) => v.lang && alive(v, w)).map((v) => trivyVuln(v, rng, diffId));
  // Same time of day every week (nanoseconds as Trivy writes them), so compliant gaps are exactly seven days.
  const created = at(date, img.minute, ctx.timezone).replace('.000Z', '.418203117Z');
  return JSON.stringify({
    SchemaVersion: 2, Trivy: { Version: '0.58.1' }, ReportID: rng.uuid(), CreatedAt: created,
    ArtifactID: `sha256:${rng.hex(64)}`, ArtifactName: ref, ArtifactType: 'container_image',
    Metadata: { Size: 187_000_000 + rng.int(0, 9_000_000), OS: { Family: 'debian', Name: '12.5' }, ImageID: `sha256:${rng.hex(64)}`, DiffIDs: [diffId], RepoTags: [ref], RepoDigests: [`${img.name}@sha256:${rng.hex(64)}`] },
    Results: [
      { Target: `${ref} (debian 12.5)`, Class: 'os-pkgs', Type: 'debian', ...(os.length ? { Vulnerabilities: os } : {}) },
      { Target: img.lang.target, Class: 'lang-pkgs', Type: img.lang.type, ...(lang.length ? { Vulnerabilities: lang } : {}) },
    ],
  }, null, 2) + '\n';
}

function runtimeReport(ctx: DemoContext, rng: Random, w: number, date: string): string {
  const results = Object.entries({ npm: LOCKFILES.npm, uv: LOCKFILES.uv }).map(([type, lock]) => {
    const vulns = RUNTIME_VULNS.filter((v) => v.lock === lock && alive(v, w)).map((v) => trivyVuln(v, rng, ''));
    return { Target: lock, Class: 'lang-pkgs', Type: type, ...(vulns.length ? { Vulnerabilities: vulns } : {}) };
  });
  return JSON.stringify({
    SchemaVersion: 2, Trivy: { Version: '0.58.1' }, ReportID: rng.uuid(), CreatedAt: at(date, 7 * 60, ctx.timezone).replace('.000Z', '.207734901Z'),
    ArtifactName: 'agent-runtime', ArtifactType: 'filesystem', Metadata: { ImageConfig: { architecture: '', created: '0001-01-01T00:00:00Z', os: '', rootfs: { type: '', diff_ids: null }, config: {} } },
    Results: results,
  }, null, 2) + '\n';
}

const PROWLER_CHECKS = [
  ['iam_root_mfa_enabled', 'Ensure MFA is enabled for the root account', 'Critical', 'arn:aws:iam::{acct}:root'],
  ['cloudtrail_multi_region_enabled', 'Ensure CloudTrail is enabled in all regions', 'High', 'arn:aws:cloudtrail:us-west-2:{acct}:trail/relay-org-trail'],
  ['s3_bucket_default_encryption', 'Check if S3 buckets have default encryption enabled', 'Medium', 'arn:aws:s3:::relay-agent-transcripts'],
  ['rds_instance_backup_enabled', 'Check if RDS instances have backups enabled', 'Medium', 'arn:aws:rds:us-west-2:{acct}:db:relay-prod'],
  ['guardduty_is_enabled', 'Check if GuardDuty is enabled', 'High', 'arn:aws:guardduty:us-west-2:{acct}:detector/6ec1a2b3'],
  ['iam_password_policy_minimum_length_14', 'Ensure IAM password policy requires minimum length of 14 or greater', 'Medium', 'arn:aws:iam::{acct}:root'],
] as const;

function prowlerReport(date: string, tz: string, acct: string): string {
  const t = Math.floor(Date.parse(at(date, 5 * 60, tz)) / 1000);
  return JSON.stringify(PROWLER_CHECKS.map(([code, title, severity, arn], i) => ({
    message: `${title}: passed.`, metadata: { event_code: code, product: { name: 'Prowler', uid: 'prowler', vendor_name: 'Prowler', version: '5.4.0' }, profiles: ['cloud', 'datetime'], version: '1.4.0' },
    severity_id: severity === 'Critical' ? 5 : severity === 'High' ? 4 : 3, severity, status: 'New', status_code: 'PASS', status_detail: `${title}: passed.`, status_id: 1,
    unmapped: { compliance: { 'CIS-3.0': [`${i + 1}.${i + 2}`], 'SOC2': ['cc_6_1'] } }, activity_name: 'Create', activity_id: 1,
    finding_info: { created_time: t, desc: title, product_uid: 'prowler', title, types: ['Software and Configuration Checks'], uid: `prowler-aws-${code}-${acct}-us-west-2` },
    resources: [{ cloud_partition: 'aws', region: 'us-west-2', group: { name: code.split('_')[0] }, labels: [], name: arn.split(/[:/]/).at(-1), type: 'Other', uid: arn.replace('{acct}', acct) }],
    category_name: 'Findings', category_uid: 2, class_name: 'Detection Finding', class_uid: 2004,
    cloud: { account: { name: 'relay-prod', type: 'AWS Account', type_id: 10, uid: acct, labels: [] }, org: { name: '', uid: '' }, provider: 'aws', region: 'us-west-2' },
    time: t, time_dt: new Date(t * 1000).toISOString().slice(0, 19), type_uid: 200401, type_name: 'Detection Finding: Create',
  })), null, 2) + '\n';
}

function sbom(rng: Random): string {
  const pkgs: [string, string, string, string][] = [
    ['pypi', 'langchain-core', '0.3.29', 'MIT'], ['pypi', 'langgraph', '0.2.60', 'MIT'], ['pypi', 'openai', '1.59.3', 'Apache-2.0'], ['pypi', 'anthropic', '0.42.0', 'MIT'],
    ['pypi', 'pydantic', '2.10.4', 'MIT'], ['pypi', 'httpx', '0.28.1', 'BSD-3-Clause'], ['pypi', 'opentelemetry-sdk', '1.29.0', 'Apache-2.0'], ['pypi', 'tiktoken', '0.8.0', 'MIT'],
    ['npm', '@modelcontextprotocol/sdk', '1.3.0', 'MIT'], ['npm', 'undici', '6.21.1', 'MIT'], ['npm', 'zod', '3.24.1', 'MIT'], ['npm', 'ws', '8.18.0', 'MIT'],
  ];
  return JSON.stringify({
    $schema: 'http://cyclonedx.org/schema/bom-1.5.schema.json', bomFormat: 'CycloneDX', specVersion: '1.5', serialNumber: `urn:uuid:${rng.uuid()}`, version: 1,
    metadata: { timestamp: '2026-09-28T14:10:00Z', tools: { components: [{ type: 'application', author: 'anchore', name: 'syft', version: '1.18.1' }] }, component: { 'bom-ref': 'agent-runtime', type: 'application', name: 'agent-runtime', version: '2.14.0' } },
    components: pkgs.map(([eco, name, version, license]) => {
      const purl = `pkg:${eco}/${name.replace('@', '%40')}@${version}`;
      return { 'bom-ref': purl, type: 'library', name, version, licenses: [{ license: { id: license } }], purl };
    }),
  }, null, 2) + '\n';
}

/**
 * Vulnerability management and infrastructure: weekly Trivy scans of three images and of the
 * agent framework's lockfiles (`trivy fs agent-runtime`), weekly Prowler runs, and an SBOM —
 * with a missed week, a critical fixed late, a high left open past its deadline and a declared
 * lockfile nobody scans.
 */
export const scannersPart: DemoPart = {
  name: 'scanners',
  generate(ctx): DemoPartOutput {
    // Own stream, so this part does not shift the data of parts generated after it.
    const rng = new Random(ctx.seed * 7919 + 17);
    const tz = ctx.timezone;
    const acct = '418273645091';
    const files: DemoPartOutput['files'] = {};
    // A plant switched off is its compliant version: the worker scanned every week, the critical
    // fixed after a week, the high fixed within its 30 days, no undeclared lockfile.
    const fixedBy: Record<string, string> = {};
    if (!planting(ctx, 'scanners.sla_breached')) fixedBy[PLANTED_CRITICAL] = '2026-05-11';
    if (!planting(ctx, 'scanners.open_past_sla')) fixedBy[PLANTED_OPEN_HIGH] = '2026-09-07';
    const images = IMAGES.map((img) => ({
      ...img, skip: planting(ctx, 'scanners.missed') ? img.skip : [],
      vulns: img.vulns.map((v) => (fixedBy[v.id] ? { ...v, to: week(fixedBy[v.id]) } : v)),
    }));
    const lockfileMissing = planting(ctx, 'scanners.lockfile_missing');
    for (let w = 0; w < WEEKS; w++) {
      const date = addDays(FIRST_MONDAY, 7 * w);
      for (const img of images) {
        if (img.skip.includes(w)) continue;
        files[`exports/trivy/${img.name.split('/').at(-1)}-${date}.json`] = trivyReport(ctx, rng, img, w, date);
      }
      files[`exports/trivy/agent-runtime-${date}.json`] = runtimeReport(ctx, rng, w, date);
      files[`exports/prowler/prowler-aws-${date}.ocsf.json`] = prowlerReport(date, tz, acct);
    }
    files['exports/sbom/agent-runtime.cdx.json'] = sbom(rng);
    const firstSeen = (asset: string, id: string) => addDays(FIRST_MONDAY, 7 * IMAGES.find((i) => i.name === asset)!.vulns.find((v) => v.id === id)!.from);
    return {
      files,
      sources: [
        { name: 'trivy', kind: 'trivy-json', glob: 'exports/trivy/*.json' },
        { name: 'prowler', kind: 'prowler-ocsf', glob: 'exports/prowler/*.ocsf.json' },
        { name: 'sbom', kind: 'cyclonedx', path: 'exports/sbom/agent-runtime.cdx.json' },
      ],
      workspace: {
        vulnerability: {
          assets: [...IMAGES.map((i) => ({ name: i.name, cadenceDays: 7 })), { name: 'agent-runtime', cadenceDays: 7 }],
          agentFrameworkLockfiles: [...Object.values(LOCKFILES).map((l) => `agent-runtime/${l}`), ...(lockfileMissing ? ['tools/mcp-gateway/package-lock.json'] : [])],
        },
      },
      planted: ([
        { rule: 'scan.missed', subject: 'ghcr.io/relaylabs/worker', why: `no scan in the week of ${MISSED_WEEK}: 14 days between two scans` },
        { rule: 'finding.sla_breached', subject: `${PLANTED_CRITICAL} @ ghcr.io/relaylabs/agent-api`, why: `critical first seen ${firstSeen('ghcr.io/relaylabs/agent-api', PLANTED_CRITICAL)}, gone only 21 days later (deadline 15)` },
        { rule: 'finding.open_past_sla', subject: `${PLANTED_OPEN_HIGH} @ ghcr.io/relaylabs/web`, why: `high first seen ${firstSeen('ghcr.io/relaylabs/web', PLANTED_OPEN_HIGH)}, still open at period end (deadline 30 days)` },
        { rule: 'coverage.lockfile_missing', subject: 'tools/mcp-gateway/package-lock.json', why: 'declared agent-framework lockfile that no scan covers' },
      ] as const).filter((_, i) => planting(ctx, ['scanners.missed', 'scanners.sla_breached', 'scanners.open_past_sla', 'scanners.lockfile_missing'][i])).map((p) => ({ ...p })),
    };
  },
};
