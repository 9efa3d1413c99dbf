// The EC2 playbook for instances the principal launched: keep what the instance is attached to, quarantine it
// in a security group of its own with no rules, protect it from termination, snapshot every EBS volume and
// tag it. The group's id and the volumes exist only at run time: the plan names them with placeholders and
// `contain --execute` fills them in from the answers of the step's earlier calls.

import { eventRef } from '../investigation/index.ts';
import type { AwsCall, RunTimeValue } from './aws-call.ts';
import { CASE_NAME, type PlanInput, type PlanStep, viaCalls } from './plan-step.ts';

const INSTANCE = 'Reservations.0.Instances.0';

const fromDescribe = (runTimeValue: string, path: string): RunTimeValue => ({
  runTimeValue,
  from: 'DescribeInstances',
  path: `${INSTANCE}.${path}`,
});

const caseTags = (resourceType: string, instanceId: string) => [
  {
    ResourceType: resourceType,
    Tags: [
      { Key: 'TarnCase', Value: CASE_NAME },
      { Key: 'TarnInstance', Value: instanceId },
    ],
  },
];

/** The calls in order; the group and volume ids come from CreateSecurityGroup and DescribeInstances. */
export function isolationCalls(id: string, region: string): AwsCall[] {
  const groupId: RunTimeValue = { runTimeValue: 'sg-id', from: 'CreateSecurityGroup', path: 'GroupId' };
  const ec2 = (operation: string, params: AwsCall['params'], more: Partial<AwsCall> = {}): AwsCall => ({
    service: 'ec2',
    operation,
    params,
    region,
    ...more,
  });
  return [
    // Its VPC, volumes and current groups: kept in the case, so the isolation can be undone.
    ec2('DescribeInstances', { InstanceIds: [id] }, { saveAs: `${id}-before.json` }),
    ec2('CreateSecurityGroup', {
      GroupName: `tarn-isolation-${CASE_NAME}-${id}`,
      Description: `Tarn case ${CASE_NAME}: isolation of ${id}, no inbound or outbound rules`,
      VpcId: fromDescribe('vpc-id', 'VpcId'),
      TagSpecifications: caseTags('security-group', id),
    }),
    // A new group allows all outbound IPv4 traffic; without that rule it allows nothing at all.
    ec2('RevokeSecurityGroupEgress', {
      GroupId: groupId,
      IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    }),
    ec2(
      'ModifyInstanceAttribute',
      { InstanceId: id, Groups: [groupId] },
      {
        undo: ec2('ModifyInstanceAttribute', {
          InstanceId: id,
          Groups: fromDescribe('security-group-ids', 'SecurityGroups.*.GroupId'),
        }),
      },
    ),
    ec2('ModifyInstanceAttribute', { InstanceId: id, DisableApiTermination: { Value: true } }),
    ec2('CreateSnapshot', {
      VolumeId: { ...fromDescribe('volume-id', 'BlockDeviceMappings.*.Ebs.VolumeId'), each: true },
      Description: `Tarn case ${CASE_NAME}: evidence from ${id}`,
      TagSpecifications: caseTags('snapshot', id),
    }),
    ec2('CreateTags', {
      Resources: [id],
      Tags: [
        { Key: 'Status', Value: 'Quarantine' },
        { Key: 'TarnCase', Value: CASE_NAME },
      ],
    }),
  ];
}

const LEFT_RUNNING =
  'Keeps the instance running in isolation (memory is evidence) and only its primary network interface changes group; connections already open may persist, as security groups let tracked connections go on; credentials of its instance role already taken stay valid until the role’s sessions are revoked; whatever it sent out stays out. Its former groups are kept in the case with the command that puts them back.';

export function instanceSteps({ allEvents, created }: PlanInput): PlanStep[] {
  const instances = created.filter((c) => c.kind === 'instance');
  const steps = instances.map(
    (instance): PlanStep => ({
      action: 'snapshot-and-isolate-instance',
      target: instance.id,
      why: `launched by ${instance.createdBy} at ${instance.proof.time}`,
      evidence: [instance.proof],
      ...viaCalls(...isolationCalls(instance.id, instance.detail ?? instance.proof.region)),
      wontUndo: LEFT_RUNNING,
    }),
  );
  const attempts = allEvents.filter((e) => e.operation === 'RunInstances' && !e.succeeded);
  if (instances.length === 0 && attempts.length > 0) {
    const errors = [...new Set(attempts.map((e) => e.error ?? e.status ?? 'failed'))].join(', ');
    steps.push({
      action: 'snapshot-and-isolate-instance',
      target: 'none launched',
      why: `RunInstances was attempted ${attempts.length} time(s) and every attempt failed (${errors}): no instance was launched, so there is nothing to snapshot or isolate`,
      evidence: attempts.map(eventRef),
      commands: [],
      calls: [],
      wontUndo: 'Nothing to undo; the attempts show intent (compute abuse) worth a service control policy.',
    });
  }
  return steps;
}
