// The request of an AWS Query-protocol API (IAM, EC2) as the recorded-request fakes keep it: the Action and
// the form's other fields, flattened as the SDK sends them (`InstanceId.1`, `TagSpecification.1.Tag.1.Key`).

export interface QueryRequest {
  readonly action: string;
  readonly params: Readonly<Record<string, string>>;
}

export interface QueryFailure {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

export function readQueryRequest(body: Buffer): QueryRequest {
  const form = new URLSearchParams(body.toString('utf8'));
  const { Action: action = '', Version: _version, ...params } = Object.fromEntries(form);
  return { action, params };
}
