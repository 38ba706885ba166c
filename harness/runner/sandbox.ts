import childProcess from 'node:child_process';
import dgram from 'node:dgram';
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import workerThreads from 'node:worker_threads';
import { currentRun } from './containment.ts';

/**
 * Closes a simulated run's process below fetch: MSW answers fetch, http and https, but an agent can
 * still open a raw TCP or TLS socket, send a UDP datagram, resolve a name, start a child process or
 * a worker thread (whose modules are not patched), or reach the native bindings under them
 * (`process.binding('tcp_wrap')`). Native addons (`process.dlopen`) can do anything and are not
 * covered. Each attempt is refused the way the OS would
 * refuse it (an `EACCES` error) and recorded in the run's history as an `unhandled-request`. Not
 * for live runs, whose forwarder must reach the real API. Named ESM imports of these modules see
 * the patched functions too (`syncBuiltinESMExports`).
 */
export function closeSandbox(): void {
  const normalize = (net as unknown as { _normalizeArgs(args: unknown[]): [{ host?: string; port?: number; path?: string }] })._normalizeArgs;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    // net.connect passes its arguments already normalised, as one array.
    const [options] = Array.isArray(args[0]) ? (args[0] as ReturnType<typeof normalize>) : normalize(args);
    const target = options.path ? `unix:${options.path}` : `tcp://${options.host ?? 'localhost'}:${options.port}`;
    const error = refuse('CONNECT', target);
    // Connecting, as far as the caller can tell (http2 waits for 'connect' only then), until it fails.
    Object.assign(this, { connecting: true });
    process.nextTick(() => this.destroy(error));
    return this;
  } as typeof net.Socket.prototype.connect;

  const send = dgram.Socket.prototype.send;
  dgram.Socket.prototype.send = function (this: dgram.Socket, ...args: unknown[]) {
    const callback = [...args].reverse().find((a) => typeof a === 'function') as ((error: Error) => void) | undefined;
    const [port, address] = args.filter((a) => typeof a === 'number' || typeof a === 'string').slice(-2);
    const error = refuse('SEND', `udp://${address ?? 'localhost'}:${port ?? '?'}`);
    process.nextTick(() => (callback ? callback(error) : this.emit('error', error)));
  } as typeof send;
  dgram.Socket.prototype.connect = function (this: dgram.Socket, port: number, address?: unknown) {
    const error = refuse('CONNECT', `udp://${typeof address === 'string' ? address : 'localhost'}:${port}`);
    process.nextTick(() => this.emit('error', error));
  } as typeof dgram.Socket.prototype.connect;

  for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const) {
    Object.assign(childProcess, {
      [name]: (command: unknown, ...rest: unknown[]) => {
        const line = [command, ...(Array.isArray(rest[0]) ? rest[0] : [])].map(String).join(' ');
        throw refuse('SPAWN', `process:${line}`);
      },
    });
  }

  // What spawn and exec use underneath, reachable from an instance of the class.
  Object.assign(childProcess.ChildProcess.prototype, {
    spawn(options: { file?: string; args?: string[] }) {
      throw refuse('SPAWN', `process:${[options?.file, ...(options?.args?.slice(1) ?? [])].join(' ')}`);
    },
  });
  // The native bindings under net, dgram, child_process and dns, which the patches above do not cover.
  const host = process as unknown as { binding(name: string): unknown };
  const binding = host.binding.bind(process);
  host.binding = (name: string) => {
    if (RAW_BINDINGS.has(name)) throw refuse('BINDING', `binding:${name}`);
    return binding(name);
  };

  Object.assign(workerThreads, {
    Worker: class {
      constructor(filename: unknown) {
        throw refuse('WORKER', `worker:${String(filename)}`);
      }
    },
  });

  const lookups = (target: object, style: 'callback' | 'promise') => {
    for (const name of Object.getOwnPropertyNames(target).filter((n) => /^(lookup|resolve|reverse)/.test(n))) {
      Object.defineProperty(target, name, {
        configurable: true,
        writable: true,
        value: (host: unknown, ...rest: unknown[]) => {
          const error = Object.assign(refuse('DNS', `dns:${String(host)}`), { code: 'ENOTFOUND' });
          const callback = [...rest].reverse().find((a) => typeof a === 'function') as ((error: Error) => void) | undefined;
          if (style === 'promise' || !callback) return Promise.reject(error);
          process.nextTick(() => callback(error));
        },
      });
    }
  };
  lookups(dns, 'callback');
  lookups(dns.promises, 'promise');
  lookups(Object.getPrototypeOf(dns.Resolver.prototype), 'callback');
  lookups(dns.Resolver.prototype, 'callback');
  lookups(Object.getPrototypeOf(dns.promises.Resolver.prototype), 'promise');
  lookups(dns.promises.Resolver.prototype, 'promise');
  syncBuiltinESMExports();
}

const RAW_BINDINGS = new Set(['tcp_wrap', 'udp_wrap', 'pipe_wrap', 'tls_wrap', 'stream_wrap', 'spawn_sync', 'process_wrap', 'cares_wrap', 'js_udp_wrap']);

/** Records the attempt in the run in progress and returns the error its caller gets. */
function refuse(method: string, target: string): NodeJS.ErrnoException {
  currentRun()?.blocked(method, target);
  return Object.assign(new Error(`[faultline] ${method} ${target} blocked: nothing leaves the simulated world (only a --model live run reaches the network)`), {
    code: 'EACCES',
  });
}
