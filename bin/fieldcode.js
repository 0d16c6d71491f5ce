#!/usr/bin/env node
// Thin process wrapper: real streams in, exit code out. Anything thrown here
// is a bug in fieldcode, never a user mistake: one line, a hint, exit 2.
import { main } from '../dist/cli/main.js';

// A reader that stops early (`fieldcode report | head`) closes the pipe: that
// is a normal end, not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

main({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    const debug = (process.env.DEBUG ?? '').split(',').some((name) => name.trim() === 'fieldcode' || name.trim() === '*');
    process.stderr.write(`fieldcode: internal error: ${error?.message ?? error}\n`);
    if (debug && error?.stack) process.stderr.write(`${error.stack}\n`);
    else process.stderr.write('This is a bug in fieldcode. Run again with DEBUG=fieldcode for details, and please report it with your Node version (' + process.version + ').\n');
    process.exitCode = 2;
  },
);
