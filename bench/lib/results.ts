/** A budget: the median (and optionally the p95) must not exceed, or must reach, these values. */
export interface Budget {
  /** `max`: lower is better (times, sizes); `min`: higher is better (accuracy). */
  kind: 'max' | 'min';
  median: number;
  p95?: number;
}

/** One line of the results table (and one entry of the JSON). */
export interface ResultRow {
  /** Scenario and line, e.g. "1" or "3c". */
  id: string;
  name: string;
  unit: string;
  median: number | null;
  p95: number | null;
  samples: number;
  budget: Budget | null;
  /** null for comparisons and figures without a budget. */
  pass: boolean | null;
  status: 'measured' | 'skipped' | 'error';
  note: string;
}

/** The middle value (nearest rank), or NaN for no samples. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** The nearest-rank percentile `p` (0-100) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] as number;
}

function meets(budget: Budget, median: number, p95: number | null): boolean {
  const ok = (value: number, limit: number) =>
    budget.kind === 'max' ? value <= limit : value >= limit;
  return (
    ok(median, budget.median) && (budget.p95 === undefined || p95 === null || ok(p95, budget.p95))
  );
}

/** A row from timing (or other) samples, judged against the budget if there is one. */
export function measuredRow(
  id: string,
  name: string,
  unit: string,
  samples: readonly number[],
  budget: Budget | null,
  note = '',
): ResultRow {
  const mid = median(samples);
  const p95 = samples.length > 1 ? percentile(samples, 95) : null;
  return {
    id,
    name,
    unit,
    median: mid,
    p95,
    samples: samples.length,
    budget,
    pass: budget ? meets(budget, mid, p95) : null,
    status: 'measured',
    note,
  };
}

/** A row for a single figure (a size, a percentage, a ratio). */
export function figureRow(
  id: string,
  name: string,
  unit: string,
  value: number,
  budget: Budget | null,
  note = '',
): ResultRow {
  return { ...measuredRow(id, name, unit, [value], budget, note), p95: null };
}

/** A row with no figures: a scenario that was skipped or that broke. */
function emptyRow(id: string, name: string, status: 'skipped' | 'error', note: string): ResultRow {
  return {
    id,
    name,
    unit: '',
    median: null,
    p95: null,
    samples: 0,
    budget: null,
    pass: null,
    status,
    note,
  };
}

/** A row saying why a scenario did not run (a module not written yet, say). */
export function skippedRow(id: string, name: string, reason: string): ResultRow {
  return emptyRow(id, name, 'skipped', `skipped: ${reason}`);
}

/** A row for a scenario that threw: the harness is broken there, which makes the run fail. */
export function errorRow(id: string, name: string, error: unknown): ResultRow {
  const message = error instanceof Error ? error.message : String(error);
  return emptyRow(id, name, 'error', `error: ${message.split('\n')[0]}`);
}

function formatValue(value: number | null, unit: string): string {
  if (value === null || Number.isNaN(value)) return '';
  const digits =
    Number.isInteger(value) || Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const number = value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return unit === '%' || unit === '×' ? `${number}${unit}` : `${number} ${unit}`.trim();
}

function formatBudget(row: ResultRow): string {
  const { budget } = row;
  if (!budget) return row.status === 'measured' ? '(comparison)' : '';
  const op = budget.kind === 'max' ? '≤' : '≥';
  const p95 = budget.p95 !== undefined ? `, p95 ${op} ${formatValue(budget.p95, row.unit)}` : '';
  return `${op} ${formatValue(budget.median, row.unit)}${p95}`;
}

function formatResult(row: ResultRow): string {
  if (row.status !== 'measured') return row.status;
  if (row.pass === null) return '';
  return row.pass ? 'pass' : 'FAIL';
}

/** The results as a plain-text table (fits a terminal; notes go last). */
export function formatTable(rows: readonly ResultRow[]): string {
  const header = ['#', 'scenario', 'median', 'p95', 'n', 'budget', 'result', 'notes'];
  const cells = rows.map((row) => [
    row.id,
    row.name,
    formatValue(row.median, row.unit),
    formatValue(row.p95, row.unit),
    row.samples ? String(row.samples) : '',
    formatBudget(row),
    formatResult(row),
    row.note,
  ]);
  const widths = header.map((title, column) =>
    column === header.length - 1
      ? 0
      : Math.max(title.length, ...cells.map((line) => (line[column] ?? '').length)),
  );
  const render = (line: readonly string[]) =>
    line
      .map((cell, column) =>
        column === header.length - 1 || column === 0 || column === 1
          ? cell.padEnd(widths[column] ?? 0)
          : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map((w, i) => '-'.repeat(i === header.length - 1 ? 5 : w)).join('  ');
  return [render(header), rule, ...cells.map(render)].join('\n');
}
