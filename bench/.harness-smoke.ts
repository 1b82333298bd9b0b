import { startStandalone } from '../test/helpers/redisServers';
import { openHarness } from './browseHarness';
(async () => {
  const s = await startStandalone();
  const h = await openHarness({ port: s.port });
  await h.client.call('DEBUG', 'POPULATE', '20000', 'pop');
  await h.client.hset('user:1', 'name', 'Ada', 'json', '{"a":[1,2,{"b":true}]}');
  h.page.on('console', (m) => console.log('console', m.type(), m.text()));
  h.page.on('pageerror', (e) => console.log('pageerror', e.message));

  await h.page.waitForTimeout(1500);
  console.log(await h.page.evaluate(() => document.body.dataset.firstKeysMs + ' ' + document.body.dataset.firstKeysCount));
  console.log((await h.page.locator('body').innerText()).slice(0, 500));
  await h.page.screenshot({ path: '/tmp/bw/keys.png' });
  await h.page.locator('.vt-row').nth(2).click();
  await h.page.waitForTimeout(500);
  await h.page.screenshot({ path: '/tmp/bw/keys2.png' });
  await h.page.locator('[data-tab="stats"]').click();
  await h.page.waitForTimeout(1000);
  await h.page.screenshot({ path: '/tmp/bw/stats.png' });
  await h.page.locator('[data-tab="activity"]').click();
  await h.page.waitForTimeout(1000);
  await h.page.screenshot({ path: '/tmp/bw/activity.png' });
  await h.close(); await s.stop();
})();
