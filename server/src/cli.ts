import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './app/config';
import { AppError } from './common/errors';
import { bootstrapData } from './app/bootstrap';
import { openDatabase } from './app/data-source';
import { createServices } from './app/services';
import { importCsv, tokenCreate, tokenList, tokenRevoke, unitsImport, UsageError, type Io } from './cli/commands';
import { CsvFormatError } from './cli/observation-csv';

const USAGE = `Usage: npm run cli -- <command>

  token create --role ADMIN|PROVINCE_EDITOR|DISTRICT_EDITOR|COMMUNE_EDITOR|VIEWER --name NAME [--scope CODE]
               [--expires YYYY-MM-DD | ISO date-time]
                                   create an API token; prints its secret once; with --expires it is
                                   refused from that instant (a date: from its start, UTC)
  token revoke ID                  revoke a token (effective on its next request)
  token list                       list tokens (never their secrets), with expiry and last use
  import FILE.csv [--dry-run] [--partial] [--json]
                                   push observations from a CSV in the add-in's long format:
                                   unit_code,indicator_code,period,value,status,source,note[,base_version]
                                   --dry-run reports and writes nothing; --partial writes the good rows
                                   even when others are rejected (default: all or nothing)
  units import --units CSV --lineage CSV --effective YYYY-MM-DD [--communes-before CSV] [--end-level LEVEL]
                                   load a reorganisation of the administrative units: the new or changed
                                   units (code,name,type,level,parent_code), the lineage
                                   (old_code,old_level,new_code,new_level,kind) and the first day of the
                                   new units; --communes-before adds units in force before it that the
                                   database lacks; --end-level ends every unit of an abolished level.
                                   All or nothing; a date imports once (see docs/api.md)

  --as NAME                        the author recorded for the change (default cli:<user>)

The database is the server's: DATABASE_URL and the other variables are read as by npm start.
Exit codes: 0 done, 1 rejected rows or user errors, 2 usage or configuration error.`;

/** Runs one command; returns the exit code. `config` defaults to the environment's. */
export async function runCli(
  argv: string[],
  io: Io = { out: console.log, err: console.error },
  config?: Config,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        name: { type: 'string' },
        scope: { type: 'string' },
        expires: { type: 'string' },
        as: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        partial: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        units: { type: 'string' },
        lineage: { type: 'string' },
        effective: { type: 'string' },
        'communes-before': { type: 'string' },
        'end-level': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const {
    values: o,
    positionals: [command, sub, arg],
  } = parsed;
  if (o.help || !command) {
    (o.help ? io.out : io.err)(USAGE);
    return o.help ? 0 : 2;
  }
  let cfg: Config;
  try {
    cfg = config ?? loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(e.message);
      return 2;
    }
    throw e;
  }
  const ds = await openDatabase(cfg.database);
  try {
    await bootstrapData(ds, cfg);
    const s = createServices(ds);
    if (command === 'token' && sub === 'create') return await tokenCreate(s, io, o);
    if (command === 'token' && sub === 'revoke') return await tokenRevoke(s, io, arg, o.as);
    if (command === 'token' && sub === 'list') return await tokenList(s, io);
    if (command === 'import')
      return await importCsv(s, io, sub, { dryRun: o['dry-run']!, partial: o.partial!, as: o.as, json: o.json! });
    if (command === 'units' && sub === 'import') return await unitsImport(ds, io, o);
    throw new UsageError(`Unknown command "${[command, sub].filter(Boolean).join(' ')}"`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof CsvFormatError || e instanceof AppError || (e as NodeJS.ErrnoException).code === 'ENOENT') {
      io.err((e as Error).message);
      return e instanceof AppError ? 1 : 2;
    }
    throw e;
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error('chitieu cli failed:', e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
