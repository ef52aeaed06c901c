import { performance } from 'node:perf_hooks';
import { defaultTaxonomy } from '../../src/shared/annotation/verdicts';
import type { BenchConfig } from '../lib/config';
import { longArticleRecord } from '../lib/generate';
import { measuredRow, skippedRow, type ResultRow } from '../lib/results';

/** Scenario 5: the long article with its annotations exported to Markdown with `toMarkdown`. */
export async function runExportScenario(config: BenchConfig): Promise<ResultRow[]> {
  const exporter = await import('../../src/shared/export/index');
  const { toMarkdown } = exporter;
  if (typeof toMarkdown !== 'function') {
    return [
      skippedRow(
        '5',
        'export to Markdown',
        'src/shared/export/index.ts (toMarkdown) is not there yet',
      ),
    ];
  }
  const { article, annotations } = longArticleRecord(config.longWords, config.highlights);
  const input = {
    article,
    annotations,
    taxonomy: defaultTaxonomy(),
    exportedAt: '2024-01-04T00:00:00.000Z',
    generator: 'Factmark bench',
  };
  let markdown = toMarkdown(input); // Warm-up.
  const times: number[] = [];
  for (let i = 0; i < config.runs.export; i += 1) {
    const started = performance.now();
    markdown = toMarkdown(input);
    times.push(performance.now() - started);
  }
  return [
    measuredRow(
      '5',
      `export ${config.longWords.toLocaleString('en-US')}-word article, ${annotations.length.toLocaleString('en-US')} annotations to Markdown`,
      'ms',
      times,
      { kind: 'max', median: 100 },
      `toMarkdown (footnotes); ${(markdown.length / 1024).toFixed(0)} KiB`,
    ),
  ];
}
