/** The explicit list of features that activate() switches on, in order. */
import { analysisFeature } from './analysis/analysisFeature';
import { confFeature } from './conf/confFeature';
import { connectionsFeature } from './connections/connectionsFeature';
import type { Feature } from './feature';
import { instanceFeature } from './instance/instanceFeature';
import { rdbFeature } from './rdb/rdbFeature';
import { reviewFeature } from './review/reviewFeature';
import { scaffoldFeature } from './scaffold/scaffoldFeature';

export const FEATURES: Feature[] = [
  connectionsFeature,
  // After the Connections feature: it uses services.connections.
  instanceFeature,
  analysisFeature,
  scaffoldFeature,
  reviewFeature,
  confFeature,
  rdbFeature,
];
