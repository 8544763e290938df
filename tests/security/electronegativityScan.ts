// npm run scan: Electronegativity over the app's sources. Fails on any finding not justified, with a reason,
// in .electronegativity.json, on a justification that no longer matches anything, and on a file it cannot parse.
// Runs offline: the tool's two network look-ups (translations, Electron's release list) are answered "offline".
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { judgeFindings, parseScanConfig, type ScanFinding } from './scanFindings';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);

interface RawIssue {
  id: string;
  file: string;
  location: { line: number };
  severity: { name: string };
  description: string;
  sample?: string;
  properties?: { CSPstring?: string };
}
type Run = (options: Record<string, unknown>) => Promise<{ issues: RawIssue[]; errors: Array<{ file: string; message: string; tolerable: boolean }> }>;

/** Electronegativity fetches with `got`; here every fetch fails at once, so nothing leaves the machine. */
function keepOffline(): void {
  const gotPath = require.resolve('got', { paths: [require.resolve('@doyensec/electronegativity')] });
  const offline = Object.assign(() => Promise.reject(new Error('offline: npm run scan does not use the network')), {});
  Object.assign(offline, { head: offline, default: offline });
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline } as unknown as NodeJS.Module;
}

async function main(): Promise<number> {
  const config = parseScanConfig(JSON.parse(readFileSync(join(root, '.electronegativity.json'), 'utf8')));
  // The tool walks its whole input (node_modules too): it scans a copy of what ships.
  const input = mkdtempSync(join(tmpdir(), 'cabinet-scan-'));
  try {
    for (const part of ['electron', 'renderer', 'shared', 'package.json']) cpSync(join(root, part), join(input, part), { recursive: true });
    keepOffline();
    const silenced = console.log;
    console.log = () => undefined;
    let result: Awaited<ReturnType<Run>>;
    try {
      const run = require('@doyensec/electronegativity') as Run;
      result = await run({
        input,
        isRelative: true,
        electronVersionOverride: (require('electron/package.json') as { version: string }).version,
        customScan: [],
        excludeFromScan: config.skippedChecks.map(({ check }) => check),
      });
    } finally {
      console.log = silenced;
    }
    const findings: ScanFinding[] = result.issues.map((issue) => ({
      check: issue.id,
      file: issue.file,
      line: issue.location.line,
      severity: issue.severity.name,
      description: issue.description,
      sample: issue.sample ?? issue.properties?.CSPstring ?? '',
    }));
    const { unjustified, stale } = judgeFindings(findings, config.justified);
    const unparsed = result.errors.filter((error) => !error.tolerable);
    for (const error of unparsed) console.error(`could not scan ${error.file}: ${error.message}`);
    for (const finding of unjustified) console.error(`${finding.severity} ${finding.check} ${finding.file}:${finding.line} — ${finding.description}\n    ${finding.sample.trim()}`);
    for (const justification of stale) console.error(`stale justification in .electronegativity.json: ${justification.check} in ${justification.file}${justification.match ? ` ("${justification.match}")` : ''} matches no finding`);
    if (unparsed.length + unjustified.length + stale.length > 0) {
      console.error(`electronegativity: ${unjustified.length} unjustified finding(s), ${stale.length} stale justification(s), ${unparsed.length} unparsed file(s)`);
      return 1;
    }
    console.log(`electronegativity: ${findings.length} finding(s), each justified in .electronegativity.json; ${config.skippedChecks.length} check(s) skipped with a reason`);
    return 0;
  } finally {
    rmSync(input, { recursive: true, force: true });
  }
}

process.exitCode = await main();
