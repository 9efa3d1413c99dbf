// RECORDED-REQUEST FAKE, not EC2. It records each EC2 Query-API request (Action and the form's flattened
// parameters, as the SDK sends them) in order and answers with EC2's XML response shapes, so a test can
// assert exactly which calls `tarn contain --execute` made and that ids from one answer reach the next call.
// DescribeInstances answers from the instances the test gives it; created groups and snapshots get
// predictable ids (sg-0fake00000000001, snap-0fake00000000001…). It keeps no other state and checks nothing.

import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { type QueryFailure, type QueryRequest, readQueryRequest } from './query-api-request.ts';
import { escapeXml } from './s3-stand-in-xml.ts';

export interface FakeInstance {
  readonly vpcId: string;
  readonly volumeIds: readonly string[];
  readonly groups: readonly { readonly id: string; readonly name: string }[];
}

const NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const items = (values: readonly string[]) => values.map((v) => `<item>${v}</item>`).join('');

function instanceXml(id: string, instance: FakeInstance): string {
  const volumes = instance.volumeIds.map(
    (volumeId, i) =>
      `<deviceName>/dev/xvd${String.fromCharCode(97 + i)}</deviceName><ebs><volumeId>${volumeId}</volumeId><status>attached</status><deleteOnTermination>true</deleteOnTermination></ebs>`,
  );
  const groups = instance.groups.map((g) => `<groupId>${g.id}</groupId><groupName>${escapeXml(g.name)}</groupName>`);
  return `<instanceId>${id}</instanceId><instanceState><code>16</code><name>running</name></instanceState><vpcId>${instance.vpcId}</vpcId><blockDeviceMapping>${items(volumes)}</blockDeviceMapping><groupSet>${items(groups)}</groupSet>`;
}

export class Ec2RecordedFake {
  readonly requests: QueryRequest[] = [];
  private created = 0;

  constructor(
    private readonly instances: Readonly<Record<string, FakeInstance>>,
    private readonly fail: (request: QueryRequest) => QueryFailure | undefined = () => undefined,
  ) {}

  handle(res: ServerResponse, body: Buffer): void {
    const request = readQueryRequest(body);
    this.requests.push(request);
    const requestId = randomUUID();
    res.setHeader('x-amzn-requestid', requestId);
    res.setHeader('content-type', 'text/xml');
    const failure = this.fail(request) ?? this.unknownInstance(request);
    if (failure !== undefined) {
      res.writeHead(failure.status);
      res.end(
        `<Response><Errors><Error><Code>${failure.code}</Code><Message>${escapeXml(failure.message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
      );
      return;
    }
    const result = this.result(request);
    res.writeHead(200);
    res.end(
      `<${request.action}Response xmlns="${NS}"><requestId>${requestId}</requestId>${result}</${request.action}Response>`,
    );
  }

  private unknownInstance({ action, params }: QueryRequest): QueryFailure | undefined {
    const id = action === 'DescribeInstances' ? params['InstanceId.1'] : undefined;
    if (id === undefined || id in this.instances) return undefined;
    return { status: 400, code: 'InvalidInstanceID.NotFound', message: `The instance ID '${id}' does not exist` };
  }

  private result({ action, params }: QueryRequest): string {
    const next = () => `0fake${String(++this.created).padStart(12, '0')}`;
    switch (action) {
      case 'DescribeInstances': {
        const id = params['InstanceId.1'] ?? '';
        const instance = instanceXml(id, this.instances[id] as FakeInstance);
        return `<reservationSet><item><reservationId>r-0fake000000000001</reservationId><ownerId>111122223333</ownerId><instancesSet><item>${instance}</item></instancesSet></item></reservationSet>`;
      }
      case 'CreateSecurityGroup':
        return `<return>true</return><groupId>sg-${next()}</groupId>`;
      case 'CreateSnapshot':
        return `<snapshotId>snap-${next()}</snapshotId><volumeId>${params.VolumeId}</volumeId><status>pending</status><startTime>2024-03-10T15:00:00.000Z</startTime><progress></progress><ownerId>111122223333</ownerId><volumeSize>8</volumeSize><description>${escapeXml(params.Description ?? '')}</description>`;
      case 'RevokeSecurityGroupEgress':
      case 'ModifyInstanceAttribute':
      case 'CreateTags':
        return '<return>true</return>';
      default:
        throw new Error(`the EC2 fake does not answer ${action}`);
    }
  }
}
