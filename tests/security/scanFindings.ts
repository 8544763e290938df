/** One finding of Electronegativity, as its runner reports it (paths relative to the project). */
export interface ScanFinding {
  check: string;
  file: string;
  line: number;
  severity: string;
  description: string;
  /** The source line or value it was found in. */
  sample: string;
}

/** A finding that was reviewed and is accepted, with the reason; `match` narrows it to findings whose sample contains it. */
export interface Justification {
  check: string;
  file: string;
  match?: string;
  reason: string;
}

export interface ScanConfig {
  /** Checks not run at all, each with its reason (checks that need the network). */
  skippedChecks: Array<{ check: string; reason: string }>;
  justified: Justification[];
}

/**
 * Splits findings into accepted and not: a finding is accepted only by a justification for its check and file
 * (and text, when given). A justification that accepts nothing any more is stale — the config must follow the code.
 */
export function judgeFindings(findings: ScanFinding[], justifications: Justification[]): { unjustified: ScanFinding[]; stale: Justification[] } {
  const used = new Set<Justification>();
  const unjustified = findings.filter((finding) => {
    const accepted = justifications.find(
      (justification) => justification.check === finding.check && justification.file === finding.file && (justification.match === undefined || finding.sample.includes(justification.match)),
    );
    if (accepted) used.add(accepted);
    return !accepted;
  });
  return { unjustified, stale: justifications.filter((justification) => !used.has(justification)) };
}

/** A config where every entry carries a real reason; a mistake names the entry and the field. */
export function parseScanConfig(raw: unknown): ScanConfig {
  const problems: string[] = [];
  const object = (raw ?? {}) as Record<string, unknown>;
  const list = (name: string): Array<Record<string, unknown>> => {
    const value = object[name];
    if (!Array.isArray(value)) {
      problems.push(`${name}: a list is expected`);
      return [];
    }
    return value as Array<Record<string, unknown>>;
  };
  const text = (entry: Record<string, unknown>, where: string, field: string, minLength = 1): string => {
    const value = entry[field];
    if (typeof value !== 'string' || value.trim().length < minLength) problems.push(`${where}.${field}: ${minLength > 1 ? `a reason of at least ${minLength} characters` : 'text'} is expected`);
    return typeof value === 'string' ? value : '';
  };
  const skippedChecks = list('skippedChecks').map((entry, index) => ({ check: text(entry, `skippedChecks[${index}]`, 'check'), reason: text(entry, `skippedChecks[${index}]`, 'reason', 20) }));
  const justified = list('justified').map((entry, index) => {
    const where = `justified[${index}]`;
    const match = entry.match;
    if (match !== undefined && typeof match !== 'string') problems.push(`${where}.match: text is expected`);
    return {
      check: text(entry, where, 'check'),
      file: text(entry, where, 'file'),
      ...(typeof match === 'string' ? { match } : {}),
      reason: text(entry, where, 'reason', 20),
    };
  });
  if (problems.length > 0) throw new Error(`.electronegativity.json: ${problems.join('; ')}`);
  return { skippedChecks, justified };
}
