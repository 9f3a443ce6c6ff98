declare module 'jstat' {
  interface Distribution {
    inv(p: number, ...params: number[]): number;
    cdf(x: number, ...params: number[]): number;
  }
  export const jStat: {
    centralF: Distribution;
    chisquare: Distribution;
    normal: Distribution;
    studentt: Distribution;
  };
}
