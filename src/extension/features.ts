/** The explicit list of features that activate() switches on, in order. */
import type { Feature } from './feature';

export const FEATURES: Feature[] = [];
