import { describe, expect, it } from 'vitest';
import { rejectionCode, useCaseHarness } from '../test-support/usecase-harness';

describe('DeleteLink', () => {
  it('lets the owner delete a link, which then stops redirecting', async () => {
    const { shorten, deleteLink, resolveLink } = useCaseHarness();
    const link = await shorten({ ownerId: 'owner' });
    expect(await resolveLink.execute(link.code.value)).toBe(link);
    await deleteLink.execute({ code: link.code.value, principalId: 'owner' });
    expect(resolveLink.peek(link.code.value)).toBeNull();
    expect(await resolveLink.execute(link.code.value)).toBeNull();
  });

  it('keeps the code of a deleted link taken, so nobody can re-point it', async () => {
    const { shorten, deleteLink, links } = useCaseHarness();
    await shorten({ alias: 'retired', ownerId: 'owner' });
    await deleteLink.execute({ code: 'retired', principalId: 'owner' });
    expect(await links.findByCode('retired')).toBeUndefined();
    expect(await rejectionCode(shorten({ alias: 'retired' }))).toBe('alias_taken');
  });

  it('refuses anyone but the owner with 403, and leaves the link working', async () => {
    const { shorten, deleteLink, resolveLink } = useCaseHarness();
    const owned = await shorten({ ownerId: 'owner' });
    const anonymous = await shorten();
    await expect(deleteLink.execute({ code: owned.code.value, principalId: 'intruder' })).rejects.toMatchObject({
      code: 'not_link_owner',
      status: 403,
    });
    await expect(deleteLink.execute({ code: anonymous.code.value, principalId: 'intruder' })).rejects.toMatchObject({
      code: 'link_not_deletable',
      status: 403,
    });
    expect(await resolveLink.execute(owned.code.value)).toBe(owned);
    expect(await resolveLink.execute(anonymous.code.value)).toBe(anonymous);
  });

  it('answers 404 for an unknown code and for a second delete', async () => {
    const { shorten, deleteLink } = useCaseHarness();
    const link = await shorten({ ownerId: 'owner' });
    await deleteLink.execute({ code: link.code.value, principalId: 'owner' });
    expect(await rejectionCode(deleteLink.execute({ code: link.code.value, principalId: 'owner' }))).toBe('link_not_found');
    expect(await rejectionCode(deleteLink.execute({ code: 'unknown1', principalId: 'owner' }))).toBe('link_not_found');
  });

  it('succeeds exactly once under concurrent deletes', async () => {
    const { shorten, deleteLink } = useCaseHarness();
    const link = await shorten({ ownerId: 'owner' });
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => deleteLink.execute({ code: link.code.value, principalId: 'owner' })));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
  });
});
