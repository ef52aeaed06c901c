import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Browser } from '@playwright/test';
import { launchChromium } from './lib/browser';
import { fullConfig, quickConfig, type BenchConfig } from './lib/config';
import { errorRow, formatTable, type ResultRow } from './lib/results';
import { runColdStartScenario } from './scenarios/cold-start';
import { runExportScenario } from './scenarios/export';
import { runReaderScenarios } from './scenarios/reader';
import { runReanchorScenario } from './scenarios/reanchor';
import { runSaveScenario } from './scenarios/save';

const ALL = ['1', '2', '3', '4', '5', '6', '7'];

/** Runs one scenario, turning a throw into an error row so the others still run. */
async function guarded(
  id: string,
  name: string,
  run: () => Promise<ResultRow[]>,
): Promise<ResultRow[]> {
  const started = performance.now();
  process.stderr.write(`bench: ${id} ${name}…`);
  try {
    const rows = await run();
    process.stderr.write(` ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    return rows;
  } catch (error) {
    process.stderr.write(` failed\n${error instanceof Error ? error.stack : String(error)}\n`);
    return [errorRow(id, name, error)];
  }
}

/**
 * Runs the benchmarks (issue 7) and prints the table; `--json FILE` writes the same as JSON.
 * Returns the exit code: 1 only when a scenario crashed. Budgets never fail the run.
 */
export async function runBench(argv: string[], root: string): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      json: { type: 'string' },
      only: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      profile: { type: 'string' },
    },
    strict: true,
  });
  const config: BenchConfig = {
    ...(values.quick ? quickConfig(root) : fullConfig(root)),
    profileDir: values.profile && path.resolve(values.profile),
  };
  const only = new Set((values.only ?? ALL.join(',')).split(',').map((s) => s.trim()));
  const wants = (id: string) => only.has(id);
  const started = performance.now();
  const rows: ResultRow[] = [];

  if (wants('4'))
    rows.push(...(await guarded('4', 're-anchoring', () => runReanchorScenario(config))));
  if (wants('5'))
    rows.push(...(await guarded('5', 'Markdown export', () => runExportScenario(config))));
  if (wants('3')) rows.push(...(await guarded('3', 'saving', () => runSaveScenario(config))));

  let browser: Browser | undefined;
  let chromiumVersion = '';
  try {
    if (wants('1') || wants('2') || wants('7') || wants('6')) {
      browser = await launchChromium();
      chromiumVersion = browser.version();
    }
    if (browser && (wants('1') || wants('2') || wants('7'))) {
      const reader = browser;
      rows.push(
        ...(await guarded('1/2/7', 'reader in Chromium', () =>
          runReaderScenarios(config, reader, {
            open: wants('1'),
            create: wants('2'),
            heap: wants('7'),
          }),
        )),
      );
    }
    if (browser && wants('6')) {
      const cold = browser;
      rows.push(...(await guarded('6', 'cold start', () => runColdStartScenario(config, cold))));
    }
  } finally {
    await browser?.close();
  }

  rows.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  const seconds = (performance.now() - started) / 1000;
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
    node: process.version,
    chromium: chromiumVersion,
  };
  console.log(
    `\nFactmark benchmarks (${config.quick ? 'quick: small sizes, not the budgets’ sizes' : 'full'}) — ` +
      `${machine.cpus} CPUs, load ${machine.loadAverage.join(' ')}, Node ${machine.node}` +
      `${chromiumVersion ? `, Chromium ${chromiumVersion}` : ''}, ${seconds.toFixed(0)} s\n`,
  );
  console.log(formatTable(rows));
  if (values.json) {
    const file = path.resolve(values.json);
    await mkdir(path.dirname(file), { recursive: true });
    const report = {
      generatedAt: new Date().toISOString(),
      mode: config.quick ? 'quick' : 'full',
      seconds,
      machine,
      config,
      rows,
    };
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nwrote ${path.relative(process.cwd(), file) || file}`);
  }
  const crashed = rows.filter((row) => row.status === 'error');
  if (crashed.length > 0)
    console.log(`\n${crashed.length} scenario(s) crashed: see the errors above.`);
  return crashed.length > 0 ? 1 : 0;
}
