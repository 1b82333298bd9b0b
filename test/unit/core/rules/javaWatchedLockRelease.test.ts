/** lock-release-without-ownership (Java): a DEL inside MULTI/EXEC after WATCH of the lock and a compare of its value is owner-checked. */
import { describe, expect, it } from 'vitest';
import { javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

function releaseLines(release: string[]): number[] {
  const text = [
    'package app;',
    '',
    'import org.springframework.data.redis.core.StringRedisTemplate;',
    '',
    'public class Stock {',
    '    private static final String STOCK_LOCK = "lock:stock";',
    '    private StringRedisTemplate template;',
    '',
    '    public void release(String token) {',
    ...release,
    '    }',
    '}',
    '',
  ].join('\n');
  return findingLines('lock-release-without-ownership', text);
}

describe('Java lock release through WATCH and MULTI', () => {
  it('is not reported: EXEC fails if the lock changed hands after the compare', () => {
    expect(releaseLines([
      '        template.watch(STOCK_LOCK);',
      '        if (token.equals(template.opsForValue().get(STOCK_LOCK))) {',
      '            template.multi();',
      '            template.delete(STOCK_LOCK);',
      '            template.exec();',
      '        }',
      '        template.unwatch();',
    ])).toEqual([]);
  });

  it('is reported without the WATCH: the compare and the DEL race', () => {
    expect(releaseLines([
      '        if (token.equals(template.opsForValue().get(STOCK_LOCK))) {',
      '            template.multi();',
      '            template.delete(STOCK_LOCK);',
      '            template.exec();',
      '        }',
    ])).toEqual([12]);
  });
});
