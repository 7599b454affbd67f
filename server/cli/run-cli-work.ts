/** Runs a command-line tool's work on the wall's database, turning the store's operator faults into advice. */
import { describeStoreFault, storeFaultOf } from '../store/store-faults.ts';

export async function runCliWork<T>(work: () => Promise<T>, databaseFile: string, memoryLimit: string): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const fault = storeFaultOf(err);
    console.error(fault ? describeStoreFault(fault, databaseFile, memoryLimit) : (err as Error).message);
    process.exit(2);
  }
}
