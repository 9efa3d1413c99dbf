// The part of @20minutes/s3rver that s3-server.ts uses: the package ships no types.

declare module '@20minutes/s3rver' {
  import type { Server } from 'node:http';
  import type { AddressInfo } from 'node:net';

  interface S3rverOptions {
    readonly address?: string;
    readonly port?: number;
    readonly silent?: boolean;
    /** Accept a request whose signature s3rver computes differently (the access key id is still checked). */
    readonly allowMismatchedSignatures?: boolean;
    /** Where the objects are kept. */
    readonly directory?: string;
    /** Buckets created before the server starts. */
    readonly configureBuckets?: readonly { readonly name: string }[];
  }

  export default class S3rver {
    constructor(options: S3rverOptions);
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
    readonly httpServer: Server;
  }
}
