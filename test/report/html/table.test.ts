import { describe, expect, it } from 'vitest';
import { htmlTable, groupRow } from '../../../src/report/html/table.js';

describe('htmlTable', () => {
  it('writes head, rows and right-aligned numeric columns inside the scrolling wrapper', () => {
    const html = htmlTable(['Step', 'Students'], [['All', '12'], ['Enrolled', '10']], [false, true]);
    expect(html).toBe(
      '<div class="table-wrap"><table><thead><tr><th scope="col">Step</th><th class="num" scope="col">Students</th></tr></thead><tbody>\n' +
        '<tr><td>All</td><td class="num">12</td></tr>\n<tr><td>Enrolled</td><td class="num">10</td></tr>\n</tbody></table></div>',
    );
  });

  it('spans a group heading over every column and adds the class and caption', () => {
    const html = htmlTable(['a', 'b', 'c'], [groupRow('Attendance'), ['x', 'y', 'z']], [], { className: 'outcomes', caption: 'Table 1' });
    expect(html).toContain('<table class="outcomes"><caption>Table 1</caption><thead>');
    expect(html).toContain('<tr class="domain"><th colspan="3" scope="rowgroup">Attendance</th></tr>');
    expect(html).toContain('<tr><td>x</td><td>y</td><td>z</td></tr>');
  });
});
