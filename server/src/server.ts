import 'reflect-metadata';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import type { Config } from './app/config';
import { bootstrapData, type BootstrapReport } from './app/bootstrap';
import { openDatabase, type DataSourceOptions } from './app/data-source';
import { getSchema } from './graphql/schema';
import { createServices, type Services } from './app/services';
import { createApp } from './http/app';
import { createLog, type Log } from './common/log';
import type { DestinationStream } from 'pino';
import { watchPools } from './http/metrics';

export interface StartOptions extends DataSourceOptions {
  /** Where the JSON log lines go (standard output by default). */
  logDestination?: DestinationStream;
}

export interface RunningServer {
  url: string;
  ds: DataSource;
  services: Services;
  bootstrap: BootstrapReport;
  log: Log;
  /** The freshly generated admin token, when this start created one (print it once). */
  generatedAdminToken: string | null;
  /** Stops accepting requests, drains those in flight, closes the database. */
  stop(): Promise<void>;
}

/** Start-up in order: database → migrations → data → schema → HTTP. */
export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  const log = opts.log ?? createLog(config.logLevel, opts.logDestination);
  const started: { bootstrap?: BootstrapReport; services?: Services; generatedAdminToken?: string | null } = {};
  // Migrations, first-start data and the admin token: once, by one server at a time.
  const ds = await openDatabase(config.database, { ...opts, log }, async (opened) => {
    started.bootstrap = await bootstrapData(opened, config);
    started.services = createServices(opened);
    started.generatedAdminToken = await started.services.auth.bootstrapAdmin(config.adminToken);
  });
  const bootstrap = started.bootstrap!;
  const services = started.services!;
  const generatedAdminToken = started.generatedAdminToken ?? null;
  try {
    const schema = await getSchema();
    const httpServer = config.tls
      ? https.createServer({ cert: fs.readFileSync(config.tls.cert), key: fs.readFileSync(config.tls.key) })
      : http.createServer();
    let listening = '';
    const publicUrl = () => config.publicUrl ?? listening;
    const { app, apollo, idle } = await createApp(config, services, schema, httpServer, publicUrl, log);
    httpServer.on('request', app);
    httpServer.requestTimeout = 5 * 60_000;
    // An idle keep-alive connection must outlive the client's and a proxy's idle timeout (undici
    // and browsers 4–5 s, load balancers typically 60 s): when the server closes first, a request
    // sent on the socket at that moment fails with "other side closed". Node's default is 5 s.
    httpServer.keepAliveTimeout = 65_000;
    httpServer.headersTimeout = 66_000;
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => resolve());
    });
    const { port } = httpServer.address() as AddressInfo;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    const url = `${config.tls ? 'https' : 'http'}://${host}:${port}`;
    // Listening on every interface: the manifest still needs one address a client can open.
    listening = /^(0\.0\.0\.0|\[::\])$/.test(host) ? url.replace(host, 'localhost') : url;
    const unwatchPools = watchPools(ds);
    let stopping: Promise<void> | null = null;
    return {
      url,
      ds,
      services,
      bootstrap,
      log,
      generatedAdminToken,
      stop: () =>
        (stopping ??= (async () => {
          await apollo.stop();
          if (httpServer.listening) await new Promise<void>((r) => httpServer.close(() => r()));
          await idle();
          unwatchPools();
          await ds.destroy();
        })()),
    };
  } catch (e) {
    if (ds.isInitialized) await ds.destroy();
    throw e;
  }
}
