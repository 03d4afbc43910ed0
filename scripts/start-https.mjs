// Starts the built server over HTTPS with the development certificates that `npm run certs`
// (office-addin-dev-certs) installed and made trusted, so Excel accepts https://localhost:4000.
// TLS_CERT / TLS_KEY already in the environment win (production certificates).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dir = path.join(os.homedir(), '.office-addin-dev-certs');
const env = { ...process.env };
env.TLS_CERT ??= path.join(dir, 'localhost.crt');
env.TLS_KEY ??= path.join(dir, 'localhost.key');
for (const f of [env.TLS_CERT, env.TLS_KEY]) {
  if (!fs.existsSync(f)) {
    console.error(`${f} does not exist: run \`npm run certs\` first (or set TLS_CERT and TLS_KEY).`);
    process.exit(1);
  }
}
const child = spawn(process.execPath, ['dist/node/server/src/main.js'], { env, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
