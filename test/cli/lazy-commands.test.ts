// Commands are registered lazily: `fieldcode <cmd>` loads only that command's
// module, and `--version` / `--help` load no command module, no Markdown
// parser, no prompts and no chalk.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Help } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/main.js';
import type { CliContext } from '../../src/cli/context.js';
import { BIN, ROOT, run, tempDir } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const REGISTER_TRACE = join(ROOT, 'test', 'fixtures', 'trace', 'register.mjs');
const HEAVY = /\/node_modules\/(remark-|micromark|mdast-|unified\/|@inquirer\/|chalk\/|yaml\/|exceljs\/)/;

/** The URLs of every module the real bin resolves for `argv`. */
function modulesLoadedBy(argv: string[]): string[] {
  const file = join(tempDir(), 'loads.txt');
  const result = spawnSync(process.execPath, ['--import', REGISTER_TRACE, BIN, ...argv], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', FIELDCODE_TRACE_LOADS: file },
    input: '',
    encoding: 'utf8',
  });
  expect(result.status, result.stderr).toBe(0);
  return [...new Set(readFileSync(file, 'utf8').split('\n').filter(Boolean))];
}

describe('lazy command registration', () => {
  it('--version prints the version', async () => {
    const result = await run(['--version']);
    expect(result).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('--help lists every command with its summary', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    for (const row of COMMANDS) expect(result.stdout).toMatch(new RegExp(`^  ${row.name}\\b`, 'm'));
    expect(result.stdout).toContain('Exit codes:');
  });

  it('each row of the table matches the command its module registers', async () => {
    for (const row of COMMANDS) {
      const program = new Command('fieldcode');
      (await row.load())(program, { io: undefined, exitCode: 0 } as unknown as CliContext);
      expect(program.commands.map((command) => command.name())).toEqual([row.name]);
      const [command] = program.commands;
      expect(command!.summary(), row.name).toBe(row.summary);
      // The top-level list shows the placeholder's term: it must be what commander prints for the real command.
      expect(new Help().subcommandTerm(command!), row.name).toBe(row.usage ? `${row.name} ${row.usage}` : row.name);
    }
  });

  it('a command keeps its full help, also through `help <command>`', async () => {
    const direct = await run(['report', '--help']);
    const viaHelp = await run(['help', 'report']);
    expect(direct.code).toBe(0);
    expect(direct.stdout).toContain('Usage: fieldcode report [options] [dir]');
    expect(direct.stdout).toContain('--by <vars>');
    expect(direct.stdout).toContain('Examples:');
    expect(viaHelp.stdout).toBe(direct.stdout);
  });

  it('an unknown command still gets a suggestion', async () => {
    const result = await run(['reprot']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'reprot'");
    expect(result.stderr).toContain('report');
  });

  describe.each([['--version'], ['--help']])('the real bin with %s', (flag) => {
    it('loads no command module, parser, prompts or chalk', { timeout: 60_000 }, () => {
      const loaded = modulesLoadedBy([flag]);
      expect(loaded.some((url) => url.endsWith('/dist/cli/main.js'))).toBe(true);
      expect(loaded.filter((url) => HEAVY.test(url))).toEqual([]);
      expect(loaded.filter((url) => url.includes('/dist/cli/commands/'))).toEqual([]);
    });
  });

  it('a command loads its own module and not the others', { timeout: 60_000 }, () => {
    const loaded = modulesLoadedBy(['report', '--help']);
    const commands = loaded.filter((url) => url.includes('/dist/cli/commands/')).map((url) => url.replace(/.*\/commands\//, ''));
    expect(commands).toContain('report.js');
    expect(commands).not.toContain('tag.js');
    expect(commands).not.toContain('init.js');
    expect(loaded.filter((url) => url.includes('/node_modules/@inquirer/'))).toEqual([]);
    // The workbook writer loads only when a workbook is written.
    expect(loaded.filter((url) => url.includes('/node_modules/exceljs/'))).toEqual([]);
  });
});
