/** Gzip size of the JavaScript the first page load needs, of the map's own chunks, and of the lazily loaded chunks. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

type Chunk = { file: string; kb: number };

export interface BundleFigure {
  initialKb: number;
  /**
   * What opening the map adds to a deal room already on screen: the map tab's chunk and the chunks
   * only it imports (React Flow with the card). Chunks the deal room page loads anyway are not counted.
   */
  map: { kb: number; chunks: Chunk[] };
  chunks: Chunk[];
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** The chunks a built chunk imports statically (they load with it, before it runs). */
function staticImports(dist: string, file: string): string[] {
  const code = readFileSync(join(dist, file), 'utf8');
  return [...code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)].map((m) => `assets/${m[1]!}`);
}

export function measureBundle(dist = 'dist/client'): BundleFigure {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const initialFiles = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const gz = (file: string) => gzipSync(readFileSync(join(dist, file))).length;
  const all = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
  const chunks = all
    .map((file) => `assets/${file}`)
    .filter((file) => !initialFiles.includes(file))
    .map((file) => ({ file, kb: kb(gz(file)) }))
    .sort((a, b) => b.kb - a.kb);
  const named = (prefix: string) => chunks.find((c) => c.file.startsWith(`assets/${prefix}-`))?.file;
  const mapTab = named('MapTab');
  const dealRoom = named('DealRoomPage');
  const loadedBefore = new Set([...initialFiles, ...(dealRoom ? [dealRoom, ...staticImports(dist, dealRoom)] : [])]);
  const mapFiles = mapTab ? [mapTab, ...staticImports(dist, mapTab).filter((file) => !loadedBefore.has(file))] : [];
  const mapChunks = chunks.filter((c) => mapFiles.includes(c.file));
  return {
    initialKb: kb(initialFiles.reduce((sum, file) => sum + gz(file), 0)),
    map: { kb: Math.round(mapChunks.reduce((sum, c) => sum + c.kb, 0) * 10) / 10, chunks: mapChunks },
    chunks,
  };
}
