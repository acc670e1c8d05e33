import type { BookOrder, Side } from './book-order';

/** One price on one side: a FIFO of orders (time priority) and its open total. */
export class PriceLevel {
  head: BookOrder | null = null;
  tail: BookOrder | null = null;
  /** Sum of `remaining` over the level's orders, in lots. */
  size = 0;
  count = 0;
  /** Sequence of the last command that reported this level; lets the engine report each level once per command. */
  reportedAt = 0;

  constructor(
    readonly side: Side,
    readonly price: number,
  ) {}

  append(order: BookOrder): void {
    order.level = this;
    order.prev = this.tail;
    order.next = null;
    if (this.tail === null) this.head = order;
    else this.tail.next = order;
    this.tail = order;
    this.size += order.remaining;
    this.count += 1;
  }

  unlink(order: BookOrder): void {
    if (order.prev === null) this.head = order.next;
    else order.prev.next = order.next;
    if (order.next === null) this.tail = order.prev;
    else order.next.prev = order.prev;
    this.size -= order.remaining;
    this.count -= 1;
    // `level` is left pointing here: listeners told about a removed order can
    // still report the level it left. `book === null` is what marks it off-book.
    order.prev = null;
    order.next = null;
  }
}
