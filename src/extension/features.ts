/** The explicit list of features that activate() switches on, in order. */
import type { Feature } from './feature';
import { instanceFeature } from './instance/instanceFeature';
import { scaffoldFeature } from './scaffold/scaffoldFeature';

export const FEATURES: Feature[] = [
  // After the Connections feature: it uses services.connections.
  instanceFeature,
  scaffoldFeature,
];
