// TEST STAND-INS behind one local endpoint, as LocalStack serves every service on one port: a request goes
// to the S3 stand-in or the IAM, EC2, STS, Glue or Athena recorded-request fake by the service named in its SigV4
// credential scope
// (`Credential=AKID/20240310/us-east-1/iam/aws4_request`). Signatures are not checked.

import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Ec2RecordedFake } from './ec2-recorded-fake.ts';
import type { IamRecordedFake } from './iam-recorded-fake.ts';
import type { JsonRecordedFake } from './json-api-recorded-fake.ts';
import type { S3StandIn } from './s3-stand-in-server.ts';
import type { StsRecordedFake } from './sts-recorded-fake.ts';

export interface LocalAws {
  readonly url: string;
  /** Every request in order: the service and the access key id it was signed with (its credentials). */
  readonly requests: readonly { readonly service: string; readonly accessKeyId: string }[];
  readonly close: () => Promise<void>;
}

/** Test credentials: the SDK signs with them, the stand-ins never check them. */
export const STAND_IN_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIASTANDINSTANDIN00',
  AWS_SECRET_ACCESS_KEY: 'stand-in-secret-not-checked',
  AWS_REGION: 'us-east-1',
} as const;

function credentialScope(req: IncomingMessage): { service?: string; accessKeyId?: string } {
  const [, accessKeyId, service] =
    /Credential=([^/]+)\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(req.headers.authorization ?? '') ?? [];
  return { service, accessKeyId };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startLocalAws(services: {
  s3?: S3StandIn;
  iam?: IamRecordedFake;
  ec2?: Ec2RecordedFake;
  /** JSON-protocol services (glue, athena) by the name in the credential scope. */
  json?: Readonly<Record<string, JsonRecordedFake>>;
  sts?: StsRecordedFake;
}): Promise<LocalAws> {
  const requests: { service: string; accessKeyId: string }[] = [];
  const server = createServer((req, res) => {
    readBody(req)
      .then((body) => {
        const { service, accessKeyId } = credentialScope(req);
        requests.push({ service: service ?? '', accessKeyId: accessKeyId ?? '' });
        if (service === 's3' && services.s3) return services.s3.handle(req, res, body);
        if (service === 'iam' && services.iam) return services.iam.handle(res, body);
        if (service === 'ec2' && services.ec2) return services.ec2.handle(res, body);
        const json = service === undefined ? undefined : services.json?.[service];
        if (json) return json.handle(req, res, body);
        if (service === 'sts' && services.sts) return services.sts.handle(res, body, accessKeyId ?? '');
        res.writeHead(400, { 'content-type': 'text/plain' }).end(`no stand-in for service ${service ?? 'unknown'}`);
      })
      .catch((error: Error) => res.writeHead(500).end(error.message));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
