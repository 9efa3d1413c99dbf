// The `tarn` executable: hands the arguments to the CLI and exits with its code.

import { processIO } from '../cli/cli-io.ts';
import { runCli } from '../cli/cli-main.ts';

process.exitCode = await runCli(process.argv.slice(2), processIO());
