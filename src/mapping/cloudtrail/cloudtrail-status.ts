// `status` (the 2.0 tables have no status_id): AWS's rule maps no errorCode to Success, the generic AWS
// API error codes to Failure, and keeps any other error code as the status text.

const FAILURE_CODES = new Set([
  'AccessDenied',
  'IncompleteSignature',
  'InternalFailure',
  'InvalidAction',
  'InvalidClientTokenId',
  'NotAuthorized',
  'OptInRequired',
  'RequestExpired',
  'ServiceUnavailable',
  'ThrottlingException',
  'ValidationError',
]);

export function statusOf(errorCode: string | undefined): string {
  if (errorCode === undefined) return 'Success';
  return FAILURE_CODES.has(errorCode) ? 'Failure' : errorCode;
}
