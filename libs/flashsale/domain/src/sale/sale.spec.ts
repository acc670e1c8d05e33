import { AppError } from '@mosaic/kit-core';
import { describe, expect, it } from 'vitest';
import { assertOpen, isSaleId, opensAtOf, phaseOf, saleIdAt, saleOf } from './sale';
import { generateItems, itemIdOf, itemNameOf, parseItemId } from './sale-item';

describe('sale', () => {
  it('is named by its UTC hour and lasts exactly that hour', () => {
    expect(saleIdAt(Date.UTC(2026, 11, 1, 9, 59, 59, 999))).toBe('2026120109');
    expect(saleIdAt(Date.UTC(2026, 11, 1, 10))).toBe('2026120110');
    const sale = saleOf('2026120110');
    expect([sale.opensAt.toISOString(), sale.closesAt.toISOString(), sale.total]).toEqual(['2026-12-01T10:00:00.000Z', '2026-12-01T11:00:00.000Z', 10_000]);
  });

  it('accepts only ids of real hours', () => {
    expect(['2026120110', '2024022923'].map(isSaleId)).toEqual([true, true]);
    expect(['2026120124', '2026023010', '2025022910', '202612011', 'x', 2026120110].map(isSaleId)).toEqual([false, false, false, false, false, false]);
    expect(opensAtOf('2026133310')).toBeUndefined();
    expect(() => saleOf('nope')).toThrow(AppError);
  });

  it('is upcoming, open at the top of its hour, and closed at the top of the next', () => {
    const sale = saleOf('2026120110');
    const at = (minute: number) => Date.UTC(2026, 11, 1, 10, minute);
    expect([phaseOf(sale, at(-1)), phaseOf(sale, at(0)), phaseOf(sale, at(59)), phaseOf(sale, at(60))]).toEqual(['upcoming', 'open', 'open', 'closed']);
    expect(() => assertOpen(sale, at(-1))).toThrow(expect.objectContaining({ code: 'sale_not_open' }));
    expect(() => assertOpen(sale, at(60))).toThrow(expect.objectContaining({ code: 'sale_closed' }));
    expect(() => assertOpen(sale, at(30))).not.toThrow();
  });
});

describe('sale items', () => {
  it('are generated with ids that name their sale and position, and distinct names', () => {
    const items = generateItems('2026120110', 10_000);
    expect(items).toHaveLength(10_000);
    expect(items[42]).toEqual({ id: '2026120110-00042', saleId: '2026120110', index: 42, name: itemNameOf(42), soldTo: null });
    expect(new Set(items.map((item) => item.name)).size).toBe(10_000);
    expect(parseItemId(itemIdOf('2026120110', 9_999))).toEqual({ saleId: '2026120110', index: 9_999 });
  });

  it('refuse malformed ids', () => {
    for (const id of ['', '2026120110-1', '2026120110-000001', '2026120199-00001', '2026120110_00001', 7, null]) expect(parseItemId(id)).toBeUndefined();
  });
});
