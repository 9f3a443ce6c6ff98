/**
 * Reference values the tests and `bench/numeric` check against. Unless noted: mpmath 1.3.0 at mp.dps = 50, rounded to
 * the nearest double (`repr(float(mp.erf(x)))` and so on).
 */

/** [x, erf(x)]. */
export const erfValues: ReadonlyArray<readonly [number, number]> = [
  [1e-10, 1.1283791670955126e-10],
  [0.1, 0.1124629160182849],
  [0.5, 0.5204998778130465],
  [1, 0.8427007929497149],
  [1.5, 0.9661051464753108],
  [2, 0.9953222650189527],
  [2.5, 0.999593047982555],
  [3, 0.9999779095030014],
];

/** [x, erfc(x)]; erfc(0.5), erfc(1), erfc(3) and erfc(3.5) agree with A&S Table 7.1 and scipy.special.erfc. */
export const erfcValues: ReadonlyArray<readonly [number, number]> = [
  [-1, 1.8427007929497148],
  [0.5, 0.4795001221869535],
  [0.9, 0.20309178757716786],
  [1, 0.15729920705028513],
  [1.3, 0.06599205505934756],
  [2, 0.004677734981047266],
  [2.2, 0.0018628462979818914],
  [3, 2.209049699858544e-5],
  [3.5, 7.430983723414128e-7],
  [6, 2.1519736712498913e-17],
  [10, 2.088487583762545e-45],
  [26, 5.663192408856143e-296],
];

/** [z, Φ(z)] (mpmath ncdf). */
export const normalCdfValues: ReadonlyArray<readonly [number, number]> = [
  [-37, 5.725571222524577e-300],
  [-8.5, 9.479534822203318e-18],
  [-7, 1.279812543885835e-12],
  [1.3, 0.9031995154143897],
];

/** [p, Φ⁻¹(p)]: R qnorm() / Wichura AS241 printed to 17 significant digits (agrees with mpmath to 1 ulp). */
export const rQnormValues: ReadonlyArray<readonly [number, number]> = [
  [0.5, 0],
  [0.9, 1.2815515655446004],
  [0.95, 1.6448536269514722],
  [0.975, 1.959963984540054],
  [0.99, 2.3263478740408408],
  [0.999, 3.090232306167813],
  [0.01, -2.3263478740408408],
  [0.3, -0.5244005127080407],
  [1e-10, -6.361340902404056],
];

/** [p, Φ⁻¹(p)]: mpmath at mp.dps = 60, the root of log ncdf(z) = log p (far tails) or ncdf(z) = p. */
export const mpmathQuantileValues: ReadonlyArray<readonly [number, number]> = [
  [1e-300, -37.0470962993612],
  [1e-100, -21.273453560965326],
  [1e-20, -9.262340089798407],
  [0.0696, -1.478776719098489],
  [0.4999, -0.00025066283008800747],
];

/** [x, log Γ(x)] (mpmath loggamma). */
export const logGammaValues: ReadonlyArray<readonly [number, number]> = [
  [1e-5, 11.512919692895826],
  [0.1, 2.252712651734206],
  [0.5, 0.5723649429247001],
  [1.5, -0.12078223763524522],
  [2.5, 0.2846828704729192],
  [3.7, 1.4280723266653879],
  [10.5, 13.940625219403763],
  [30, 71.25703896716801],
  [100.25, 360.28455963776423],
  [1e4, 82099.71749644238],
];

/** [a, x, P(a, x), Q(a, x)] (mpmath gammainc(..., regularized=True)). */
export const incompleteGammaValues: ReadonlyArray<readonly [number, number, number, number]> = [
  [0.1, 0.2, 0.8794196267900568, 0.12058037320994318],
  [0.5, 1, 0.8427007929497149, 0.15729920705028513],
  [2.5, 1.5, 0.3000141641213725, 0.6999858358786275],
  [2.5, 3, 0.6937810815867216, 0.3062189184132784],
  [5, 4.5, 0.4678964236252845, 0.5321035763747155],
  [10.5, 9.45, 0.4084449971560817, 0.5915550028439184],
  [30, 25, 0.18210391597745512, 0.8178960840225449],
  [30, 40, 0.9567713178482644, 0.043228682151735566],
  [100, 90, 0.15822098918643016, 0.8417790108135699],
  [100, 110, 0.8417213299399129, 0.15827867006008708],
  [1.5, 3.75, 0.9424415480273636, 0.057558451972636406],
  [1, 25, 0.9999999999861121, 1.3887943864964021e-11],
  [0.5, 50, 1, 1.523970604832105e-23],
];

/** |actual − expected| / |expected| (absolute error when expected is 0). */
export function relativeError(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}
