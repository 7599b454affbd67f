/** Opens the wall for a command-line tool, turning "the server holds the database" into advice. */
import type { Store } from '../store/store.ts';

export async function openCliWall<T extends { store: Store }>(open: () => Promise<T>, databaseFile: string): Promise<T> {
  try {
    return await open();
  } catch (err) {
    const message = (err as Error).message;
    if (/lock/i.test(message))
      console.error(
        `The database ${databaseFile} is in use (the wall server is running?). ` +
          'Stop it, or upload through the running server: curl --data-binary @FILE "http://localhost:8080/api/batches?file=FILE"',
      );
    else console.error(message);
    process.exit(2);
  }
}
