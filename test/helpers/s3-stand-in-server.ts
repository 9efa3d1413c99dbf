// TEST STAND-IN, not S3. A small in-memory S3-compatible server for the tests of `tarn contain --execute`:
// path-style requests, SigV4 headers accepted but not checked, S3's XML wire format. It implements what the
// containment and recovery plans touch: CreateBucket, ListObjectsV2 (prefix, pages), Put/GetBucketVersioning,
// Put/Get/Head/DeleteObject (delete markers, versionId), CopyObject (x-amz-copy-source with versionId),
// ListObjectVersions, Put/GetBucketPolicy, Put/GetPublicAccessBlock, GetBucketAcl. The tests of ingest, attach
// and push run on s3rver from npm (s3-server.ts); this stand-in stays for containment because no S3 server on
// npm covers versioning, bucket policies and public access blocks: s3rver and the packages built on it answer
// NotImplemented, fauxqs lists them as not supported, amplify-storage-simulator returns a fixed versionId.
// Served by local-aws-endpoint.ts.

import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as xml from './s3-stand-in-xml.ts';

interface Bucket {
  versioning?: string;
  policy?: string;
  publicAccessBlock?: Record<string, boolean>;
  readonly objects: Map<string, xml.StoredVersion[]>;
}

const newVersionId = () => randomBytes(16).toString('base64url');

export class S3StandIn {
  readonly buckets = new Map<string, Bucket>();

  /** Puts a delete marker with a chosen id on top of a key, as the incident's DeleteObject calls left it. */
  seedDeleteMarker(bucket: string, key: string, versionId: string): void {
    const b = this.bucket(bucket);
    if (b?.versioning !== 'Enabled') throw new Error(`seed: the bucket ${bucket} is missing or not versioned`);
    this.store(b, key, { deleteMarker: true, body: Buffer.alloc(0), versionId });
  }

