// RECORDED-REQUEST FAKE, not Glue or Athena. It records each request of an AWS JSON-protocol service (the
// X-Amz-Target operation and its JSON body) in order and answers with what the test scripts for it, so a test
// asserts exactly which calls Tarn made. It keeps no state and checks nothing: the answers are the test's.

import type { IncomingMessage, ServerResponse } from 'node:http';

export interface JsonRequest {
  /** The operation, without the service prefix: `CreateTable`, `StartQueryExecution`. */
  readonly operation: string;
  readonly body: Record<string, unknown>;
}

/** A scripted answer: a body for success, or an AWS error by its code. */
export type JsonAnswer = { readonly body: unknown } | { readonly error: string; readonly message: string };

export class JsonRecordedFake {
  readonly requests: JsonRequest[] = [];

  constructor(private readonly answer: (request: JsonRequest, index: number) => JsonAnswer) {}

  handle(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const target = String(req.headers['x-amz-target'] ?? '');
    const request = {
      operation: target.slice(target.indexOf('.') + 1),
      body: JSON.parse(body.toString('utf8') || '{}'),
    };
    this.requests.push(request);
    const answer = this.answer(request, this.requests.length - 1);
    res.setHeader('content-type', 'application/x-amz-json-1.1');
    res.setHeader('x-amzn-requestid', `fake-${this.requests.length}`);
    if ('error' in answer) {
      res.writeHead(400, { 'x-amzn-errortype': answer.error });
      res.end(JSON.stringify({ __type: answer.error, Message: answer.message }));
      return;
    }
    res.writeHead(200);
    res.end(JSON.stringify(answer.body));
  }
}
