// RECORDED-REQUEST FAKE, not STS. It records each STS Query-API request and answers GetCallerIdentity with
// the account the test gives for the access key id that signed the request (read from its SigV4 scope by
// local-aws-endpoint.ts), so a test can say whose credentials a run holds. It checks no signature.

import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { type QueryRequest, readQueryRequest } from './query-api-request.ts';

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

export class StsRecordedFake {
  readonly requests: (QueryRequest & { readonly accessKeyId: string })[] = [];

  /** `accounts`: the account each access key id belongs to; a key not in it belongs to `fallback`. */
  constructor(
    private readonly fallback: string,
    private readonly accounts: Readonly<Record<string, string>> = {},
  ) {}

  handle(res: ServerResponse, body: Buffer, accessKeyId: string): void {
    const request = readQueryRequest(body);
    this.requests.push({ ...request, accessKeyId });
    const requestId = randomUUID();
    res.setHeader('x-amzn-requestid', requestId);
    res.setHeader('content-type', 'text/xml');
    if (request.action !== 'GetCallerIdentity') {
      res.writeHead(400);
      res.end(
        `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>the fake answers GetCallerIdentity only</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      );
      return;
    }
    const account = this.accounts[accessKeyId] ?? this.fallback;
    res.writeHead(200);
    res.end(
      `<GetCallerIdentityResponse xmlns="${NS}"><GetCallerIdentityResult><Arn>arn:aws:iam::${account}:user/responder</Arn><UserId>AIDAFAKEFAKEFAKEFAKE1</UserId><Account>${account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
    );
  }
}
