// ASFF Vulnerabilities[] (Inspector and other scanners) as OCSF `vulnerabilities[]`: the CVE with its CVSS
// scores and EPSS, the vendor, the affected packages and code, and whether a fix or an exploit exists.
// Vulnerability Finding has no top-level `remediation`, so the finding's recommendation goes into each entry.

import type { AsffReader } from './asff-field-reader.ts';
import { compact, compactList, type Struct } from './struct-compaction.ts';

export function mapVulnerabilities(finding: AsffReader): Struct[] | undefined {
  const remediation = mapRemediation(finding);
  return compactList(finding.items('Vulnerabilities').map((item) => mapVulnerability(item, remediation)));
}

/** Remediation.Recommendation; OCSF requires its `desc`, so a lone URL stays in `unmapped`. */
export function mapRemediation(finding: AsffReader): Struct | undefined {
  const desc = finding.text('Remediation', 'Recommendation', 'Text');
  if (desc === undefined) return undefined;
  const url = finding.text('Remediation', 'Recommendation', 'Url');
  return compact({ desc, references: url === undefined ? undefined : [url] });
}

function mapVulnerability(item: AsffReader, remediation: Struct | undefined): Struct | undefined {
  const vendorUrl = item.text('Vendor', 'Url');
  const cve = compact({
    uid: item.text('Id'),
    cvss: compactList(item.items('Cvss').map(mapCvss)),
    epss: compact({ score: item.text('EpssScore') }),
    references: vendorUrl === undefined ? undefined : [vendorUrl],
    created_time_dt: item.time('Vendor', 'VendorCreatedAt')?.iso,
    modified_time_dt: item.time('Vendor', 'VendorUpdatedAt')?.iso,
  });
  const vulnerability = compact({
    cve,
    cwe: firstCwe(item),
    vendor_name: item.text('Vendor', 'Name'),
    references: item.texts('ReferenceUrls'),
    related_vulnerabilities: item.texts('RelatedVulnerabilities'),
    affected_packages: compactList(item.items('VulnerablePackages').map(mapPackage)),
    affected_code: compactList(item.items('CodeVulnerabilities').map(mapCode)),
    is_fix_available: yesNo(item, 'FixAvailable'),
    is_exploit_available: yesNo(item, 'ExploitAvailable'),
  });
  return vulnerability === undefined ? undefined : compact({ ...vulnerability, remediation });
}

function mapCvss(cvss: AsffReader): Struct | undefined {
  return compact({
    base_score: cvss.decimal('BaseScore'),
    vector_string: cvss.text('BaseVector'),
    version: cvss.text('Version'),
  });
}

function mapPackage(pkg: AsffReader): Struct | undefined {
  return compact({
    name: pkg.text('Name'),
    version: pkg.text('Version'),
    epoch: pkg.integer('Epoch'),
    release: pkg.text('Release'),
    architecture: pkg.text('Architecture'),
    package_manager: pkg.text('PackageManager'),
    path: pkg.text('FilePath'),
    fixed_in_version: pkg.text('FixedInVersion'),
    remediation: compact({ desc: pkg.text('Remediation') }),
  });
}

// OCSF requires a file's name and type; code findings point at regular files (1).
function mapCode(code: AsffReader): Struct | undefined {
  const name = code.text('FilePath', 'FileName');
  const file = compact({
    name,
    path: code.text('FilePath', 'FilePath'),
    uid: code.text('SourceArn'),
    type_id: name === undefined ? undefined : 1,
  });
  return compact({
    file,
    start_line: code.integer('FilePath', 'StartLine'),
    end_line: code.integer('FilePath', 'EndLine'),
  });
}

/** OCSF holds one CWE per vulnerability: the first one any code finding names. */
function firstCwe(item: AsffReader): Struct | undefined {
  for (const code of item.items('CodeVulnerabilities')) {
    const [uid] = code.texts('Cwes') ?? [];
    if (uid !== undefined) return { uid };
  }
  return undefined;
}

/** ASFF writes YES / NO / PARTIAL; a partial fix is neither, and stays in `unmapped`. */
function yesNo(item: AsffReader, key: string): boolean | undefined {
  const value = item.detached().text(key)?.toUpperCase();
  if (value !== 'YES' && value !== 'NO') return undefined;
  item.take(key);
  return value === 'YES';
}
