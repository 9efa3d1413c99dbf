// RECORDED-REQUEST FAKE, not IAM. It records each IAM Query-API request (Action and parameters) in order and
// answers with IAM's XML response shapes, so a test can assert exactly which calls `tarn contain --execute`
// made. It keeps no IAM state and checks no permission: a call fails only when the test says it should.

import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export interface IamRequest {
  readonly action: string;
  readonly params: Readonly<Record<string, string>>;
}

export interface IamFailure {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

const NS = 'https://iam.amazonaws.com/doc/2010-05-08/';

/** The Result element of actions that return data; the others answer with metadata only. */
function resultXml(request: IamRequest): string {
  if (request.action !== 'GetRole') return '';
  const name = request.params.RoleName ?? '';
  const trust = encodeURIComponent(
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
    }),
  );
  return `<GetRoleResult><Role><Path>/</Path><RoleName>${name}</RoleName><RoleId>AROAFAKEFAKEFAKEFAKE1</RoleId><Arn>arn:aws:iam::111122223333:role/${name}</Arn><CreateDate>2024-03-10T14:24:10Z</CreateDate><AssumeRolePolicyDocument>${trust}</AssumeRolePolicyDocument></Role></GetRoleResult>`;
}

export class IamRecordedFake {
  readonly requests: IamRequest[] = [];

  /** `fail` decides which recorded requests are answered with an IAM error. */
  constructor(private readonly fail: (request: IamRequest) => IamFailure | undefined = () => undefined) {}

  handle(res: ServerResponse, body: Buffer): void {
    const form = new URLSearchParams(body.toString('utf8'));
    const { Action: action = '', Version: _version, ...params } = Object.fromEntries(form);
    const request = { action, params };
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
    res.writeHead(200);
    res.end(
      `<${action}Response xmlns="${NS}">${resultXml(request)}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
    );
  }
}
