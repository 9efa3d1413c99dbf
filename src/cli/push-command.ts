// `tarn push s3://bucket/prefix [--lake DIR] [--endpoint-url URL] [--profile P] [--region R]`

import { pushLake } from '../lake/lake-push.ts';
import { parseS3Uri } from '../sources/s3-location.ts';
import { TarnError } from '../tarn-error.ts';
import { type Command, existingLake, LAKE_OPTION } from './command.ts';
import { formatCount } from './progress-line.ts';
import { AWS_CLIENT_OPTIONS, AWS_CLIENT_USAGE, s3Client } from './s3-client-option.ts';

export const pushCommand: Command = {
  name: 'push',
  summary: 'copy the lake’s committed files and a manifest to S3 (only what is missing)',
  usage: `Usage: tarn push s3://bucket/prefix [--lake DIR] [--endpoint-url URL] [--profile P] [--region R]

  Copies every committed Parquet file under the same key below the prefix (aws/<SOURCE>/2.0/region=…/…),
  skipping objects already there with the same size, so an interrupted push resumes where it stopped; then
  writes _tarn/push-manifest.json (files, partitions, rows, sizes). Register the copy with tarn catalog ddl.

  --lake DIR           the lake pushed (default ./lake, or $TARN_LAKE)
${AWS_CLIENT_USAGE}`,
  options: { ...LAKE_OPTION, ...AWS_CLIENT_OPTIONS },
  async run(args, io) {
    const [uri, ...extra] = args.positionals;
    if (uri === undefined || extra.length > 0) throw new TarnError('give one destination: s3://bucket/prefix', 2);
    const target = parseS3Uri(uri);
    const lakeDir = existingLake(args);
    const client = await s3Client(args);
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
