import fc from 'fast-check';

/**
 * Property tests run on one fixed seed, so a red run is the code's doing and running it again
 * replays it. FC_SEED=<n> explores other cases, or replays the seed a failure reports. A test that
 * passes its own seed keeps it.
 */
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20_261_202) });
