// The one error type meant for the user: the CLI prints its message as it is, without a stack.

export class TarnError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'TarnError';
  }
}
