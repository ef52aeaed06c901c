// Static Electron security check: runs @doyensec/electronegativity over src/ (or the folder
// given as the first argument) and fails on any finding that is not on the allowlist below.
// Its own CLI exits 0 even with findings; this script is what makes a finding fail the tests.
// Usage: node scripts/check-electronegativity.js [folder]   (exit 0 clean, 1 findings or errors)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { rootDir } from './ensure-built.js';

// The tool fetches translations from S3 on every run (retrying for seconds where there is no
// network). Its English texts ship with it, so its HTTP client is replaced by one that fails
// at once: the scan is offline, quicker, and sends nothing anywhere.
const require = createRequire(import.meta.url);
const toolEntry = require.resolve('@doyensec/electronegativity');
const gotPath = createRequire(toolEntry).resolve('got');
const offline = () => Promise.reject(new Error('offline: electronegativity runs without network'));
require.cache[gotPath] = {
  id: gotPath,
  filename: gotPath,
  loaded: true,
  exports: offline,
  children: [],
};
const electronegativity = require('@doyensec/electronegativity');

/**
 * Findings reviewed and accepted, matched by check id and file (relative to the scanned folder,
 * never by line, so edits do not churn this list). Each says why it is safe. Keep it short: a new
 * finding means a change to review, not an entry to add.
 */
const ALLOWLIST = [
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'renderer/index.html',
    why: "Flags script-src 'self' as only maybe-strong: 'self' serves nothing but our own bundle (no JSONP, no user uploads); inline script stays blocked.",
  },
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'main/web-host/static-files.ts',
    why: 'The web host sends HTML_CSP, a constant built by joining directives, which the tool cannot parse; it is the policy of index.html plus frame-ancestors.',
  },
  {
    id: 'AUXCLICK_JS_CHECK',
    file: 'main/electron/main-window.ts',
    why: 'Middle-click opens a window only through setWindowOpenHandler, which hardenApp (electron/security.ts) makes deny every window.',
  },
  {
    id: 'PRELOAD_JS_CHECK',
    file: 'main/electron/main-window.ts',
    why: 'The preload is the contextBridge API: one function per contract method, never ipcRenderer itself, in a sandboxed, context-isolated window.',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main/electron/security.ts',
    why: 'openExternalSafely parses the URL and passes only allow-listed schemes to shell.openExternal.',
  },
];

/**
 * Checks left out of the scan: AvailableSecurityFixesGlobalCheck downloads Electron's release
 * list from GitHub on every run (no network in CI), and reports outdated versions, which is
 * `npm audit`'s job, not a property of our source.
 */
const EXCLUDED_CHECKS = ['availablesecurityfixesglobalcheck'];

const scansSource = process.argv[2] === undefined;
const input = path.resolve(process.argv[2] ?? path.join(rootDir, 'src'));
const electronVersion = JSON.parse(
  readFileSync(path.join(rootDir, 'node_modules/electron/package.json'), 'utf8'),
).version;

const result = await electronegativity(
  {
    input,
    isRelative: true,
    isVerbose: false,
    customScan: [],
    excludeFromScan: EXCLUDED_CHECKS,
    // The tool cannot read the version from src/; without it, it assumes Electron 0.1.0.
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  },
  false,
);

const findings = result.issues.map((issue) => ({
  id: issue.id,
  file: issue.file.split(path.sep).join('/'),
  line: issue.location?.line ?? 0,
  description: issue.description,
}));
const allowed = (finding) => ALLOWLIST.some((e) => e.id === finding.id && e.file === finding.file);
const unexpected = findings.filter((finding) => !allowed(finding));
// A file the tool cannot parse is a file it did not check.
const parseErrors = result.errors.filter((error) => !error.tolerable);
const unused = scansSource
  ? ALLOWLIST.filter((e) => !findings.some((f) => f.id === e.id && f.file === e.file))
  : [];

console.log(
  `electronegativity ${electronVersion ? `(Electron ${electronVersion}) ` : ''}over ${path.relative(rootDir, input) || input}: ` +
    `${result.atomicChecks + result.globalChecks} checks, ${findings.length} findings, ` +
    `${findings.length - unexpected.length} allowlisted`,
);
for (const finding of unexpected) {
  console.log(`  FINDING ${finding.id} ${finding.file}:${finding.line} ${finding.description}`);
}
for (const error of parseErrors) console.log(`  NOT SCANNED ${error.file}: ${error.message}`);
for (const entry of unused)
  console.log(`  note: allowlist entry no longer needed: ${entry.id} ${entry.file}`);
process.exit(unexpected.length > 0 || parseErrors.length > 0 ? 1 : 0);
