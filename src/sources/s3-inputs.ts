// `tarn ingest s3://bucket/prefix`: the objects under a prefix listed, and each new one read and handed to the
// batch as a file would be (archives member by member). An object the ledger holds with the same ETag is
// counted without being downloaded, so ingesting the prefix again reads only what arrived since. A small
// object is held in memory; a larger one is streamed to a file, so its size never decides the memory used.

import type { Readable } from 'node:stream';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { messageOf } from './decompress.ts';
import { listObjects } from './s3-listing.ts';
import { objectUri, type S3Location } from './s3-location.ts';

/** Objects up to this size are read into memory; larger ones are streamed to a file (`TARN_S3_STREAM_BYTES`). */
export const STREAM_OVER_BYTES = 64 * 1024 * 1024;

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
  /** An object over the in-memory size, its body still streaming from S3. */
  addObjectStream(uri: string, body: Readable, etag: string): Promise<void>;
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
    for await (const object of listObjects(client, bucket, prefix)) {
      const key = object.Key ?? '';
      if (key.endsWith('/') || key.split('/').some((part) => part.startsWith('.'))) continue;
      if (since !== undefined && object.LastModified !== undefined && object.LastModified < since) continue;
      const uri = objectUri(bucket, key);
      found.set(uri, { uri, bucket, key, etag: object.ETag ?? '', size: object.Size ?? 0 });
    }
  }
  return [...found.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
}

export interface ReadRange {
  /** The index of the first object to read. */
  readonly from?: number;
  /** Asked after each object: true stops the read there (the ingest commits what it holds, then reads on). */
  readonly full?: () => boolean;
  /** Objects larger than this are streamed to a file rather than held in memory. */
  readonly streamOverBytes?: number;
}

/** Reads each object not already in the ledger, one at a time, and returns the index of the next to read. */
export async function readS3Inputs(
  client: S3Client,
  inputs: readonly S3Input[],
  sink: ObjectSink,
  progress: ObjectProgress,
  range: ReadRange = {},
): Promise<number> {
  const { from = 0, full = () => false, streamOverBytes = STREAM_OVER_BYTES } = range;
  for (let index = from; index < inputs.length; index++) {
    const input = inputs[index] as S3Input;
    if (!sink.countIfUnchangedObject(input.uri, input.etag)) await readObject(client, input, sink, streamOverBytes);
    progress(index + 1, inputs.length, input.uri);
    if (index < inputs.length - 1 && full()) return index + 1;
  }
  return inputs.length;
}

/** Hands the object to the sink, in memory or as a stream by its size, or rejects it with why it could not be read. */
async function readObject(client: S3Client, input: S3Input, sink: ObjectSink, streamOverBytes: number): Promise<void> {
  const { uri, etag } = input;
  let content: Buffer | Readable;
  try {
    const answer = await client.send(
      new GetObjectCommand({ Bucket: input.bucket, Key: input.key, ...(etag ? { IfMatch: etag } : {}) }),
    );
    // In Node the SDK's body is a Readable stream.
    const body = answer.Body as (Readable & { transformToByteArray(): Promise<Uint8Array> }) | undefined;
    content =
      body !== undefined && input.size > streamOverBytes
        ? body
        : Buffer.from((await body?.transformToByteArray()) ?? []);
  } catch (error) {
    sink.rejectInput(uri, `cannot read the object: ${messageOf(error)}`);
    return;
  }
  await (Buffer.isBuffer(content) ? sink.addObject(uri, content, etag) : sink.addObjectStream(uri, content, etag));
}
