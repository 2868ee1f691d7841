/**
 * Survival arithmetic for the erasure-code benches: the chance that a segment, or a whole file of segments,
 * is lost when every stored block is lost independently with probability p (binomial tails in log space).
 */

const logFactorials: number[] = [0];

function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials.push(logFactorials[i - 1]! + Math.log(i));
  return logFactorials[n]!;
}

/** P(X = j) for X ~ Binomial(n, p). */
export function binomialPmf(n: number, p: number, j: number): number {
  return Math.exp(logFactorial(n) - logFactorial(j) - logFactorial(n - j) + j * Math.log(p) + (n - j) * Math.log1p(-p));
}

/** P(an MDS segment of k + m blocks is lost) = P(more than m of its blocks are lost). */
export function mdsSegmentLoss(k: number, m: number, p: number): number {
  let sum = 0;
  for (let j = m + 1; j <= k + m; j++) sum += binomialPmf(k + m, p, j);
  return sum;
}

/** P(at least one segment is lost), from each segment's loss probability, without rounding 1 − tiny to 1. */
export function fileLoss(segmentLosses: readonly number[]): number {
  return -Math.expm1(segmentLosses.reduce((sum, loss) => sum + Math.log1p(-loss), 0));
}
