/**
 * DuckDB failures that call for the operator rather than a bug report, recognised by their
 * messages. An out-of-memory message speaks of a "block", so "lock" alone must not be matched.
 */
export type StoreFault = 'locked' | 'out_of_memory';

export function storeFaultOf(err: unknown): StoreFault | null {
  const message = err instanceof Error ? err.message : String(err);
  if (/Out of Memory Error/i.test(message)) return 'out_of_memory';
  if (/Could not set lock on file|Conflicting lock is held/i.test(message)) return 'locked';
  return null;
}

/** What the operator can do about it, naming the setting. */
export function describeStoreFault(fault: StoreFault, databaseFile: string, memoryLimit: string): string {
  return fault === 'locked'
    ? `The database ${databaseFile} is in use (the wall server is running?). Stop it, or upload through the running server: ` +
        'curl --data-binary @FILE "http://localhost:8080/api/batches?file=FILE"'
    : `DuckDB ran out of memory under its cap of ${memoryLimit} (IOC_DB_MEMORY). Raise it, e.g. IOC_DB_MEMORY=2GB, and run again.`;
}
