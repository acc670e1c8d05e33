import { CloseCode } from '@mosaic/kit-ws';
import { describeWithChromium } from '@mosaic/kit-testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startedChat } from './test-support/composed-chat';

/** Two people sign up, become friends and talk; one drops off and comes back; nothing is lost or doubled. */
describeWithChromium('the chat page in Chromium', (browser) => {
  let app: Awaited<ReturnType<typeof startedChat>>;
  beforeAll(async () => {
    app = await startedChat();
  }, 60_000);
  afterAll(async () => app?.close());

  async function signUp(name: string): Promise<{ page: Page; id: string }> {
    const context = await (browser() as Browser).newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${app.url}/signin?mode=signup&next=/`);
    await page.fill('input[name=email]', `${name}.${Date.now()}@example.com`);
    await page.fill('input[name=password]', 'correct horse battery staple');
    if (await page.locator('input[name=name]').count()) await page.fill('input[name=name]', name);
    await page.click('button[type=submit]');
    await page.waitForURL(`${app.url}/`);
    const id = (await page.locator('#my-id').textContent({ timeout: 15_000 }))!.trim();
    return { page, id };
  }

  const texts = (page: Page) => page.locator('#messages .msg:not(.sending) .text').allTextContents();

  it('lets two friends chat, survives a dropped connection, and shows each message once', async () => {
    const alice = await signUp('alice');
    const bob = await signUp('bob');
    await alice.page.fill('#ask-friend input[name=friendId]', bob.id);
    await alice.page.click('#ask-friend button');
    await bob.page.click('#friends .pending button');
    const conversation = [alice.id, bob.id].sort().join(':');
    const open = async (page: Page) => {
      await page.locator(`#friends button[data-conversation="friend:${conversation}"]`).click({ timeout: 15_000 });
      await page.locator('#send input[name=message]').waitFor();
    };
    await open(alice.page);
    await alice.page.fill('#send input[name=message]', 'hello 1');
    await alice.page.press('#send input[name=message]', 'Enter');
    await open(bob.page);
    await expect.poll(() => texts(bob.page), { timeout: 15_000 }).toEqual(['hello 1']);

    // Bob's connection drops; Alice writes on; Bob's page reconnects and resumes.
    for (const connection of app.chat.socket()!.ws.connections) {
      if (connection.principal?.id === bob.id) connection.close(CloseCode.goingAway, 'test drops the connection');
    }
    for (const n of [2, 3, 4]) {
      await alice.page.fill('#send input[name=message]', `hello ${n}`);
      await alice.page.press('#send input[name=message]', 'Enter');
    }
    await expect.poll(() => texts(alice.page), { timeout: 15_000 }).toEqual(['hello 1', 'hello 2', 'hello 3', 'hello 4']);
    await expect.poll(() => texts(bob.page), { timeout: 20_000 }).toEqual(['hello 1', 'hello 2', 'hello 3', 'hello 4']);
    await bob.page.fill('#send input[name=message]', 'back again');
    await bob.page.press('#send input[name=message]', 'Enter');
    await expect.poll(() => texts(alice.page), { timeout: 15_000 }).toEqual(['hello 1', 'hello 2', 'hello 3', 'hello 4', 'back again']);
    // Bob's own message leaves "sending" when his ack arrives, which may be after Alice got it.
    await expect.poll(() => texts(bob.page), { timeout: 15_000 }).toEqual(['hello 1', 'hello 2', 'hello 3', 'hello 4', 'back again']);
    const width = await bob.page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
  }, 120_000);
});
