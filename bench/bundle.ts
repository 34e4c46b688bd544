/** Gzip size of the JavaScript the first page load needs, and of the lazily loaded chunks. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleFigure {
  initialKb: number;
  chunks: { file: string; kb: number }[];
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

export function measureBundle(dist = 'dist/client'): BundleFigure {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const initialFiles = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const gz = (file: string) => gzipSync(readFileSync(join(dist, file))).length;
  const all = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
  return {
    initialKb: kb(initialFiles.reduce((sum, file) => sum + gz(file), 0)),
    chunks: all
      .map((file) => `assets/${file}`)
      .filter((file) => !initialFiles.includes(file))
      .map((file) => ({ file, kb: kb(gz(file)) }))
      .sort((a, b) => b.kb - a.kb),
  };
}
