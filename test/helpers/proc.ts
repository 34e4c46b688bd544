/**
 * A process as Linux shows it in /proc: its command line, environment, children and
 * memory. For the checks on how the server runs (one Node process, no loader) and the
 * start-up figures of bench/start.ts.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** A NUL-separated /proc file of the process (its command line or environment) as a list. */
export function procList(pid: number, file: 'cmdline' | 'environ'): string[] {
  return readFileSync(`/proc/${pid}/${file}`, 'utf8').split('\0').filter(Boolean);
}

/** The processes whose parent is `pid` (field 4 of /proc/<pid>/stat, after the parenthesised name). */
export function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false; // ended while we looked
      }
    })
    .map(Number);
}

/** The process and all its descendants. */
export function processTree(pid: number): number[] {
  return [pid, ...childrenOf(pid).flatMap(processTree)];
}

/** Resident memory of the process (VmRSS), in kB. */
export function rssKb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : 0;
}
