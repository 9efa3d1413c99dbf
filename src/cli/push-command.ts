// `tarn push s3://bucket/prefix [--lake DIR] [--endpoint-url URL] [--profile P] [--region R]`

import { S3Client } from '@aws-sdk/client-s3';
import { parseS3Uri, pushLake } from '../lake/lake-push.ts';
import { TarnError } from '../tarn-error.ts';
import { type Command, existingLake, LAKE_OPTION, stringOption } from './command.ts';
import { formatCount } from './progress-line.ts';

export const pushCommand: Command = {
  name: 'push',
  summary: 'copy the lake’s committed files and a manifest to S3 (only what is missing)',
  usage: `Usage: tarn push s3://bucket/prefix [--lake DIR] [--endpoint-url URL] [--profile P] [--region R]

  Copies every committed Parquet file under the same key below the prefix (aws/<SOURCE>/2.0/region=…/…),
  skipping objects already there with the same size, so an interrupted push resumes where it stopped; then
  writes _tarn/push-manifest.json (files, partitions, rows, sizes). Register the copy with tarn catalog ddl.
  Credentials come from the SDK's chain (environment, config files, SSO, roles) or --profile;
  --endpoint-url (or AWS_ENDPOINT_URL) sends the calls to an S3-compatible server.

  --lake DIR           the lake pushed (default ./lake, or $TARN_LAKE)
  --endpoint-url URL   send the calls to this S3-compatible endpoint (also AWS_ENDPOINT_URL)
  --profile P          the AWS profile (else the SDK's default chain)
  --region R           the bucket's region (else the SDK's default)`,
  options: {
    ...LAKE_OPTION,
    'endpoint-url': { type: 'string' },
    profile: { type: 'string' },
    region: { type: 'string' },
  },
  async run(args, io) {
    const [uri, ...extra] = args.positionals;
    if (uri === undefined || extra.length > 0) throw new TarnError('give one destination: s3://bucket/prefix', 2);
    const target = parseS3Uri(uri);
    const lakeDir = existingLake(args);
    const endpoint =
      stringOption(args, 'endpoint-url') ?? process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL;
    const profile = stringOption(args, 'profile');
    const region = stringOption(args, 'region');
    const client = new S3Client({
      ...(endpoint === undefined ? {} : { endpoint, forcePathStyle: true }),
      ...(profile === undefined ? {} : { profile }),
      ...(region === undefined ? {} : { region }),
    });
    try {
      const result = await pushLake(lakeDir, target, client, (done, total) => {
        if (io.interactive) io.stderr(`\rpush: ${formatCount(done)}/${formatCount(total)} files`);
      });
      if (io.interactive) io.stderr('\n');
      io.stdout(
        `Pushed ${uri}: ${result.files} files, ${result.uploaded} uploaded (${formatCount(result.bytesUploaded)} bytes), ${result.skipped} already there\n`,
      );
      return 0;
    } finally {
      client.destroy();
    }
  },
};
