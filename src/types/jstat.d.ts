/** Minimal typings for the parts of jStat (https://jstat.github.io) this project uses. */
declare module 'jstat' {
  interface StudentTDistribution {
    /** CDF of Student's t (accurate to about 1e-7 only). */
    cdf(x: number, dof: number): number;
    /** Quantile of Student's t (accurate to about 1e-8 only). */
    inv(p: number, dof: number): number;
  }
  interface JStat {
    studentt: StudentTDistribution;
  }
  const jStat: JStat;
  export default jStat;
}
