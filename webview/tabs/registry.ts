/** The tabs of the instance webview, in display order. Add a tab by adding its module here. */
import type { TabModule } from './tab';
import { keysTab } from './keys/keysTab';
import { statsTab } from './stats/statsTab';
import { activityTab } from './activity/activityTab';
import { analysisTab } from '../analysis/analysisTab';

export const TABS: TabModule[] = [keysTab, statsTab, activityTab, analysisTab];
