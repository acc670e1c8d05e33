/** A promise a test opens by hand, to hold a unit of work open at a chosen point. */
export class Gate {
  private opener: () => void = () => undefined;
  readonly opened = new Promise<void>((resolve) => {
    this.opener = resolve;
  });

  open(): void {
    this.opener();
  }
}

/** Resolves once `condition` holds, polling; fails with a message rather than hanging. */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
