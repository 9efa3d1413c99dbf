// The ASFF `Types` entry GuardDuty writes for a finding type, from GuardDuty's table "Interpreting GuardDuty
// finding names in Security Hub" (GuardDuty User Guide, Security Hub integration). The entry is
// `<namespace>/<category>/<classifier>`, where the classifier is the GuardDuty type with its first `/`
// turned into `-`: `Trojan:EC2/DGADomainRequest.B` → `TTPs/Command and Control/Trojan:EC2-DGADomainRequest.B`.
// The category follows the threat purpose, with the exceptions AWS's table lists; the rules below reproduce
// that table rather than enumerate its ~190 rows. Not reproduced: the second entry of
// `CryptoCurrency:Lambda/BitcoinTool.B`, and names that AWS says vary with the finding's resource role.

/** The namespace and category of each GuardDuty threat purpose, when no exception applies. */
const PURPOSE_CATEGORIES: Readonly<Record<string, string>> = {
  Backdoor: 'TTPs/Command and Control',
  Behavior: 'Unusual Behaviors/VM',
  CredentialAccess: 'TTPs/Credential Access',
  CryptoCurrency: 'TTPs/Command and Control',
  DefenseEvasion: 'TTPs/Defense Evasion',
  Discovery: 'TTPs/Discovery',
  Execution: 'TTPs/Execution',
  Exfiltration: 'TTPs/Exfiltration',
  Impact: 'TTPs/Impact',
  InitialAccess: 'TTPs/Initial Access',
  Object: 'TTPs/Object',
  Persistence: 'TTPs/Persistence',
  PrivilegeEscalation: 'TTPs/Privilege Escalation',
  Recon: 'TTPs/Discovery',
  ResourceConsumption: 'Unusual Behaviors/User',
  Stealth: 'TTPs/Defense Evasion',
  Trojan: 'TTPs/Command and Control',
  UnauthorizedAccess: 'TTPs/Initial Access',
};

/** Finding types whose category is not their purpose's; the first match wins. `TTPs` alone has no category. */
const CATEGORY_EXCEPTIONS: readonly (readonly [RegExp, string])[] = [
  [/^UnauthorizedAccess:IAMUser\/\w+CredentialExfiltration\./, 'Effects/Data Exfiltration'],
  [/^Trojan:\w+\/DropPoint\b/, 'Effects/Data Exfiltration'],
  [/^UnauthorizedAccess:\w+\/Tor(Client|Relay)$/, 'Effects/Resource Consumption'],
  [/^UnauthorizedAccess:IAMUser\/ConsoleLogin$/, 'Unusual Behaviors/User'],
  [/^UnauthorizedAccess:((EC2|Lambda)\/MaliciousIPCaller\.Custom|IAMUser\/TorIPCaller)$/, 'TTPs/Command and Control'],
  [/^Trojan:\w+\/DriveBySourceTraffic\b/, 'TTPs/Initial Access'],
  [/^Policy:S3\/BucketBlockPublicAccessDisabled$/, 'Effects/Data Exposure'],
  [/^Policy:Kubernetes\//, 'Software and Configuration Checks/AWS Security Best Practices'],
  [/^PrivilegeEscalation:Runtime\/SuspiciousCommand$/, 'Software and Configuration Checks'],
  [/^\w+:Kubernetes\/AnomalousBehavior\./, 'TTPs/AnomalousBehavior'],
  // Kubernetes and a few runtime findings spell these categories without the space.
  [/^CredentialAccess:Kubernetes\//, 'TTPs/CredentialAccess'],
  [/^DefenseEvasion:(Kubernetes\/|EC2\/|Runtime\/(PtraceAntiDebugging|SuspiciousCommand)$)/, 'TTPs/DefenseEvasion'],
  [/^PrivilegeEscalation:Kubernetes\/PrivilegedContainer$/, 'TTPs/PrivilegeEscalation'],
  // S3 Protection, IAM caller and root-usage findings, EC2 reputation requests, pen-test tools and attack
  // sequences carry the namespace alone.
  [/^(Discovery|Exfiltration|Impact|PenTest|Policy|UnauthorizedAccess):S3\//, 'TTPs'],
  [/^UnauthorizedAccess:(IAMUser\/(MaliciousIPCaller|ConsoleLoginSuccess)|\w+\/MetadataDNSRebind)/, 'TTPs'],
  [/^Impact:EC2\/\w+\.Reputation$/, 'TTPs'],
  [/^(Policy:IAMUser|PenTest:\w+|AttackSequence:\w+)\//, 'TTPs'],
];

/** Classifiers that are not the type with its first `/` dashed; the first match is rewritten, the rest not. */
const CLASSIFIER_REWRITES: readonly (readonly [RegExp, string])[] = [
  [/^((AttackSequence|PenTest:IAMUser)[:/].*)$/, '$1'],
  [/^\w+:(IAMUser)\/(AnomalousBehavior)$/, '$1-$2'],
  [/^Discovery:(RDS)\/(.+)$/, '$1-$2'],
  [/^(\w+):(Kubernetes)\/AnomalousBehavior\.(.+)$/, '$1:$2-$3'],
  [/^DefenseEvasion:(EC2)\/Unusual(DNS|DoH|DoT)(\w+)$/, '$1:Unusual-$2-$3'],
  [/^([^/]*)\//, '$1-'],
];

/** The ASFF Types of a GuardDuty finding type; a string that is not a GuardDuty type gives none. */
export function asffFindingTypes(type: string): string[] | undefined {
  const purpose = /^(\w+):\w+\/./.exec(type)?.[1];
  if (purpose === undefined) return undefined;
  const category =
    CATEGORY_EXCEPTIONS.find(([pattern]) => pattern.test(type))?.[1] ?? PURPOSE_CATEGORIES[purpose] ?? 'TTPs';
  const rewrite = CLASSIFIER_REWRITES.find(([pattern]) => pattern.test(type));
  const classifier = rewrite === undefined ? type : type.replace(rewrite[0], rewrite[1]);
  return [`${category}/${classifier}`];
}
