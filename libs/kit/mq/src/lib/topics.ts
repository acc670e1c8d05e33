import { invalid } from '@mosaic/kit-core';

export function assertPartitionCount(partitions: unknown): asserts partitions is number {
  if (typeof partitions !== 'number' || !Number.isInteger(partitions) || partitions < 1 || partitions > 10_000) {
    throw invalid('mq_invalid_partitions', `partitions must be an integer in [1, 10000], got ${String(partitions)}`);
  }
}
