/**
 * Every pack starts with its demo figures, as `IOC_PACK=<id> npm start` does: no demo file is
 * refused. (A province-level demo figure before the 2025 merge of provinces once stopped the start
 * of An Giang and Khánh Hòa: no unit of those years is today's province.)
 */
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config.ts';
import { openTestWall } from '../support/wall.ts';

describe.each(['khanh-hoa', 'an-giang'])('IOC_PACK=%s with its demo figures', (id) => {
  it('starts: every demo file lands', async () => {
    const { packId, packDir, boundariesFile } = readConfig({ IOC_PACK: id });
    // demo: true loads the demo figures at open, as the server's first start does; a refused file stops the open.
    const wall = await openTestWall({ packId, packDir, boundariesFile, demo: true });
    try {
      const [row] = await wall.store.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM facts WHERE is_demo');
      expect(row!.n).toBeGreaterThan(0);
    } finally {
      await wall.close();
    }
  }, 180_000);
});
