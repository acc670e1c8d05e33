/**
 * The base of every aggregate root. It holds what each of them repeated:
 * - the version it was loaded at, which a repository checks on save (optimistic
 *   concurrency) and moves on once the save is stored;
 * - its owner, the principal that may act on it (null when nobody owns it);
 * - the domain events it recorded since it was loaded or last saved, which the use case
 *   stores (outbox, event stream) in the transaction that stores the change.
 */
export abstract class VersionedAggregate<Event, Owner extends string | null = string> {
  private storedVersion: number;
  private owner: Owner;
  private recorded: Event[] = [];

  protected constructor(state: { readonly version: number; readonly ownerId: Owner }) {
    this.storedVersion = state.version;
    this.owner = state.ownerId;
  }

  /** The version it was loaded at; 0 for one never stored. */
  get version(): number {
    return this.storedVersion;
  }

  get isNew(): boolean {
    return this.storedVersion === 0;
  }

  get ownerId(): Owner {
    return this.owner;
  }

  /** Nobody owns an aggregate without an owner. */
  isOwnedBy(userId: string): boolean {
    return this.owner !== null && this.owner === userId;
  }

  /** Events recorded since it was loaded or last saved, oldest first. */
  get pendingEvents(): readonly Event[] {
    return this.recorded;
  }

  /** Takes the recorded events: whoever takes them stores or publishes them once. */
  pullEvents(): Event[] {
    const events = this.recorded;
    this.recorded = [];
    return events;
  }

  /** Called by a repository once the change is stored: the version moves on, the events are spent. */
  markSaved(): void {
    this.storedVersion = this.versionAfterSave();
    this.recorded = [];
    this.afterSave();
  }

  protected record(event: Event): void {
    this.recorded.push(event);
  }

  protected changeOwner(ownerId: Owner): void {
    this.owner = ownerId;
  }

  /** One save, one version; an event-sourced aggregate counts one per stored event instead. */
  protected versionAfterSave(): number {
    return this.storedVersion + 1;
  }

  /** Where a subclass resets its own change tracking once a save is stored. */
  protected afterSave(): void {
    // Most aggregates track nothing beyond the version and events.
  }
}
