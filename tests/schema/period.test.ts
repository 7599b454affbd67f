import { describe, expect, it } from 'vitest';
import { completedPeriods, formatPeriod, lastCompleted, parsePeriod, periodEnd, periodOf, periodWords, today, type Period } from '../../data/schema/period.ts';

describe('parsePeriod', () => {
  it.each([
    ['2024-05-17', 'day', '2024-05-17', '2024-05-17'],
    ['2024-W01', 'week', '2024-01-01', '2024-01-07'],
    ['2021-W01', 'week', '2021-01-04', '2021-01-10'],
    ['2020-W53', 'week', '2020-12-28', '2021-01-03'],
    ['2024-02', 'month', '2024-02-01', '2024-02-29'],
    ['2024-Q4', 'quarter', '2024-10-01', '2024-12-31'],
    ['2024-H1', 'half', '2024-01-01', '2024-06-30'],
    ['2024-H2', 'half', '2024-07-01', '2024-12-31'],
    ['2023', 'year', '2023-01-01', '2023-12-31'],
  ])('reads %s as a %s from %s to %s, and writes it back the same', (text, grain, start, end) => {
    const period = parsePeriod(text);
    expect(period).toEqual({ grain, start });
    expect(periodEnd(period as never)).toBe(end);
    expect(formatPeriod(period as never)).toBe(text);
  });

  it.each(['2024-13', '2024-02-30', '2023-W53', '24-05', '2024/05', 'Q2 2024', ''])('rejects "%s" with a reason', (text) => {
    expect(parsePeriod(text)).toHaveProperty('error');
  });
});

describe('completedPeriods', () => {
  it('lists only periods that have ended by the last day', () => {
    expect(completedPeriods('quarter', '2024-01-01', '2024-09-29').map(formatPeriod)).toEqual(['2024-Q1', '2024-Q2']);
    expect(completedPeriods('week', '2024-01-03', '2024-01-21').map(formatPeriod)).toEqual(['2024-W02', '2024-W03']);
  });

  it('finds the ISO week of a Sunday in the week before', () => {
    expect(periodOf('week', '2024-01-07')).toEqual({ grain: 'week', start: '2024-01-01' });
  });
});

describe('today', () => {
  it('reckons the date in Asia/Ho_Chi_Minh, seven hours ahead of UTC', () => {
    expect(today('Asia/Ho_Chi_Minh', new Date('2024-06-30T17:30:00Z'))).toBe('2024-07-01');
    expect(today('Asia/Ho_Chi_Minh', new Date('2024-06-30T16:30:00Z'))).toBe('2024-06-30');
  });
});

describe('lastCompleted', () => {
  it('gives the period holding the day when it ends that day, else the one before', () => {
    expect(lastCompleted('month', '2026-11-23')).toEqual({ grain: 'month', start: '2026-10-01' });
    expect(lastCompleted('month', '2026-10-31')).toEqual({ grain: 'month', start: '2026-10-01' });
    expect(lastCompleted('quarter', '2026-11-23')).toEqual({ grain: 'quarter', start: '2026-07-01' });
    expect(lastCompleted('half', '2026-06-30')).toEqual({ grain: 'half', start: '2026-01-01' });
    expect(lastCompleted('year', '2026-11-23')).toEqual({ grain: 'year', start: '2025-01-01' });
  });
});

describe('periodWords', () => {
  it.each([
    ['2026-11', 'Tháng 11/2026', 'November 2026'],
    ['2026-Q3', 'Quý 3/2026', 'Q3 2026'],
    ['2024-H1', '6 tháng đầu năm 2024', 'First half of 2024'],
    ['2024-H2', '6 tháng cuối năm 2024', 'Second half of 2024'],
    ['2026-W47', 'Tuần 47/2026', 'Week 47 of 2026'],
    ['2025-W01', 'Tuần 1/2025', 'Week 1 of 2025'],
    ['2024-05-17', 'Ngày 17/05/2024', '17 May 2024'],
    ['2024', 'Năm 2024', '2024'],
  ])('%s reads "%s" and "%s"', (text, vi, en) => {
    const period = parsePeriod(text) as Period;
    expect([periodWords(period, 'vi'), periodWords(period, 'en')]).toEqual([vi, en]);
  });
});
