// Facts about ../shared/datasets that more than one test pins.

/** The files under datasets that are not AWS logs: each is rejected whole. */
export const NOT_LOG_FILES: readonly string[] = [
  'OTRF_Security-Datasets/LICENSE',
  'OTRF_Security-Datasets/atomic/_metadata/SDAWS-200914011940.yaml',
  'OTRF_Security-Datasets/atomic/_metadata/SDAWS-2202181000.yaml',
  'OTRF_Security-Datasets/atomic/aws/discovery/AWS_S3_HoneyBucketLogs.csv',
  'README.md',
  'invictus-ir_aws_dataset/LICENSE',
  'panther-analysis/panther_tests_cloudtrail.index.jsonl',
  'panther-analysis/panther_tests_guardduty.index.jsonl',
  'panther-analysis/panther_tests_route53_resolver.index.jsonl',
  'panther-analysis/panther_tests_securityhub_asff.index.jsonl',
  'panther-analysis/panther_tests_vpcflow.index.jsonl',
];
