import { describe, expect, it } from 'vitest';
import { aLoadedPoints, aStamp, T0 } from '../test-support/account-mother';
import { errorOf } from '../test-support/expect-error';
import { MAX_UNITS } from '../money/amount';
import { Points, pointsForPayment } from './points';

describe('Points', () => {
  it('opens at zero and new', () => {
    const points = Points.open({ id: 'p1', ownerId: 'u1', now: T0 }, aStamp());
    expect(points.points).toBe(0n);
    expect(points.isNew).toBe(true);
    expect(points.changes()).toEqual({ isNew: true, expectedVersion: 0, points: 0n, isEmpty: false });
    expect(points.isOwnedBy('u1')).toBe(true);
  });

  it('adds and spends, tracking what changed', () => {
    const points = aLoadedPoints({ points: 10n });
    points.addPoints(5n);
    points.spendPoints(3n);
    expect(points.points).toBe(12n);
    expect(points.changes()).toEqual({ isNew: false, expectedVersion: 1, points: 12n, isEmpty: false });
    points.markSaved();
    expect(points.version).toBe(2);
    expect(points.changes().isEmpty).toBe(true);
  });

  it('refuses to spend more than it holds: insufficient_points', () => {
    const points = aLoadedPoints({ points: 2n });
    const error = errorOf(() => points.spendPoints(3n));
    expect(error.code).toBe('insufficient_points');
    expect(error.status).toBe(422);
    expect(points.points).toBe(2n);
  });

  it('refuses to hold more than the limit: points_limit_exceeded', () => {
    const points = aLoadedPoints({ points: MAX_UNITS });
    expect(errorOf(() => points.addPoints(1n)).code).toBe('points_limit_exceeded');
  });

  it('treats a non-positive count as a programming error', () => {
    expect(() => aLoadedPoints().addPoints(0n)).toThrow(RangeError);
    expect(() => aLoadedPoints({ points: 5n }).spendPoints(-1n)).toThrow(RangeError);
  });

  it('prices one point per minor unit paid', () => {
    expect(pointsForPayment(1000n)).toBe(1000n);
  });
});
