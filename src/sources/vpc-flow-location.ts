// The account and region a flow log file belongs to, read from where S3 delivered it: the folders
// `AWSLogs/<account>/vpcflowlogs/<region>/YYYY/MM/DD/` (or their Hive-style form `aws-account-id=<account>/
// aws-service=vpcflowlogs/aws-region=<region>/`), or, for a file copied out of its folders, its name
// `<account>_vpcflowlogs_<region>_<flow log id>_<time>_<hash>.log.gz`. The default format has no region
// field, so without this its records would have no region to be partitioned by.

export interface FlowLogLocation {
  readonly accountId?: string;
  readonly region?: string;
}

const REGION = '[a-z]{2}(?:-[a-z]+)+-\\d+';
const FOLDERS = new RegExp(
  `(?:^|[\\\\/])AWSLogs[\\\\/](?:aws-account-id=)?(\\d{12})[\\\\/](?:aws-service=)?vpcflowlogs[\\\\/](?:aws-region=)?(${REGION})[\\\\/]`,
);
const FILE_NAME = new RegExp(`(?:^|[\\\\/])(\\d{12})_vpcflowlogs_(${REGION})_[^\\\\/]*$`);
const NOWHERE: FlowLogLocation = {};

/** Read once per file; the records of the file share the answer. */
export function flowLogLocation(file: string): FlowLogLocation {
  const match = FOLDERS.exec(file) ?? FILE_NAME.exec(file);
  if (match === null) return NOWHERE;
  const [, accountId, region] = match;
  return accountId !== undefined && region !== undefined ? { accountId, region } : NOWHERE;
}
