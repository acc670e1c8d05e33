import { onAsync } from '@mosaic/kit-ui/client';
import type { ComponentChildren } from 'preact';
import { formValues } from './format';
import type { Submission } from './use-submission';

interface ActionFormProps<T> {
  id: string;
  title: string;
  submitId: string;
  label: string;
  busyLabel: string;
  submission: Submission<T>;
  /** After a success, with the API's answer; the form is already cleared. */
  onDone: (result: T) => void;
  children: ComponentChildren;
}

/** A card with fields, the API's error in words, and one submit button that is off while busy. */
export function ActionForm<T>({ id, title, submitId, label, busyLabel, submission, onDone, children }: ActionFormProps<T>) {
  return (
    <form
      class="card"
      id={id}
      onSubmit={onAsync(async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const result = await submission.submit(formValues(form));
        if (result === undefined) return;
        form.reset();
        onDone(result);
      })}
    >
      <h3>{title}</h3>
      {children}
      <p class="form-error" role="alert">
        {submission.error}
      </p>
      <div class="actions">
        <button type="submit" id={submitId} disabled={submission.busy}>
          {submission.busy ? busyLabel : label}
        </button>
      </div>
    </form>
  );
}
