import { appendFileSync, readFileSync } from 'node:fs';
import { inject } from 'vitest';

/** One line of the reliability report: a fault or input class and what happened to it. */
export interface ReportRow {
  /** The fault or input class, e.g. "SIGKILL during saves". */
  area: string;
  /** How many cases (kills, inputs, files) were tried. */
  cases: number;
  /** Cases that did not behave as promised. */
  failures: number;
  /** Acknowledged saves or good files lost; must be 0. */
  dataLost: number;
  /** Why a sub-case was skipped, or a figure worth printing. */
  note?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The JSON-lines file every test file appends its report rows to. */
    reliabilityReportFile: string;
  }
}

/**
 * Adds a row to the report printed at the end of the run. Record before asserting, so a failing
 * check still shows up in the table with its counts.
 */
export function recordResult(row: ReportRow): void {
  appendFileSync(inject('reliabilityReportFile'), `${JSON.stringify(row)}\n`);
}

/** The rows recorded so far, in order. */
export function readReport(file: string): ReportRow[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ReportRow);
}

/** The report as a plain-text table (fault or input class, cases tried, failures, data lost). */
export function formatReport(rows: readonly ReportRow[]): string {
  const header = ['Fault or input class', 'Cases', 'Failures', 'Data lost', 'Note'];
  const body = rows.map((row) => [
    row.area,
    String(row.cases),
    String(row.failures),
    String(row.dataLost),
    row.note ?? '',
  ]);
  const total = rows.reduce(
    (sum, row) => ({
      cases: sum.cases + row.cases,
      failures: sum.failures + row.failures,
      dataLost: sum.dataLost + row.dataLost,
    }),
    { cases: 0, failures: 0, dataLost: 0 },
  );
  const footer = ['Total', String(total.cases), String(total.failures), String(total.dataLost), ''];
  const table = [header, ...body, footer];
  const widths = header.map((_, column) =>
    Math.max(...table.map((cells) => (cells[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column >= 1 && column <= 3
          ? cell.padStart(widths[column] ?? 0)
          : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(header), rule, ...body.map(line), rule, line(footer)].join('\n');
}
