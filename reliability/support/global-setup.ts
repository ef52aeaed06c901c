import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { formatReport, readReport } from './report';
import { WEB_HOST_SCRIPT } from './paths';

/**
 * Runs once around the whole reliability suite: checks the build exists (the web host tests
 * start `out/main/web-host.js`), hands every test file the report file, and prints the report.
 */
export default function setup(project: TestProject): () => void {
  if (!existsSync(WEB_HOST_SCRIPT)) {
    throw new Error(
      `${WEB_HOST_SCRIPT} is missing: run \`npm run build\` before the reliability suite.`,
    );
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'factmark-reliability-report-'));
  const file = path.join(dir, 'rows.jsonl');
  project.provide('reliabilityReportFile', file);
  return () => {
    const rows = readReport(file);
    if (rows.length > 0) {
      console.log(`\nFactmark reliability report\n\n${formatReport(rows)}\n`);
    }
    rmSync(dir, { recursive: true, force: true });
  };
}
