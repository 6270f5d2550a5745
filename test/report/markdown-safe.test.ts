/** statements.md: a `<` that would open a tag is written `&lt;`; "< 5%" stays readable. */
import { describe, it, expect } from 'vitest';
import { markdownSafe } from '../../src/report/markdown-safe.js';

describe('markdownSafe', () => {
  it('escapes tag, comment and declaration openers and nothing else', () => {
    expect(markdownSafe('# <script>alert(1)</script> x')).toBe('# &lt;script>alert(1)&lt;/script> x');
    expect(markdownSafe('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)>');
    expect(markdownSafe('<!-- c --> <?php')).toBe('&lt;!-- c --> &lt;?php');
    expect(markdownSafe('a rate of < 5% and <10 students, 3 > 2, **bold**')).toBe('a rate of < 5% and <10 students, 3 > 2, **bold**');
  });
});
