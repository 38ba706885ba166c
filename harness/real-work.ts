import crypto from 'node:crypto';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/**
 * Work Node does off the event loop (the thread pool: fs, crypto, zlib) that an agent is waiting
 * for. Virtual time must not move while any is in flight: a run with only such work pending is not
 * deadlocked, and a timer must not fire before work that the real machine happened to finish
 * later, or the same seed would give another history. Counted by wrapping the asynchronous
 * functions of those modules (async_hooks would see it too, but makes every promise 8× dearer).
 */
let pending = 0;
// Work is counted for the run that started it: what an earlier run left unfinished (a FIFO it
// opened) must not hold up the next one.
let epoch = 0;

/** How many operations of the thread pool the current run has in flight. */
export const realWorkPending = (): number => pending;

/** Work of the harness's own that a run waits on (a module loaded on first use), counted until it settles. */
export function asRealWork<T>(work: Promise<T>): Promise<T> {
  const mine = epoch;
  pending++;
  const settle = () => void (mine === epoch && pending--);
  work.then(settle, settle);
  return work;
}

/** A new run starts: earlier runs' unfinished work no longer counts. */
export function newRealWorkEpoch(): void {
  epoch++;
  pending = 0;
}

let installed = false;

/** Starts counting (idempotent). Named ESM imports of these modules see the wrapped functions too. */
export function countRealWork(): void {
  if (installed) return;
  installed = true;
  wrapAll(fs, (name) => !name.endsWith('Sync') && !/^(create|watch|unwatch|Dirent|Stats|promises)/.test(name) && /^[a-z]/.test(name));
  wrapAll(fs.promises, (name) => /^[a-z]/.test(name) && name !== 'constants' && name !== 'watch');
  wrapAll(crypto, (name) => ['pbkdf2', 'scrypt', 'randomBytes', 'randomFill', 'randomInt', 'generateKey', 'generateKeyPair', 'generatePrime', 'checkPrime', 'hkdf', 'sign', 'verify'].includes(name));
  wrapAll(Object.getPrototypeOf(crypto.subtle), (name) => name !== 'constructor');
  wrapAll(zlib, (name) => /^(gzip|gunzip|deflate|deflateRaw|inflate|inflateRaw|unzip|brotliCompress|brotliDecompress)$/.test(name));
  syncBuiltinESMExports();
}

function wrapAll(target: object, include: (name: string) => boolean): void {
  for (const name of Object.getOwnPropertyNames(target)) {
    const descriptor = Object.getOwnPropertyDescriptor(target, name);
    if (!include(name) || typeof descriptor?.value !== 'function' || !descriptor.writable) continue;
    const original = descriptor.value as Fn;
    const wrapped = counted(original, name === 'open' && target === fs.promises);
    // util.promisify reads the original's hidden marks (which results to name, as fs.read's
    // { bytesRead, buffer }) and may find a promisified twin (fs.exists): keep them, the twin counted.
    for (const symbol of Object.getOwnPropertySymbols(original)) {
      if (symbol !== promisify.custom) Object.defineProperty(wrapped, symbol, Object.getOwnPropertyDescriptor(original, symbol) as PropertyDescriptor);
    }
    const twin = (original as Fn & { [promisify.custom]?: Fn })[promisify.custom];
    if (twin) Object.defineProperty(wrapped, promisify.custom, { value: counted(twin) });
    Object.defineProperty(target, name, { ...descriptor, value: wrapped });
  }
}

type Fn = (...args: unknown[]) => unknown;

/** The function, counting each call from its start until its callback runs or its promise settles. */
function counted(original: Fn, opensFileHandle = false): Fn {
  return function (this: unknown, ...args: unknown[]) {
    const last = args.length - 1;
    const callback = args[last];
    const mine = epoch;
    let done = false;
    const settle = () => {
      if (!done && mine === epoch) pending--;
      done = true;
    };
    if (typeof callback === 'function') {
      pending++;
      args[last] = function (this: unknown, ...results: unknown[]) {
        settle();
        return (callback as Fn).apply(this, results);
      };
      try {
        return original.apply(this, args);
      } catch (error) {
        settle();
        throw error;
      }
    }
    const result = original.apply(this, args);
    if (!(result instanceof Promise)) return result;
    pending++;
    result.then(settle, settle);
    return opensFileHandle ? result.then((handle) => (wrapFileHandle(handle), handle)) : result;
  };
}

// A FileHandle's methods (read, write, close, …) are work of the pool too; its class is not exported.
let fileHandleWrapped = false;
function wrapFileHandle(handle: unknown): void {
  if (fileHandleWrapped || typeof handle !== 'object' || handle === null) return;
  fileHandleWrapped = true;
  wrapAll(Object.getPrototypeOf(handle) as object, (name) => name !== 'constructor' && !name.startsWith('get ') && !/Stream$|^readLines$/.test(name));
}
