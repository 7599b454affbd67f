import { describe, expect, it } from 'vitest';
import { Cancelled, ClientBusy, QueueFull, RenderQueue } from '../../server/briefing/render-queue.ts';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A job that runs until released (or stopped), recording when it started. */
function job(log: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  return {
    release: () => release(),
    work: (signal: AbortSignal) =>
      new Promise<string>((resolve, reject) => {
        log.push(name);
        signal.addEventListener('abort', () => reject(new Error('stopped')));
        void done.then(() => resolve(name));
      }),
  };
}

describe('RenderQueue', () => {
  it('runs one job at a time, in order, the weekly briefing ahead of waiting exports', async () => {
    const queue = new RenderQueue({ depth: 5, timeoutMs: 10_000 });
    const log: string[] = [];
    const [a, b, c] = [job(log, 'a'), job(log, 'b'), job(log, 'briefing')];
    const results = [queue.run(a.work, { client: 'x' }), queue.run(b.work, { client: 'y' }), queue.run(c.work, { priority: true })];
    await pause(10);
    expect(log).toEqual(['a']);
    a.release();
    await pause(10);
    expect(log).toEqual(['a', 'briefing']);
    c.release();
    await pause(10);
    b.release();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'briefing']);
    expect(log).toEqual(['a', 'briefing', 'b']);
  });

  it('refuses a second job of one client, and any job past the depth, at once', async () => {
    const queue = new RenderQueue({ depth: 2, timeoutMs: 10_000 });
    const log: string[] = [];
    const first = job(log, '1');
    const running = queue.run(first.work, { client: 'x' });
    await expect(queue.run(job(log, '2').work, { client: 'x' })).rejects.toBeInstanceOf(ClientBusy);
    const [third, fourth] = [job(log, '3'), job(log, '4')];
    const waiting = [queue.run(third.work, { client: 'y' }), queue.run(fourth.work, { client: 'z' })];
    await expect(queue.run(job(log, '5').work, { client: 'w' })).rejects.toBeInstanceOf(QueueFull);
    expect(queue.length).toBe(3);
    first.release();
    await running;
    // The client is free again once its job is done: its next job queues.
    const again = job(log, '6');
    const next = queue.run(again.work, { client: 'x' });
    third.release();
    fourth.release();
    await pause(10);
    again.release();
    expect(await Promise.all([...waiting, next])).toEqual(['3', '4', '6']);
  });

  it('drops a waiting job whose client goes away, stops a running one, and stops one past its time', async () => {
    const queue = new RenderQueue({ depth: 5, timeoutMs: 50 });
    const log: string[] = [];
    const gone = new AbortController();
    const long = job(log, 'long');
    const runningGone = new AbortController();
    const running = queue.run(long.work, { client: 'a', signal: runningGone.signal });
    const waiting = queue.run(job(log, 'waiting').work, { client: 'b', signal: gone.signal });
    gone.abort();
    await expect(waiting).rejects.toEqual(new Cancelled(false));
    runningGone.abort();
    await expect(running).rejects.toMatchObject({ timedOut: false });
    const slow = queue.run(job(log, 'slow').work, { client: 'c' });
    await expect(slow).rejects.toMatchObject({ timedOut: true });
    expect(log).toEqual(['long', 'slow']);
    expect(queue.length).toBe(0);
  });
});
