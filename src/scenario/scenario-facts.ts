// What a test or the demo needs to know about a generated scenario without reading its files back.

export interface CreatedUserFact {
  readonly userName: string;
  readonly arn: string;
  readonly accessKeyId: string;
  /** The user whose credentials made the CreateUser call. */
  readonly createdBy: string;
  readonly loginProfile: boolean;
  readonly policyArns: readonly string[];
}

export interface TimeRange {
  /** ISO-8601, inclusive. */
  readonly start: string;
  readonly end: string;
}

export interface IncidentFacts {
  readonly accountId: string;
  readonly attackerIps: readonly string[];
  readonly compromisedUser: { readonly userName: string; readonly arn: string; readonly accessKeyId: string };
  readonly createdUsers: readonly CreatedUserFact[];
  readonly createdRole: {
    readonly roleName: string;
    readonly arn: string;
    readonly trustedAccountId: string;
    readonly policyArn: string;
  };
  readonly failedRunInstances: { readonly region: string; readonly attempts: number; readonly errorCode: string };
  readonly ransomNote: { readonly bucket: string; readonly region: string; readonly key: string };
  readonly deletedObjects: readonly {
    readonly bucket: string;
    readonly region: string;
    readonly key: string;
    readonly deleteMarkerVersionId: string;
  }[];
  /** First and last incident CloudTrail event. */
  readonly timeRange: TimeRange;
  readonly recordCount: number;
}

export interface IncidentFindingFacts {
  readonly guardDutyIds: readonly string[];
  readonly macieIds: readonly string[];
}

export interface IncidentFlowFact {
  /** ISO-8601 to the second: the start of the record's aggregation interval. */
  readonly start: string;
  readonly direction: 'ingress' | 'egress';
  readonly srcIp: string;
  readonly dstIp: string;
  readonly dstPort: number;
  readonly action: 'ACCEPT' | 'REJECT';
  readonly bytes: number;
}

/** The attacker in the network logs: probing the shop's web ACL, scanning and using the backup server. */
export interface NetworkIncidentFacts {
  readonly domain: string;
  readonly instance: {
    readonly id: string;
    readonly name: string;
    readonly privateIp: string;
    readonly accountId: string;
    readonly region: string;
    readonly vpcId: string;
  };
  /** The instance's lookups of the domain, each answered with one of the attacker's addresses. */
  readonly lookups: readonly { readonly time: string; readonly resolvedIp: string }[];
  readonly flows: readonly IncidentFlowFact[];
  readonly webAcl: {
    readonly arn: string;
    readonly accountId: string;
    readonly region: string;
    readonly clientIp: string;
    readonly requests: number;
    readonly blocked: number;
  };
}

export interface DeliveryCounts {
  readonly cloudTrailFiles: number;
  /** Every CloudTrail record written, the incident's included; equals the `events` asked for. */
  readonly cloudTrailRecords: number;
  readonly managementEvents: number;
  readonly s3DataEvents: number;
  readonly lambdaDataEvents: number;
  readonly findingFiles: number;
  readonly findings: number;
  readonly vpcFlowFiles: number;
  readonly vpcFlowRecords: number;
  readonly resolverFiles: number;
  readonly resolverQueries: number;
  readonly wafFiles: number;
  readonly wafRequests: number;
}

export interface ScenarioFacts {
  readonly seed: number;
  readonly outDir: string;
  /** Where the incident happens; the other accounts carry only benign activity. */
  readonly incidentAccountId: string;
  readonly accountIds: readonly string[];
  readonly regions: readonly string[];
  /** Span of all CloudTrail events; the network logs fall inside the same days. */
  readonly timeRange: TimeRange;
  readonly incident: IncidentFacts;
  readonly findings: IncidentFindingFacts;
  readonly network: NetworkIncidentFacts;
  readonly counts: DeliveryCounts;
}
