/**
 * unbounded-collection-read in Java: Redisson's readAll() of a list, queue, scored sorted set or geo index takes no
 * range, so it is LRANGE/ZRANGE 0 -1 of the whole collection; bounded ranges and searches of the same objects are not.
 */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

describe('Redisson readAll() of lists, sorted sets and geo indexes', () => {
  it('reports readAll() of a geo index field, a leaderboard and an event list, not their pages, searches or counts', () => {
    const text = javaClassSource(
      {
        imports: [
          'import java.util.Collection;',
          'import java.util.List;',
          'import org.redisson.api.RGeo;',
          'import org.redisson.api.RList;',
          'import org.redisson.api.RScoredSortedSet;',
          'import org.redisson.api.RedissonClient;',
          'import org.redisson.api.geo.GeoSearchArgs;',
          'import org.redisson.api.geo.GeoUnit;',
        ],
        declaration: 'public class Places',
        fields: ['    private final RGeo<String> vehicles;', '    private final RedissonClient redisson;', '    private final PlaceFiles files;'],
      },
      [
        '    public Places(RGeo<String> vehicles, RedissonClient redisson, PlaceFiles files) {',
        '        this.vehicles = vehicles;',
        '        this.redisson = redisson;',
        '        this.files = files;',
        '    }',
        '',
        '    public Collection<String> allVehicles() {',
        '        return vehicles.readAll();',
        '    }',
        '',
        '    public List<String> near(double lon, double lat) {',
        '        return vehicles.search(GeoSearchArgs.from(lon, lat).radius(500, GeoUnit.METERS));',
        '    }',
        '',
        '    public Collection<String> board() {',
        '        RScoredSortedSet<String> scores = redisson.getScoredSortedSet("leaderboard");',
        '        return scores.readAll();',
        '    }',
        '',
        '    public Collection<String> top() {',
        '        RScoredSortedSet<String> scores = redisson.getScoredSortedSet("leaderboard");',
        '        return scores.valueRangeReversed(0, 9);',
        '    }',
        '',
        '    public List<String> events() {',
        '        RList<String> log = redisson.getList("events");',
        '        return log.readAll();',
        '    }',
        '',
        '    public List<String> recent() {',
        '        RList<String> log = redisson.getList("events");',
        '        return log.range(0, 9);',
        '    }',
        '',
        '    public int count() {',
        '        return vehicles.size();',
        '    }',
        '',
        '    public List<String> fromFiles() {',
        '        return files.readAll();',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('unbounded-collection-read', text)).toEqual([24, 33, 43]);
  });
});
