import { ApiError, describeError, newIdempotencyKey } from '@mosaic/kit-ui/client';
import { useRef, useState } from 'preact/hooks';

/**
 * One money-moving form's submissions. The button is disabled while a request is in
 * flight, so a double click sends nothing twice; and each submission carries an
 * Idempotency-Key that is kept for retries of the same values after an unclear
 * outcome (no answer, 5xx, "still processing"), so a retry never moves money twice.
 * A success, a definite refusal, or different values start a new key.
 */
export interface Submission<T> {
  busy: boolean;
  error: string;
  /** The API's answer, or undefined when it failed (the error is then set) or one is already in flight. */
  submit(values: Record<string, string>): Promise<T | undefined>;
}

export function useSubmission<T>(action: (values: Record<string, string>, key: string) => Promise<T>): Submission<T> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const pending = useRef<{ values: string; key: string } | null>(null);
  // A ref, not the state: a second click can arrive before the disabled button renders.
  const inFlight = useRef(false);

  const submit = async (values: Record<string, string>): Promise<T | undefined> => {
    if (inFlight.current) return undefined;
    inFlight.current = true;
    const signature = JSON.stringify(values);
    if (pending.current?.values !== signature) pending.current = { values: signature, key: newIdempotencyKey() };
    setBusy(true);
    setError('');
    try {
      const result = await action(values, pending.current.key);
      pending.current = null;
      return result;
    } catch (failure) {
      if (!isUnclear(failure)) pending.current = null;
      setError(describeError(failure));
      return undefined;
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };
  return { busy, error, submit };
}

/** The request may or may not have been applied: retry with the same key. */
function isUnclear(failure: unknown): boolean {
  return !(failure instanceof ApiError) || failure.status >= 500 || failure.code === 'idempotency_key_in_use';
}
