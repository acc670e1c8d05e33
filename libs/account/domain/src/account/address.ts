import type { ErrorDetail } from '@mosaic/kit-core';
import { invalidAddress } from '../errors/account-errors';

export interface AddressFields {
  readonly province: string;
  readonly city: string;
  readonly district: string;
  readonly line: string;
}

const LIMITS: Readonly<Record<keyof AddressFields, number>> = { province: 100, city: 100, district: 100, line: 200 };
const FIELDS = Object.keys(LIMITS) as (keyof AddressFields)[];
// Control characters break statements, logs and SMS templates alike.
const CONTROL = /\p{Cc}/u;

/**
 * A postal address as a value object: every part required, trimmed, equal by value,
 * immutable. An account replaces its address whole; there is no editing one field.
 */
export class Address implements AddressFields {
  private constructor(
    readonly province: string,
    readonly city: string,
    readonly district: string,
    readonly line: string,
  ) {}

  /** Validates every field at once, so one error names all that is wrong. */
  static of(input: unknown): Address {
    const source = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
    const problems: ErrorDetail[] = [];
    const values = {} as Record<keyof AddressFields, string>;
    for (const field of FIELDS) {
      const raw = source[field];
      const value = typeof raw === 'string' ? raw.trim() : '';
      if (typeof raw !== 'string' || value === '') problems.push({ path: field, message: 'required' });
      else if ([...value].length > LIMITS[field]) problems.push({ path: field, message: `at most ${LIMITS[field]} characters` });
      else if (CONTROL.test(value)) problems.push({ path: field, message: 'must not contain control characters' });
      values[field] = value;
    }
    if (problems.length > 0) throw invalidAddress(problems);
    return new Address(values.province, values.city, values.district, values.line);
  }

  /** Stored addresses were validated when written; a later, stricter rule must not make them unreadable. */
  static restore(fields: AddressFields): Address {
    return new Address(fields.province, fields.city, fields.district, fields.line);
  }

  equals(other: Address | null | undefined): boolean {
    return !!other && FIELDS.every((field) => this[field] === other[field]);
  }

  toJSON(): AddressFields {
    return { province: this.province, city: this.city, district: this.district, line: this.line };
  }
}
