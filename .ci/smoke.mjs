// Starts the built server (`npm start`) on a fresh database and a free port, checks that it
// is ready and serves concerts and the web app, then stops it.
import { spawn } from 'node:child_process';

const databasePath = process.argv[2];
const server = spawn('npm', ['start'], {
  env: { ...process.env, DATABASE_PATH: databasePath, PORT: '0', HOST: '127.0.0.1' },
  stdio: ['ignore', 'pipe', 'inherit'],
  detached: true,
});

function stop() {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

const timeout = setTimeout(() => {
  console.error('smoke: the server did not start within 30 s');
  stop();
  process.exit(1);
}, 30_000);

let output = '';
server.stdout.on('data', async (chunk) => {
  output += chunk;
  process.stdout.write(chunk);
  const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
  if (!match) return;
  server.stdout.removeAllListeners('data');
  clearTimeout(timeout);
  try {
    const concerts = await fetch(`${match[1]}/api/concerts`).then((r) => r.json());
    if (!(concerts.concerts.length >= 4)) throw new Error('expected the demo concerts');
    const ready = await fetch(`${match[1]}/api/ready`);
    if (ready.status !== 200) throw new Error(`expected ready, got ${ready.status}`);
    const page = await fetch(`${match[1]}/`).then((r) => r.text());
    if (!page.includes('<div id="root">')) throw new Error('expected the web app at /');
    console.info(`smoke: ${concerts.concerts.length} concerts and the web app served`);
    stop();
    process.exit(0);
  } catch (error) {
    console.error('smoke failed:', error);
    stop();
    process.exit(1);
  }
});
server.on('exit', (code) => {
  console.error(`smoke: the server exited early with ${code}`);
  process.exit(1);
});
