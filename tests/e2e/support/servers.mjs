// The processes behind the browser tests: a private sessiond (SQLite and a test GeoIP database
// in a temporary folder, on a free port) and user-sessions-demo in front of it, trusting the
// loopback address as its reverse proxy so that each browser context can bring its own
// X-Forwarded-For.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

// A child process whose output (stdout and stderr) is collected in memory.
class Child {
  constructor(name, command, args, env) {
    this.name = name;
    this.output = '';
    this.exited = false;
    this.process = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const append = (chunk) => {
      this.output += chunk.toString();
      this.waiters.forEach((check) => check());
    };
    this.waiters = new Set();
    this.process.stdout.on('data', append);
    this.process.stderr.on('data', append);
    this.exit = new Promise((resolve) => {
      this.process.on('exit', (code, signal) => {
        this.exited = true;
        this.waiters.forEach((check) => check());
        resolve({ code, signal });
      });
    });
  }

  // Resolves with the first match of `pattern` in the output; rejects if the process exits
  // first or after `timeoutMs`.
  waitForOutput(pattern, timeoutMs) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`${this.name} printed no ${pattern} within ${timeoutMs} ms:\n${this.output}`));
      }, timeoutMs);
      const check = () => {
        const match = this.output.match(pattern);
        if (match) {
          clearTimeout(timer);
          this.waiters.delete(check);
          resolve(match);
        } else if (this.exited) {
          clearTimeout(timer);
          this.waiters.delete(check);
          reject(new Error(`${this.name} exited before printing ${pattern}:\n${this.output}`));
        }
      };
      this.waiters.add(check);
      check();
    });
  }

  // SIGTERM, then the exit status; SIGKILL if it does not exit within `timeoutMs`.
  async stop(timeoutMs = 10000) {
    if (this.exited) return this.exit;
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), timeoutMs);
    const status = await this.exit;
    clearTimeout(timer);
    return status;
  }
}

// The environment without USERSESSIONS_* variables, so that nothing from the caller's shell
// changes how the servers under test are configured.
function cleanEnv() {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('USERSESSIONS_')));
}

// Starts sessiond and the demo: `sessiond` and `demo` are the binaries, `sourceDir` the
// repository (for the GeoIP writer and buf), `logDir` where stop() saves each process's output.
// Returns { demoUrl, sessiondAddress, countSessions, stop }; stop() ends both processes (SIGTERM)
// and deletes the temporary folder.
export async function startServers({ sessiond, demo, sourceDir, logDir }) {
  const work = await mkdtemp(path.join(tmpdir(), 'usersessions-e2e-'));
  const children = [];
  const stop = async () => {
    for (const child of children.reverse()) {
      await child.stop();
      if (logDir) {
        await mkdir(logDir, { recursive: true });
        await writeFile(path.join(logDir, `${child.name}.log`), child.output);
      }
    }
    await rm(work, { recursive: true, force: true });
  };
  try {
    await run('perl', [path.join(sourceDir, 'tests/testing/geoip/write_test_mmdb.pl'), work]);

    const sessiondChild = new Child('sessiond', sessiond, [
      '--listen=127.0.0.1:0',
      `--store=sqlite:${path.join(work, 'sessions.db')}`,
      `--geoip-db=${path.join(work, 'test_city.mmdb')}`,
      '--cleanup-interval=0',
    ], cleanEnv());
    children.push(sessiondChild);
    const [, sessiondAddress] = await sessiondChild.waitForOutput(/"listening":"([^"]+)"/, 20000);

    const demoChild = new Child('user-sessions-demo', demo, [
      '--listen=127.0.0.1:0',
      `--sessiond=${sessiondAddress}`,
      '--trusted-proxies=127.0.0.1/32',
    ], cleanEnv());
    children.push(demoChild);
    const [, demoUrl] = await demoChild.waitForOutput(/^open (http:\/\/\S+)$/m, 20000);

    // Every session record in sessiond, active or expired, of every user (sessiond's auth is
    // off on loopback, so this caller is an admin).
    const countSessions = async () => {
      const buf = path.join(sourceDir, 'node_modules/.bin/buf');
      const { stdout } = await run(buf, [
        'curl', '--protocol', 'grpc', '--http2-prior-knowledge',
        '-d', '{"stateFilter":"STATE_FILTER_ALL","pageSize":1000}',
        `http://${sessiondAddress}/usersessions.v1.SessionStore/ListSessions`,
      ]);
      return (JSON.parse(stdout).sessions ?? []).length;
    };
    return { demoUrl, sessiondAddress, countSessions, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
