// The shipped GitHub workflow's install step, run as it is written, against a
// local bare copy of this repository (its committed HEAD) and against the
// tarball that step packs: fieldcode must install without its devDependencies
// and run on the example project.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { copyToTemp, EXAMPLE, ROOT, tempDir } from '../helpers/cli.js';

const workflow = parseYaml(readFileSync(join(EXAMPLE, '.github', 'workflows', 'fieldcode.yml'), 'utf8'));
const step = workflow.jobs.reports.steps.find((s: { name?: string }) => s.name === 'Install fieldcode') as { run: string; env: Record<string, string> };

/** Runs the step's script with `--global` going to a fresh prefix; returns that prefix. */
function installStep(source: string, runnerTemp: string): { prefix: string; status: number | null; output: string } {
  const prefix = join(tempDir(), 'global');
  const result = spawnSync('bash', ['-e', '-c', step.run], {
    cwd: tempDir(),
    encoding: 'utf8',
    env: {
      PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}`,
      HOME: process.env.HOME ?? tempDir(),
      RUNNER_TEMP: runnerTemp,
      FIELDCODE_SOURCE: source,
      npm_config_prefix: prefix,
      // The npm cache of this machine, when it has the packages already.
      npm_config_prefer_offline: 'true',
    },
  });
  return { prefix, status: result.status, output: result.stdout + result.stderr };
}

function fieldcodeIn(prefix: string, args: string[], cwd: string) {
  return spawnSync(join(prefix, 'bin', 'fieldcode'), args, { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
}

describe('the workflow installs fieldcode', () => {
  it('from a git repository (git+file://), and then from the tarball it packed', { timeout: 600_000 }, () => {
    expect(step.env.FIELDCODE_SOURCE).toMatch(/^git\+https:\/\//);
    const bare = join(tempDir(), 'fieldcode.git');
    expect(spawnSync('git', ['clone', '-q', '--bare', ROOT, bare]).status).toBe(0);
    const runnerTemp = tempDir();

    const fromGit = installStep(`git+file://${bare}`, runnerTemp);
    expect(fromGit.output).not.toContain('tsc: not found');
    expect(fromGit.status, fromGit.output).toBe(0);
    expect(fromGit.output).toMatch(/^\d+\.\d+\.\d+$/m);
    const project = copyToTemp(EXAMPLE, 'notes');
    expect(fieldcodeIn(fromGit.prefix, ['check'], project).status).toBe(0);
    expect(fieldcodeIn(fromGit.prefix, ['build', '--check'], project).status).toBe(0);

    // The tarball holds dist/ and installs with no build and no devDependencies.
    const tarball = readdirSync(runnerTemp).find((name) => name.endsWith('.tgz'))!;
    const fromTarball = installStep(join(runnerTemp, tarball), tempDir());
    expect(fromTarball.status, fromTarball.output).toBe(0);
    const installed = join(fromTarball.prefix, 'lib', 'node_modules', 'fieldcode');
    expect(existsSync(join(installed, 'dist', 'cli', 'main.js'))).toBe(true);
    // Every devDependency that no runtime dependency needs as well (the lock
    // marks those `dev`) stays out: @types/node, for one, comes with exceljs.
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const devOnly = Object.keys(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).devDependencies).filter((name) => lock.packages[`node_modules/${name}`]?.dev);
    expect(devOnly).toEqual(expect.arrayContaining(['typescript', 'vitest']));
    for (const dev of devOnly) expect(existsSync(join(installed, 'node_modules', dev)), dev).toBe(false);
    const report = fieldcodeIn(fromTarball.prefix, ['report', '--format', 'csv'], project);
    expect(report.status).toBe(0);
    expect(report.stdout).toContain('reciprocity');
  });
});
