import { describe, expect, it } from 'vitest';
import { groupDifference, pairedChange } from '../../src/survey/group-difference.js';

// 18 respondents in 6 schools (3 each); R 4, clubSandwich:
//   y <- c(3,4,5,4,2,3,4,5,3,2,4,4,5,3,2,1,3,4); g <- c(1,1,1,0,0,0,1,1,0,0,1,0,1,0,1,0,0,1); cl <- rep(1:6, each = 3)
//   coef_test(lm(y ~ g), vcov = "CR2", cluster = cl, test = "Satterthwaite")["g", ]
//   estimate 1.22222222, SE 0.28791043, df 4.86611368, p 0.00863161
const y = [3, 4, 5, 4, 2, 3, 4, 5, 3, 2, 4, 4, 5, 3, 2, 1, 3, 4];
const g = [1, 1, 1, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1];
const rows = y.map((v, i) => ({ y: v, cluster: `S${Math.floor(i / 3)}`, g: g[i] }));
const level = rows.filter((r) => r.g === 1);
const reference = rows.filter((r) => r.g === 0);

describe('groupDifference', () => {
  it('is CR2 with Satterthwaite df when each group has respondents in enough schools (clubSandwich)', () => {
    const d = groupDifference(level, reference, { clustered: true, minClustersPerArm: 5, cr2Below: 40 });
    expect(d.se_type).toBe('cr2_satterthwaite');
    expect(d.clusters).toBe(6);
    expect(d.estimate).toBeCloseTo(1.22222222, 8);
    expect(d.se).toBeCloseTo(0.28791043, 7);
    expect(d.df).toBeCloseTo(4.86611368, 5);
    expect(d.p_value).toBeCloseTo(0.00863161, 6);
  });

  it('falls back to Welch with too few schools on a side', () => {
    // level: 3+4+5+4+5+4+5+2+4 = 36 over 9; reference: 4+2+3+3+2+4+3+1+3 = 25 over 9
    const d = groupDifference(level, reference, { clustered: true, minClustersPerArm: 6, cr2Below: 40 });
    expect(d.se_type).toBe('welch_t');
    expect(d.estimate).toBeCloseTo(36 / 9 - 25 / 9, 12);
  });

  it('gives an estimate without a test when a group has one respondent', () => {
    const d = groupDifference([{ y: 5, cluster: 'a' }], reference, { clustered: false, minClustersPerArm: 5, cr2Below: 40 });
    expect(d.estimate).toBeCloseTo(5 - 25 / 9, 12);
    expect(d.se).toBeNull();
    expect(d.p_value).toBeNull();
  });
});

describe('pairedChange', () => {
  const paired = { clustered: false, minClustersPerArm: 5, cr2Below: 40 };
  // d = 1, 2, 3: mean 2, sd 1, se 1/√3; t_.975(2) = 4.302653; CI 2 ± 2.484138
  it('is the mean change with a t interval on n − 1 df', () => {
    const c = pairedChange([1, 2, 3].map((y) => ({ y, cluster: 'a' })), paired);
    expect(c.mean).toBe(2);
    expect(c.se_type).toBe('paired_t');
    expect(c.ci_low).toBeCloseTo(2 - 4.302653 / Math.sqrt(3), 5);
    expect(c.ci_high).toBeCloseTo(2 + 4.302653 / Math.sqrt(3), 5);
  });

  // 14 changes in 6 schools; R 4, clubSandwich:
  //   d <- c(1, 0, 2, -1, 1, 1, 0, 2, 3, 1, -1, 0, 1, 2); cl <- c(1, 1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 6); m <- lm(d ~ 1)
  //   coef_test(m, vcov = "CR2", cluster = cl, test = "Satterthwaite"); conf_int(m, vcov = "CR2", cluster = cl, test = "Satterthwaite")
  //   estimate 0.857142857143, SE 0.323526104640, df 4.776315789474, 95% CI 0.013640252082 to 1.700645462204
  const d = [1, 0, 2, -1, 1, 1, 0, 2, 3, 1, -1, 0, 1, 2];
  const cl = [1, 1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 6];
  const rows = d.map((y, i) => ({ y, cluster: `S${cl[i]}` }));
  it('is cluster-robust by school (CR2, Satterthwaite) with enough schools, as clubSandwich', () => {
    const c = pairedChange(rows, { clustered: true, minClustersPerArm: 5, cr2Below: 40 });
    expect(c.se_type).toBe('cr2_satterthwaite');
    expect(c.clusters).toBe(6);
    expect(c.mean).toBeCloseTo(12 / 14, 12);
    expect(c.ci_low).toBeCloseTo(0.013640252082, 8);
    expect(c.ci_high).toBeCloseTo(1.700645462204, 8);
  });

  it('falls back to the paired t interval with fewer schools than the rule asks for', () => {
    const c = pairedChange(rows, { clustered: true, minClustersPerArm: 7, cr2Below: 40 });
    expect(c.se_type).toBe('paired_t');
    expect(c.clusters).toBeNull();
    // R: t.test(d)$conf.int = 0.1831520139, 1.5311337004
    expect(c.ci_low).toBeCloseTo(0.1831520139, 8);
    expect(c.ci_high).toBeCloseTo(1.5311337004, 8);
  });
});
