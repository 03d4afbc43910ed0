import type { Viewer } from '../auth/auth.types';
import type { Config } from '../app/config';
import type { Loaders } from './loaders';
import type { Services } from '../app/services';

export interface Context {
  viewer: Viewer | null;
  config: Config;
  services: Services;
  loaders: Loaders;
}
