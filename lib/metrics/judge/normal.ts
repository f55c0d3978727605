/**
 * Standard normal distribution function, after W. J. Cody's rational Chebyshev approximations
 * (the algorithm of R's `pnorm`). Both tails are computed directly, so an upper tail such as
 * 1e-12 keeps its relative precision instead of vanishing in `1 - Φ(x)`.
 */

const A = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113];
const B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
const C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711,
  6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8,
];
const D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091,
  34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
];
const P = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303];
const Q = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5];
const ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934;
const SQRT_32 = 5.656854249492380195206754896838;

/** Returns [Φ(x), 1 − Φ(x)], each with full relative precision. */
function normalBothTails(x: number): [number, number] {
  if (Number.isNaN(x)) return [NaN, NaN];
  const y = Math.abs(x);
  let lower: number;
  let upper: number;
  if (y <= 0.67448975) {
    let num = 0;
    let den = 0;
    if (y > 1e-300) {
      const xsq = x * x;
      num = A[4]! * xsq;
      den = xsq;
      for (let i = 0; i < 3; i++) {
        num = (num + A[i]!) * xsq;
        den = (den + B[i]!) * xsq;
      }
    }
    const t = (x * (num + A[3]!)) / (den + B[3]!);
    return [0.5 + t, 0.5 - t];
  }
  if (y <= SQRT_32) {
    let num = C[8]! * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]!) * y;
      den = (den + D[i]!) * y;
    }
    const t = (num + C[7]!) / (den + D[7]!);
    const ysq = Math.trunc(y * 16) / 16;
    const del = (y - ysq) * (y + ysq);
    lower = Math.exp(-ysq * ysq * 0.5) * Math.exp(-del * 0.5) * t;
    upper = 1 - lower;
  } else {
    const xsq = 1 / (x * x);
    let num = P[5]! * xsq;
    let den = xsq;
    for (let i = 0; i < 4; i++) {
      num = (num + P[i]!) * xsq;
      den = (den + Q[i]!) * xsq;
    }
    let t = (xsq * (num + P[4]!)) / (den + Q[4]!);
    t = (ONE_OVER_SQRT_2PI - t) / y;
    const ysq = Math.trunc(y * 16) / 16;
    const del = (y - ysq) * (y + ysq);
    lower = Math.exp(-ysq * ysq * 0.5) * Math.exp(-del * 0.5) * t;
    upper = 1 - lower;
  }
  // `lower` above is the tail beyond |x|; orient it by the sign of x.
  return x > 0 ? [upper, lower] : [lower, upper];
}

/** Φ(x) = P(Z ≤ x) for a standard normal Z. */
export function normalCdf(x: number): number {
  return normalBothTails(x)[0];
}

/** 1 − Φ(x) = P(Z > x), precise far into the upper tail. */
export function normalSurvival(x: number): number {
  return normalBothTails(x)[1];
}
