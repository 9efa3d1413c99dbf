// `tarn ingest s3://bucket/prefix`: the objects under a prefix listed, and each new one read and handed to the
// batch as a file would be (archives member by member). An object the ledger holds with the same ETag is
// counted without being downloaded, so ingesting the prefix again reads only what arrived since.

import { GetObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import { LIMIT_TEXT, MAX_TEXT_BYTES, messageOf } from './decompress.ts';
import { objectUri, type S3Location } from './s3-location.ts';

export interface S3Input {
  readonly uri: string;
  readonly bucket: string;
  readonly key: string;
  readonly etag: string;
  readonly size: number;
}

/** What the ingest batch offers objects (a native batch; custom sources read local files only). */
export interface ObjectSink {
  /** True when the ledger holds this object with this ETag: its records count as duplicates, unread. */
  countIfUnchangedObject(uri: string, etag: string): boolean;
  addObject(uri: string, bytes: Buffer, etag: string): Promise<void> | undefined;
  rejectInput(uri: string, reason: string): undefined;
}

export type ObjectProgress = (done: number, total: number, uri: string) => void;

/** Objects under each location, folders' placeholder keys and hidden names left out, sorted by URI. */
export async function listS3Inputs(
  client: S3Client,
  locations: readonly S3Location[],
  since?: Date,
): Promise<S3Input[]> {
  const found = new Map<string, S3Input>();
  for (const { bucket, prefix } of locations) {
    for await (const page of paginateListObjectsV2({ client }, { Bucket: bucket, Prefix: prefix })) {
      for (const object of page.Contents ?? []) {
        const key = object.Key ?? '';
        if (key.endsWith('/') || key.split('/').some((part) => part.startsWith('.'))) continue;
        if (since !== undefined && object.LastModified !== undefined && object.LastModified < since) continue;
        const uri = objectUri(bucket, key);
        found.set(uri, { uri, bucket, key, etag: object.ETag ?? '', size: object.Size ?? 0 });
      }
    }
  }
  return [...found.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
}

/** Reads each object not already in the ledger, one at a time, and returns how many objects were listed. */
export async function readS3Inputs(
  client: S3Client,
  inputs: readonly S3Input[],
  sink: ObjectSink,
  progress: ObjectProgress,
): Promise<number> {
  for (const [index, input] of inputs.entries()) {
    if (!sink.countIfUnchangedObject(input.uri, input.etag)) {
      const body = await download(client, input);
      const reading =
        typeof body === 'string' ? sink.rejectInput(input.uri, body) : sink.addObject(input.uri, body, input.etag);
      if (reading !== undefined) await reading;
    }
    progress(index + 1, inputs.length, input.uri);
  }
  return inputs.length;
}

/** The object's bytes, or why they could not be read. One object is held at a time, as one local file is. */
async function download(client: S3Client, input: S3Input): Promise<Buffer | string> {
  if (input.size > MAX_TEXT_BYTES) {
    return `the object is ${input.size} bytes, over ${LIMIT_TEXT}, the limit on one input: download it, split it and ingest the parts`;
  }
  try {
    const answer = await client.send(
      new GetObjectCommand({ Bucket: input.bucket, Key: input.key, ...(input.etag ? { IfMatch: input.etag } : {}) }),
    );
    return Buffer.from((await answer.Body?.transformToByteArray()) ?? []);
  } catch (error) {
    return `cannot read the object: ${messageOf(error)}`;
  }
}
