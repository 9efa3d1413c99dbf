// RECORDED-REQUEST FAKE, not IAM. It records each IAM Query-API request (Action and parameters) in order and
// answers with IAM's XML response shapes, so a test can assert exactly which calls `tarn contain --execute`
// made. It checks no permission: a call fails only when the test says it should. The one state it derives is
// the access keys' status for ListAccessKeys: the keys it was given, as changed by UpdateAccessKey calls it
// answered with success — enough to check what the run did, nothing more of IAM.

import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { type QueryFailure, type QueryRequest, readQueryRequest } from './query-api-request.ts';
import { escapeXml } from './s3-stand-in-xml.ts';

const NS = 'https://iam.amazonaws.com/doc/2010-05-08/';

/** GetRole's answer: a role trusting everyone, as a role created by an attacker might. */
function roleXml(name: string): string {
  const trust = encodeURIComponent(
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
    }),
  );
  return `<GetRoleResult><Role><Path>/</Path><RoleName>${name}</RoleName><RoleId>AROAFAKEFAKEFAKEFAKE1</RoleId><Arn>arn:aws:iam::111122223333:role/${name}</Arn><CreateDate>2024-03-10T14:24:10Z</CreateDate><AssumeRolePolicyDocument>${trust}</AssumeRolePolicyDocument></Role></GetRoleResult>`;
}

function accessKeysXml(user: string, keys: ReadonlyMap<string, string>): string {
  const members = [...keys].map(
    ([id, status]) =>
      `<member><UserName>${escapeXml(user)}</UserName><AccessKeyId>${id}</AccessKeyId><Status>${status}</Status><CreateDate>2024-03-10T14:24:10Z</CreateDate></member>`,
  );
  return `<ListAccessKeysResult><UserName>${escapeXml(user)}</UserName><AccessKeyMetadata>${members.join('')}</AccessKeyMetadata><IsTruncated>false</IsTruncated></ListAccessKeysResult>`;
}

export class IamRecordedFake {
  readonly requests: QueryRequest[] = [];
  /** Each user's keys and their status: seeded Active, then as successful UpdateAccessKey calls set them. */
  private readonly keys = new Map<string, Map<string, string>>();

  /** `fail` decides which recorded requests are answered with an IAM error; `accessKeys` are users' keys. */
  constructor(
    private readonly fail: (request: QueryRequest) => QueryFailure | undefined = () => undefined,
    accessKeys: Readonly<Record<string, readonly string[]>> = {},
  ) {
    for (const [user, ids] of Object.entries(accessKeys)) this.keys.set(user, new Map(ids.map((id) => [id, 'Active'])));
  }

  handle(res: ServerResponse, body: Buffer): void {
    const request = readQueryRequest(body);
    const { action, params } = request;
    this.requests.push(request);
    const requestId = randomUUID();
    const failure = this.fail(request);
    // IAM sends its request id in a header as well as in the body; the SDK reads the header.
    res.setHeader('x-amzn-requestid', requestId);
    res.setHeader('content-type', 'text/xml');
    if (failure !== undefined) {
      res.writeHead(failure.status);
      res.end(
        `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${failure.code}</Code><Message>${failure.message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      );
      return;
    }
    const user = params.UserName ?? '';
    if (action === 'UpdateAccessKey') {
      const keys = this.keys.get(user) ?? new Map<string, string>();
      this.keys.set(user, keys.set(params.AccessKeyId ?? '', params.Status ?? ''));
    }
    const result =
      action === 'GetRole'
        ? roleXml(params.RoleName ?? '')
        : action === 'ListAccessKeys'
          ? accessKeysXml(user, this.keys.get(user) ?? new Map())
          : '';
    res.writeHead(200);
    res.end(
      `<${action}Response xmlns="${NS}">${result}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
    );
  }
}
