import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const libs = join(root, 'libs');

const domains = readdirSync(libs, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'kit' && existsSync(join(libs, entry.name, 'usecase/src')))
  .map((entry) => entry.name);

/** Folders of a use-case library that hold no use case of their own. */
const SUPPORT_FOLDERS = new Set(['shared', 'test-support']);

const entries = (dir: string) => readdirSync(dir, { withFileTypes: true });
const sourceFiles = (dir: string): string[] =>
  entries(dir).flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));

/** What breaks "one folder per use case" in a use-case library's `src`. */
function useCaseLayoutProblems(domain: string): string[] {
  const src = join(libs, domain, 'usecase/src');
  const problems: string[] = [];
  const composition = new Set(['index.ts', `${domain}-use-cases.ts`, `${domain}-use-cases.spec.ts`]);
  for (const entry of entries(src)) {
    if (entry.isFile() && !composition.has(entry.name)) problems.push(`${entry.name}: a use case lives in its own folder`);
    if (!entry.isDirectory() || SUPPORT_FOLDERS.has(entry.name)) continue;
    const files = entries(join(src, entry.name)).map((file) => file.name);
    // A folder holds the use case it is named for; one of specs alone tests several together.
    const onlySpecs = files.every((file) => file.endsWith('.spec.ts'));
    if (!files.includes(`${entry.name}.ts`) && !onlySpecs) problems.push(`${entry.name}/: no ${entry.name}.ts (one folder per use case, named for it)`);
  }
  return problems;
}

/** What breaks the shared domain layout: errors/, events/ and ports/ folders, no flat lib/. */
function domainLayoutProblems(domain: string): string[] {
  const src = join(libs, domain, 'domain/src');
  const problems: string[] = [];
  if (existsSync(join(src, 'lib'))) problems.push('lib/: name folders for the aggregates they hold');
  for (const folder of ['errors', 'ports']) if (!existsSync(join(src, folder))) problems.push(`${folder}/ is missing`);
  for (const file of sourceFiles(src)) {
    const name = file.slice(src.length + 1);
    if (/-errors\.ts$/.test(name) && !name.startsWith('errors/')) problems.push(`${name}: errors live in errors/`);
    if (/-events?\.ts$/.test(name) && !name.startsWith('events/') && !name.startsWith('ports/')) problems.push(`${name}: events live in events/`);
  }
  return problems;
}

/**
 * Aggregates take version, owner and event recording from kit-core's VersionedAggregate.
 * An aggregate here is an entity a repository loads and saves one id at a time under an
 * optimistic version: what gives one away is the boilerplate the base holds (pullEvents,
 * markSaved, isOwnedBy). The exchange engine is no such thing: one writer applies journal
 * records in sequence to the whole state, durable through the journal and snapshots, with
 * no per-entity version or owner to check, so it has nothing to take from the base and is
 * rightly left alone by this rule.
 */
function repeatedAggregateBoilerplate(domain: string): string[] {
  const src = join(libs, domain, 'domain/src');
  return sourceFiles(src)
    .filter((file) => !file.endsWith('.spec.ts'))
    .filter((file) => /^\s+(pullEvents|markSaved|isOwnedBy)\(/m.test(readFileSync(file, 'utf8')))
    .map((file) => file.slice(src.length + 1));
}

/** The types a domain's repository ports save (`save(x: X)` in a `*-repository.ts`). */
function savedByRepositories(domain: string): string[] {
  const ports = join(libs, domain, 'domain/src/ports');
  if (!existsSync(ports)) return [];
  const files = entries(ports).filter((entry) => entry.isFile() && entry.name.endsWith('-repository.ts'));
  const saved = files.flatMap((entry) =>
    [...readFileSync(join(ports, entry.name), 'utf8').matchAll(/\bsave\(\s*\w+\s*:\s*(\w+)\s*\)/g)].map((match) => match[1]),
  );
  return [...new Set(saved)].sort();
}

/**
 * What a repository saves is an aggregate on the base: a class extending
 * VersionedAggregate, not a plain record with functions beside it, so the version a
 * save checks and the events a change records live in one place.
 */
function savedRecordsOffTheBase(domain: string): string[] {
  const src = join(libs, domain, 'domain/src');
  const sources = sourceFiles(src).filter((file) => !file.endsWith('.spec.ts'));
  const onTheBase = new Set(
    sources.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bclass\s+(\w+)\s+extends\s+VersionedAggregate\b/g)].map((match) => match[1])),
  );
  return savedByRepositories(domain)
    .filter((type) => !onTheBase.has(type))
    .map((type) => `${type}: saved by a repository but not a VersionedAggregate`);
}

/**
 * Use cases store and publish what aggregates recorded; an event literal in one (its
 * `occurredAt`, or an object literal handed straight to a sink's `record`) builds its own.
 */
function eventsBuiltInUseCases(domain: string): string[] {
  const src = join(libs, domain, 'usecase/src');
  return sourceFiles(src)
    .filter((file) => !file.endsWith('.spec.ts') && !file.includes('/test-support/'))
    .filter((file) => /\boccurredAt\s*:|\.record\(\s*\{/.test(readFileSync(file, 'utf8')))
    .map((file) => file.slice(src.length + 1));
}

describe('the domain layout', () => {
  it('finds the domains it checks', () => {
    expect(domains).toEqual(expect.arrayContaining(['account', 'auth', 'chat', 'exchange', 'flashsale', 'urlshortener']));
  });

  it.each(domains)('%s: one folder per use case', (domain) => {
    expect(useCaseLayoutProblems(domain)).toEqual([]);
  });

  it.each(domains)('%s: errors/, events/ and ports/ in the domain, no flat lib/', (domain) => {
    expect(domainLayoutProblems(domain)).toEqual([]);
  });

  it.each(domains)('%s: aggregates extend the shared VersionedAggregate', (domain) => {
    expect(repeatedAggregateBoilerplate(domain)).toEqual([]);
  });

  it.each(domains)('%s: what a repository saves is an aggregate on the base', (domain) => {
    expect(savedRecordsOffTheBase(domain)).toEqual([]);
  });

  it('finds what repositories save: account’s accounts and points, auth’s users', () => {
    expect(savedByRepositories('account')).toEqual(['Account', 'Points']);
    expect(savedByRepositories('auth')).toEqual(['User']);
  });

  it.each(domains)('%s: use cases build no domain events of their own', (domain) => {
    expect(eventsBuiltInUseCases(domain)).toEqual([]);
  });
});
