/** A printed page names its sources as documents, never as files (data/schema/briefing.ts). */
import { describe, expect, it } from 'vitest';
import { sourceDocument } from '../../data/schema/briefing.ts';

describe('sources as documents', () => {
  it('keeps what a document is called, its number and slashes included', () => {
    expect(sourceDocument('BC-SYT-NT-2024H1 Bảng 2')).toBe('BC-SYT-NT-2024H1 Bảng 2');
    expect(sourceDocument('KH 3648/KH-UBND ngày 04/10/2023')).toBe('KH 3648/KH-UBND ngày 04/10/2023');
    expect(sourceDocument('QĐ 5316/QĐ-BYT, Phụ lục 1.2')).toBe('QĐ 5316/QĐ-BYT, Phụ lục 1.2');
  });

  it('drops file paths, and names nothing when only a path is left', () => {
    expect(sourceDocument('DEMO: dữ liệu mô phỏng (data/generators/demo.ts)')).toBe('DEMO: dữ liệu mô phỏng');
    expect(sourceDocument('BC quý 3 – uploads/2026/bc-q3.xlsx')).toBe('BC quý 3');
    expect(sourceDocument('data/generators/demo.ts')).toBeNull();
    expect(sourceDocument('C:\\Số liệu\\bao-cao.csv')).toBeNull();
    expect(sourceDocument('  ')).toBeNull();
  });
});
