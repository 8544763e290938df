import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The files a page loads before its first screen: the HTML, its module script, modulepreloads and stylesheets,
 * and every static `import … from "./x.js"` of those, transitively. Dynamic `import()` (lazy routes) is not followed.
 */
export function firstScreenFiles(rendererDir: string, page: string): string[] {
  const html = join(rendererDir, page);
  const seen = new Set<string>([html]);
  const queue: string[] = [];
  for (const match of readFileSync(html, 'utf8').matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"[^>]*>/g)) {
    const tag = match[0];
    if (tag.startsWith('<link') && !/rel="(?:modulepreload|stylesheet)"/.test(tag)) continue;
    queue.push(resolve(rendererDir, match[1]!));
  }
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w$*{}\s,]+from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) {
      queue.push(resolve(dirname(file), match[1]!));
    }
  }
  return [...seen];
}
