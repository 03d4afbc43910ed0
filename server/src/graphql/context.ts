import type { Viewer } from '../auth/auth.types';
import type { Config } from '../config';
import type { Loaders } from './loaders';
import type { Services } from './services';

export interface Context {
  viewer: Viewer | null;
  config: Config;
  services: Services;
  loaders: Loaders;
}
