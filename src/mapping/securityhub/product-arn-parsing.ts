// What a Security Hub ProductArn (`arn:aws:securityhub:us-east-1::product/aws/guardduty`) says about a
// finding when the finding itself leaves it out: the Region it was imported in, and the product's name.

// Security Hub's own ProductName for AWS integrations (`product/aws/<segment>`), as it writes them into ASFF.
const AWS_PRODUCT_NAMES: Readonly<Record<string, string>> = {
  guardduty: 'GuardDuty',
  inspector: 'Inspector',
  macie: 'Macie',
  securityhub: 'Security Hub',
  config: 'Config',
  'access-analyzer': 'IAM Access Analyzer',
  'firewall-manager': 'Firewall Manager',
  health: 'Health',
  'ssm-patch-manager': 'Systems Manager Patch Manager',
};

interface ProductArn {
  readonly region: string | undefined;
  readonly company: string;
  readonly product: string;
}

function parseProductArn(arn: string): ProductArn | undefined {
  const match = /^arn:[^:]+:securityhub:([^:]*):[^:]*:product\/([^/]+)\/(.+)$/.exec(arn);
  if (match === null) return undefined;
  const [, region, company = '', product = ''] = match;
  return { region: region === '' ? undefined : region, company, product };
}

export function regionOfProductArn(arn: string | undefined): string | undefined {
  return arn === undefined ? undefined : parseProductArn(arn)?.region;
}

/**
 * The name Security Hub gives the product: its known name for an AWS service, otherwise the ARN's last
 * segment in title case (`product/123456789012/default` is `Default`, as Security Hub names custom products).
 */
export function productNameOfArn(arn: string | undefined): string | undefined {
  const parsed = arn === undefined ? undefined : parseProductArn(arn);
  if (parsed === undefined) return undefined;
  const known = parsed.company === 'aws' ? AWS_PRODUCT_NAMES[parsed.product] : undefined;
  if (known !== undefined) return known;
  const last = parsed.product.split('/').at(-1) ?? '';
  const words = last.split(/[-_]/).filter((word) => word !== '');
  return words.length > 0 ? words.map((word) => word[0]?.toUpperCase() + word.slice(1)).join(' ') : undefined;
}
