/**
 * command-in-loop in Java: a service that extends the project's Redis wrapper (`class CartService extends
 * BaseRedisService`) calls the wrapper's methods as its own (`this.hashGet(key, field)`); inside a loop over items each
 * is one round trip, like a call on a wrapper field. Methods of a non-Redis superclass, methods the class defines
 * itself and a call followed by `break` are not reported.
 */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

const LOOPS = [
  '    public void removeAll(String userId, List<Integer> productIds) {',
  '        String key = "cart:user-" + userId;',
  '        for (Integer productId : productIds) {',
  '            this.delete(key, String.valueOf(productId));',
  '        }',
  '    }',
  '',
  '    public List<Integer> quantities(String key, List<String> fields) {',
  '        List<Integer> out = new ArrayList<>();',
  '        for (String field : fields) {',
  '            out.add((Integer) hashGet(key, field));',
  '        }',
  '        return out;',
  '    }',
  '',
  '    public void updateOne(String key, List<String> fields, String wanted, int quantity) {',
  '        for (String field : fields) {',
  '            if (field.equals(wanted)) {',
  '                this.hashSet(key, field, quantity);',
  '                break;',
  '            }',
  '        }',
  '    }',
  '',
  '    public List<String> titles(List<Integer> ids) {',
  '        List<String> out = new ArrayList<>();',
  '        for (Integer id : ids) {',
  '            out.add(title(id));',
  '        }',
  '        return out;',
  '    }',
  '',
  '    private String title(Integer id) {',
  '        return "product " + id;',
  '    }',
].join('\n');

describe('methods inherited from a Redis wrapper, called in loops', () => {
  it('reports the wrapper calls per item, not the call followed by break or the own helper', () => {
    const text = javaClassSource(
      { imports: ['import java.util.ArrayList;', 'import java.util.List;'], declaration: 'public class CartService extends BaseRedisServiceImpl', fields: ['    private final String name = "cart";'] },
      LOOPS,
    );
    expect(findingLines('command-in-loop', text)).toEqual([12, 19]);
  });

  it('leaves the same calls alone when the superclass is not named after Redis or the class defines them', () => {
    const plain = javaClassSource(
      { imports: ['import java.util.ArrayList;', 'import java.util.List;'], declaration: 'public class CartService extends BaseService', fields: ['    private final String name = "cart";'] },
      LOOPS,
    );
    expect(findingLines('command-in-loop', plain)).toEqual([]);
    const own = javaClassSource(
      { imports: ['import java.util.ArrayList;', 'import java.util.List;'], declaration: 'public class CartService extends BaseRedisServiceImpl', fields: ['    private final java.util.Map<String, Object> local = new java.util.HashMap<>();'] },
      `${LOOPS}\n\n    private void delete(String key, String field) {\n        local.remove(key + field);\n    }\n\n    private Object hashGet(String key, String field) {\n        return local.get(key + field);\n    }`,
    );
    expect(findingLines('command-in-loop', own)).toEqual([]);
  });
});
