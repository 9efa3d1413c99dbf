// TEST STAND-IN, not S3: the XML bodies the S3 stand-in answers with, in S3's wire format (the element
// names the AWS SDK's deserializers read), and the small request bodies it has to read back.

import type { ServerResponse } from 'node:http';

export interface StoredVersion {
  readonly versionId: string;
  readonly deleteMarker: boolean;
  readonly body: Buffer;
  readonly etag: string;
  readonly lastModified: Date;
}

export const OWNER = '<Owner><ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID></Owner>';

export const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[c]};`);

export function sendXml(res: ServerResponse, status: number, xml: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/xml', ...headers });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`);
}

export function sendError(res: ServerResponse, status: number, code: string, message: string, headers = {}): void {
  sendXml(res, status, `<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>`, headers);
}

export function versionsXml(bucket: string, prefix: string, keys: [string, StoredVersion[]][]): string {
  const entries = keys
    .filter(([key]) => key.startsWith(prefix))
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([key, versions]) =>
      // S3 lists each key's versions newest first.
      [...versions].reverse().map((v, i) => {
        const common = `<Key>${escapeXml(key)}</Key><VersionId>${v.versionId}</VersionId><IsLatest>${i === 0}</IsLatest><LastModified>${v.lastModified.toISOString()}</LastModified>`;
        return v.deleteMarker
          ? `<DeleteMarker>${common}${OWNER}</DeleteMarker>`
          : `<Version>${common}<ETag>"${v.etag}"</ETag><Size>${v.body.length}</Size><StorageClass>STANDARD</StorageClass>${OWNER}</Version>`;
      }),
    );
  return `<ListVersionsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${escapeXml(bucket)}</Name><Prefix>${escapeXml(prefix)}</Prefix><KeyMarker></KeyMarker><VersionIdMarker></VersionIdMarker><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>${entries.join('')}</ListVersionsResult>`;
}

export function aclXml(): string {
  return `<AccessControlPolicy>${OWNER}<AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant></AccessControlList></AccessControlPolicy>`;
}

export function publicAccessBlockXml(settings: Readonly<Record<string, boolean>>): string {
  const fields = Object.entries(settings).map(([name, value]) => `<${name}>${value}</${name}>`);
  return `<PublicAccessBlockConfiguration>${fields.join('')}</PublicAccessBlockConfiguration>`;
}

/** The four switches of a PublicAccessBlockConfiguration body. */
export function readPublicAccessBlock(body: string): Record<string, boolean> {
  const settings: Record<string, boolean> = {};
  for (const [, name, value] of body.matchAll(/<(\w+)>(true|false)<\/\1>/g))
    settings[name as string] = value === 'true';
  return settings;
}

export function versioningXml(status: string | undefined): string {
  return `<VersioningConfiguration>${status === undefined ? '' : `<Status>${status}</Status>`}</VersioningConfiguration>`;
}

/** ListObjectsV2: the current (not deleted) objects under a prefix, in key order, `maxKeys` a page. */
export function listV2Xml(
  bucket: string,
  prefix: string,
  keys: [string, StoredVersion[]][],
  after: string,
  maxKeys: number,
): string {
  const live = keys
    .map(([key, versions]) => [key, versions.at(-1)] as const)
    .filter(([key, v]) => key.startsWith(prefix) && key > after && v !== undefined && !v.deleteMarker)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const page = live.slice(0, maxKeys);
  const truncated = live.length > page.length;
  const contents = page.map(
    ([key, v]) =>
      `<Contents><Key>${escapeXml(key)}</Key><LastModified>${v?.lastModified.toISOString()}</LastModified><ETag>&quot;${escapeXml(v?.etag ?? '')}&quot;</ETag><Size>${v?.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`,
  );
  const next = truncated ? `<NextContinuationToken>${escapeXml(page.at(-1)?.[0] ?? '')}</NextContinuationToken>` : '';
  return `<ListBucketResult><Name>${escapeXml(bucket)}</Name><Prefix>${escapeXml(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${maxKeys}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${contents.join('')}${next}</ListBucketResult>`;
}