  handle(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const [, bucketName = '', ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const q = url.searchParams;
    res.setHeader('x-amz-request-id', randomBytes(8).toString('hex').toUpperCase());
    if (req.method === 'PUT' && key === '' && q.size === 0) {
      this.buckets.set(bucketName, this.buckets.get(bucketName) ?? { objects: new Map() });
      return void res.writeHead(200, { location: `/${bucketName}` }).end();
    }
    const bucket = this.bucket(bucketName);
    if (bucket === undefined) xml.sendError(res, 404, 'NoSuchBucket', `The bucket ${bucketName} does not exist`);
    else if (key === '') this.bucketRequest(req.method ?? '', q, bucket, bucketName, body.toString('utf8'), res);
    else this.objectRequest(req, q, bucket, key, body, res);
  }

  private bucket(name: string): Bucket | undefined {
    return this.buckets.get(name);
  }

  private bucketRequest(
    method: string,
    q: URLSearchParams,
    b: Bucket,
    name: string,
    text: string,
    res: ServerResponse,
  ) {
    const put = method === 'PUT';
    const done = () => void res.writeHead(200).end();
    if (q.has('versioning')) {
      if (!put) return xml.sendXml(res, 200, xml.versioningXml(b.versioning));
      b.versioning = /<Status>(\w+)<\/Status>/.exec(text)?.[1];
      return done();
    }
    if (q.has('policy')) {
      if (put) {
        b.policy = text;
        return done();
      }
      if (b.policy === undefined)
        return xml.sendError(res, 404, 'NoSuchBucketPolicy', 'The bucket policy does not exist');
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(b.policy);
    }
    if (q.has('publicAccessBlock')) {
      if (put) {
        b.publicAccessBlock = xml.readPublicAccessBlock(text);
        return done();
      }
      if (b.publicAccessBlock !== undefined)
        return xml.sendXml(res, 200, xml.publicAccessBlockXml(b.publicAccessBlock));
      return xml.sendError(res, 404, 'NoSuchPublicAccessBlockConfiguration', 'The configuration was not found');
    }
    if (q.has('acl') && !put) return xml.sendXml(res, 200, xml.aclXml());
    if (q.has('versions')) return xml.sendXml(res, 200, xml.versionsXml(name, q.get('prefix') ?? '', [...b.objects]));
    if (q.get('list-type') === '2') {
      // The continuation token is the last key of the page before: opaque to the SDK, as S3's is.
      const after = q.get('continuation-token') ?? q.get('start-after') ?? '';
      const page = xml.listV2Xml(name, q.get('prefix') ?? '', [...b.objects], after, Number(q.get('max-keys') ?? 1000));
      return xml.sendXml(res, 200, page);
    }
    return xml.sendError(res, 501, 'NotImplemented', `the S3 stand-in does not implement ${method} /${name}?${q}`);
  }

  private objectRequest(
    req: IncomingMessage,
    q: URLSearchParams,
    b: Bucket,
    key: string,
    body: Buffer,
    res: ServerResponse,
  ) {
    const versions = b.objects.get(key) ?? [];
    const versionId = q.get('versionId');
    const copySource = req.headers['x-amz-copy-source'];
    if (req.method === 'PUT' && typeof copySource === 'string') return this.copy(b, key, copySource, res);
    if (req.method === 'PUT') {
      const stored = this.store(b, key, { deleteMarker: false, body, versionId: newVersionId() });
      return void res.writeHead(200, { etag: `"${stored.etag}"`, 'x-amz-version-id': stored.versionId }).end();
    }
    if (req.method === 'DELETE' && versionId === null && !b.versioning) {
      b.objects.delete(key);
      return void res.writeHead(204).end();
    }
    if (req.method === 'DELETE' && versionId === null) {
      const marker = this.store(b, key, { deleteMarker: true, body: Buffer.alloc(0), versionId: newVersionId() });
      return void res.writeHead(204, { 'x-amz-delete-marker': 'true', 'x-amz-version-id': marker.versionId }).end();
    }
    if (req.method === 'DELETE') {
      const gone = versions.find((v) => v.versionId === versionId);
      b.objects.set(
        key,
        versions.filter((v) => v !== gone),
      );
      const marker = gone?.deleteMarker ? { 'x-amz-delete-marker': 'true' } : {};
      return void res.writeHead(204, { 'x-amz-version-id': String(versionId), ...marker }).end();
    }
    const version = versionId === null ? versions.at(-1) : versions.find((v) => v.versionId === versionId);
    if (version === undefined) return xml.sendError(res, 404, versionId ? 'NoSuchVersion' : 'NoSuchKey', `no ${key}`);
    if (version.deleteMarker) {
      const headers = { 'x-amz-delete-marker': 'true', 'x-amz-version-id': version.versionId };
      return versionId === null
        ? xml.sendError(res, 404, 'NoSuchKey', 'The specified key does not exist.', headers)
        : xml.sendError(
            res,
            405,
            'MethodNotAllowed',
            'The specified method is not allowed against this resource.',
            headers,
          );
    }
    res.writeHead(200, {
      'content-length': version.body.length,
      etag: `"${version.etag}"`,
      'last-modified': version.lastModified.toUTCString(),
      'x-amz-version-id': version.versionId,
    });
    res.end(req.method === 'HEAD' ? undefined : version.body);
  }

  private copy(b: Bucket, key: string, header: string, res: ServerResponse): void {
    const [path = '', query = ''] = header.split('?');
    const [sourceBucket = '', ...sourceKey] = decodeURIComponent(path.replace(/^\//, '')).split('/');
    const sourceVersion = new URLSearchParams(query).get('versionId');
    const versions = this.bucket(sourceBucket)?.objects.get(sourceKey.join('/')) ?? [];
    const source = sourceVersion === null ? versions.at(-1) : versions.find((v) => v.versionId === sourceVersion);
    if (source === undefined || source.deleteMarker) {
      xml.sendError(res, 404, 'NoSuchVersion', `no ${header}`);
      return;
    }
    const copied = this.store(b, key, { deleteMarker: false, body: source.body, versionId: newVersionId() });
    const result = `<CopyObjectResult><ETag>"${copied.etag}"</ETag><LastModified>${copied.lastModified.toISOString()}</LastModified></CopyObjectResult>`;
    xml.sendXml(res, 200, result, {
      'x-amz-version-id': copied.versionId,
      'x-amz-copy-source-version-id': source.versionId,
    });
  }

  private store(b: Bucket, key: string, version: Pick<xml.StoredVersion, 'deleteMarker' | 'body' | 'versionId'>) {
    const etag = createHash('md5').update(version.body).digest('hex');
    // An unversioned bucket keeps one version, whose id S3 reports as "null".
    const stored = { ...version, etag, lastModified: new Date(), ...(b.versioning ? {} : { versionId: 'null' }) };
    b.objects.set(key, b.versioning ? [...(b.objects.get(key) ?? []), stored] : [stored]);
    return stored;
  }
}
