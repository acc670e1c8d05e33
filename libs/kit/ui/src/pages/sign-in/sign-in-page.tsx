import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, describeError, fieldOf, onAsync, safeNextPath, session, startPage, type User } from '../../client/index';
import './sign-in-page.css';

type Mode = 'signin' | 'signup';

const next = () => safeNextPath(new URLSearchParams(location.search).get('next'), location.origin);

/** Shared by every product: sign in or create an account, then back to where the person came from. */
function SignIn() {
  const [mode, setMode] = useState<Mode>(new URLSearchParams(location.search).get('mode') === 'signup' ? 'signup' : 'signin');
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  useEffect(() => session.subscribe(setUser), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const name = String(data.get('name') ?? '').trim();
    const missing: Record<string, string> = {};
    if (!email) missing.email = 'Enter your email address.';
    if (!password) missing.password = 'Enter your password.';
    setFieldErrors(missing);
    setFormError('');
    if (Object.keys(missing).length > 0) return;
    setBusy(true);
    try {
      if (mode === 'signup') await session.signUp(email, password, name || undefined);
      else await session.signIn(email, password);
      location.assign(next());
    } catch (error) {
      if (error instanceof ApiError && error.code === 'validation_failed' && error.details.length > 0) {
        setFieldErrors(Object.fromEntries(error.details.map((d) => [fieldOf(d.path), `${capitalise(fieldOf(d.path))} ${d.message}.`])));
      } else {
        setFormError(describeError(error));
      }
      setBusy(false);
    }
  };

  if (user) {
    return (
      <section class="card narrow">
        <h1>You are signed in</h1>
        <p>
          Signed in as <strong>{user.email}</strong>.
        </p>
        <div class="actions">
          <a class="button" id="continue" href={next()}>
            Continue
          </a>
          <button type="button" class="secondary" onClick={() => void session.signOut()}>
            Sign out
          </button>
        </div>
      </section>
    );
  }

  const field = (id: string, label: string, props: Record<string, string | boolean>) => (
    <div>
      <label for={id}>{label}</label>
      <input id={id} name={id} aria-invalid={fieldErrors[id] ? 'true' : undefined} aria-describedby={`${id}-error`} {...props} />
      <p class="field-error" id={`${id}-error`}>
        {fieldErrors[id] ?? ''}
      </p>
    </div>
  );

  return (
    <section class="card narrow">
      <div class="tabs" role="tablist">
        <button type="button" role="tab" id="tab-signin" aria-selected={mode === 'signin'} onClick={() => setMode('signin')}>
          Sign in
        </button>
        <button type="button" role="tab" id="tab-signup" aria-selected={mode === 'signup'} onClick={() => setMode('signup')}>
          Create account
        </button>
      </div>
      <h1>{mode === 'signup' ? 'Create your Mosaic account' : 'Sign in to Mosaic'}</h1>
      <p class="muted">One account for every product: links, accounts, chat, exchange and flash sales.</p>
      <form id="auth-form" onSubmit={onAsync(submit)} noValidate>
        {field('email', 'Email', { type: 'email', autocomplete: 'email', inputmode: 'email', required: true })}
        {mode === 'signup' && field('name', 'Name (optional)', { autocomplete: 'name', maxlength: '100' })}
        {field('password', 'Password', {
          type: 'password',
          autocomplete: mode === 'signup' ? 'new-password' : 'current-password',
          required: true,
        })}
        {mode === 'signup' && <p class="muted hint">At least 8 characters; a few unrelated words make a strong one.</p>}
        <p class="form-error" id="form-error" role="alert">
          {formError}
        </p>
        <div class="actions">
          <button id="auth-submit" type="submit" disabled={busy}>
            {busy ? 'Please wait…' : mode === 'signup' ? 'Create account' : 'Sign in'}
          </button>
        </div>
      </form>
    </section>
  );
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

startPage();
const main = document.getElementById('main');
if (main) render(<SignIn />, main);
