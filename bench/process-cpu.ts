// CPU time of other processes on this machine, read from /proc: the database's share of a benchmark's work.
import { readdirSync, readFileSync } from "node:fs";

const CLOCK_TICKS_PER_SECOND = 100;

function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** User + system CPU ms of the given processes, or null when /proc does not show them (a remote server). */
export function processCpuMs(pids: readonly number[]): Map<number, number> | null {
  const cpu = new Map<number, number>();
  try {
    for (const pid of pids) cpu.set(pid, cpuMsOf(pid));
  } catch {
    return null;
  }
  return cpu;
}

/**
 * User + system CPU ms of every PostgreSQL process on this machine (backends, WAL writer, checkpointer), or
 * null when there is none to see. A backend that exits takes its time with it: compare readings taken while
 * the same connections are open.
 */
export function localPostgresCpuMs(): number | null {
  let total = 0;
  let seen = false;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() !== "postgres") continue;
      total += cpuMsOf(Number(entry));
      seen = true;
    } catch {
      // The process ended while we looked.
    }
  }
  return seen ? total : null;
}
