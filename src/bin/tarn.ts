// The `tarn` executable: hands the arguments to the CLI and exits with its code.

import { runCli } from '../cli/cli-main.ts';
import { processIO } from '../cli/cli-io.ts';

process.exitCode = await runCli(process.argv.slice(2), processIO());
