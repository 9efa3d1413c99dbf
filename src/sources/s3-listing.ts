// The objects under an S3 prefix, page by page, as tarn ingest, attach and push list them. A listing S3 refuses
// (credentials, permissions, no such bucket) is an error naming the location, before anything is read.

import { paginateListObjectsV2, type S3Client, type _Object as S3Object } from '@aws-sdk/client-s3';
import { TarnError } from '../tarn-error.ts';
import { messageOf } from './decompress.ts';
import { objectUri } from './s3-location.ts';

export async function* listObjects(client: S3Client, bucket: string, prefix: string): AsyncGenerator<S3Object> {
  try {
    for await (const page of paginateListObjectsV2({ client }, { Bucket: bucket, Prefix: prefix })) {
      yield* page.Contents ?? [];
    }
  } catch (error) {
    throw new TarnError(`cannot list ${objectUri(bucket, prefix)}: ${messageOf(error)}`, 1);
  }
}
