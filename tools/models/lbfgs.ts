/**
 * Limited-memory BFGS (Nocedal & Wright, Numerical Optimization, alg. 7.4 and 7.5) with a
 * backtracking Armijo line search. Curvature pairs with s·y ≤ 0 are skipped, which keeps the
 * implicit Hessian positive definite without a full Wolfe search; for the smooth, convex losses of
 * activegraph's target models that is enough.
 */
export interface LbfgsOptions {
  readonly maxIterations: number;
  /** Stop when the largest absolute gradient entry falls below this (scikit-learn's `tol`). */
  readonly gradientTolerance: number;
  readonly memory: number;
}

export interface LbfgsResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Writes the gradient at `x` into `gradient` and returns the objective's value. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export const DEFAULT_LBFGS: LbfgsOptions = { maxIterations: 200, gradientTolerance: 1e-4, memory: 10 };

export function minimizeLbfgs(objective: Objective, x0: Float64Array, options: LbfgsOptions = DEFAULT_LBFGS): LbfgsResult {
  const n = x0.length;
  let x = Float64Array.from(x0);
  let gradient = new Float64Array(n);
  let value = objective(x, gradient);
  const sHistory: Float64Array[] = [];
  const yHistory: Float64Array[] = [];
  const rhoHistory: number[] = [];
  const direction = new Float64Array(n);
  const alpha = new Float64Array(options.memory);
  let nextX = new Float64Array(n);
  let nextGradient = new Float64Array(n);

  for (let iteration = 0; iteration < options.maxIterations; iteration++) {
    if (maxAbs(gradient) < options.gradientTolerance) return { x, value, iterations: iteration, converged: true };

    // Two-loop recursion: direction = -H·gradient.
    for (let i = 0; i < n; i++) direction[i] = -gradient[i];
    const m = sHistory.length;
    for (let k = m - 1; k >= 0; k--) {
      alpha[k] = rhoHistory[k] * dot(sHistory[k], direction);
      axpy(-alpha[k], yHistory[k], direction);
    }
    if (m > 0) {
      const y = yHistory[m - 1];
      scale(direction, dot(sHistory[m - 1], y) / dot(y, y));
    } else {
      scale(direction, 1 / Math.max(1, norm2(gradient)));
    }
    for (let k = 0; k < m; k++) {
      const beta = rhoHistory[k] * dot(yHistory[k], direction);
      axpy(alpha[k] - beta, sHistory[k], direction);
    }
    let slope = dot(gradient, direction);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      sHistory.length = yHistory.length = rhoHistory.length = 0;
      for (let i = 0; i < n; i++) direction[i] = -gradient[i] / Math.max(1, norm2(gradient));
      slope = dot(gradient, direction);
    }

    let step = 1;
    let nextValue = Infinity;
    let accepted = false;
    for (let attempt = 0; attempt < 50 && !accepted; attempt++) {
      for (let i = 0; i < n; i++) nextX[i] = x[i] + step * direction[i];
      nextValue = objective(nextX, nextGradient);
      accepted = nextValue <= value + 1e-4 * step * slope;
      if (!accepted) step *= 0.5;
    }
    // No step decreases the objective: x is as good as floating point can tell.
    if (!accepted) return { x, value, iterations: iteration, converged: maxAbs(gradient) < options.gradientTolerance };

    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = nextX[i] - x[i];
      y[i] = nextGradient[i] - gradient[i];
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      if (sHistory.length === options.memory) {
        sHistory.shift();
        yHistory.shift();
        rhoHistory.shift();
      }
      sHistory.push(s);
      yHistory.push(y);
      rhoHistory.push(1 / sy);
    }
    const relativeDecrease = (value - nextValue) / Math.max(Math.abs(value), Math.abs(nextValue), 1);
    [x, nextX] = [nextX, x];
    [gradient, nextGradient] = [nextGradient, gradient];
    value = nextValue;
    // scikit-learn's lbfgs stops on a relative decrease below ~64 machine epsilons too.
    if (relativeDecrease < 64 * Number.EPSILON) return { x, value, iterations: iteration + 1, converged: true };
  }
  return { x, value, iterations: options.maxIterations, converged: maxAbs(gradient) < options.gradientTolerance };
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < x.length; i++) y[i] += a * x[i];
}

function scale(x: Float64Array, a: number): void {
  for (let i = 0; i < x.length; i++) x[i] *= a;
}

function norm2(x: Float64Array): number {
  return Math.sqrt(dot(x, x));
}

function maxAbs(x: Float64Array): number {
  let max = 0;
  for (let i = 0; i < x.length; i++) {
    const a = Math.abs(x[i]);
    if (a > max) max = a;
  }
  return max;
}
