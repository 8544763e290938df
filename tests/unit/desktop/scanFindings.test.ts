import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { judgeFindings, parseScanConfig, type ScanFinding } from '../../security/scanFindings';

const finding = (check: string, file: string, sample: string): ScanFinding => ({ check, file, line: 1, severity: 'MEDIUM', description: 'd', sample });

describe('Electronegativity findings against the checked-in justifications', () => {
  it('accepts a finding only for the same check, file and text; the rest fail the scan', () => {
    const findings = [
      finding('OPEN_EXTERNAL_JS_CHECK', 'electron/main.ts', "if (url.startsWith('https://')) void shell.openExternal(url);"),
      finding('OPEN_EXTERNAL_JS_CHECK', 'electron/main.ts', 'void shell.openExternal(untrusted);'),
      finding('NODE_INTEGRATION_JS_CHECK', 'electron/main.ts', 'nodeIntegration: true'),
    ];
    const justified = [{ check: 'OPEN_EXTERNAL_JS_CHECK', file: 'electron/main.ts', match: "url.startsWith('https://')", reason: 'only https links, to the system browser' }];
    expect(judgeFindings(findings, justified)).toEqual({ unjustified: [findings[1], findings[2]], stale: [] });
  });

  it('reports a justification that no longer matches anything as stale', () => {
    const stale = { check: 'AUXCLICK_JS_CHECK', file: 'electron/main.ts', reason: 'middle click is handled elsewhere' };
    expect(judgeFindings([], [stale])).toEqual({ unjustified: [], stale: [stale] });
  });

  it('refuses a justification without a real reason, naming the entry and field', () => {
    expect(() => parseScanConfig({ skippedChecks: [], justified: [{ check: 'PRELOAD_JS_CHECK', file: 'electron/main.ts', reason: 'ok' }] })).toThrow(
      '.electronegativity.json: justified[0].reason: a reason of at least 20 characters is expected',
    );
    expect(() => parseScanConfig({ justified: [] })).toThrow('skippedChecks: a list is expected');
  });

  it('the checked-in config gives every finding and every skipped check a reason', () => {
    const config = parseScanConfig(JSON.parse(readFileSync(fileURLToPath(new URL('../../../.electronegativity.json', import.meta.url)), 'utf8')));
    expect(config.justified.length).toBeGreaterThan(0);
    // No check is waved through wholesale: every justification names a file.
    expect(config.justified.every((entry) => entry.file.length > 0)).toBe(true);
  });
});
