/** Folders below a Maven or Gradle main source root are packages: `test` or `tools` there does not make a file a test or a script. */
import { describe, expect, it } from 'vitest';
import { contextForPath } from '../../../../src/core/analysis/fileContext';

describe('file context of Maven and Gradle sources', () => {
  it('keeps files of a package named test, tools or bin under src/main/java as application code', () => {
    expect(contextForPath('src/main/java/com/acme/test/config/RedisConfig.java')).toBe('app');
    expect(contextForPath('shop/src/main/java/com/acme/tools/RedisUtil.java')).toBe('app');
    expect(contextForPath('src/main/kotlin/com/acme/bin/Cache.kt')).toBe('app');
  });

  it('still classifies test source roots and test or script modules by their folders', () => {
    expect(contextForPath('src/test/java/com/acme/RedisConfigTest.java')).toBe('test');
    expect(contextForPath('tests/src/main/java/com/acme/Fixture.java')).toBe('test');
    expect(contextForPath('tools/src/main/java/com/acme/Migrate.java')).toBe('script');
  });

  it('leaves paths outside a main source root as before', () => {
    expect(contextForPath('app/test/cache_test.go')).toBe('test');
    expect(contextForPath('scripts/warm_cache.py')).toBe('script');
  });
});
