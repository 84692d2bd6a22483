import { z } from "zod";
import type { RoundMetrics, StopSignals } from "../metrics/roundMetrics.js";

/**
 * The last `window` values of a stop signal, oldest first; null while fewer rounds have it (round 0
 * has no predecessor to compare with, and results recorded before the signal existed lack it).
 */
export function lastSignals(history: readonly RoundMetrics[], signal: keyof StopSignals, window: number): number[] | null {
  if (history.length < window) return null;
  const values = history.slice(-window).map((round) => round.stopSignals?.[signal]);
  return values.every((value) => value !== undefined) ? (values as number[]) : null;
}

export const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

/** Largest minus smallest. */
export const spread = (values: readonly number[]): number => Math.max(...values) - Math.min(...values);

/** Thresholds are compared with this slack, so a mean of 0.99s reaches 0.99 despite float rounding. */
export const EPSILON = 1e-12;

export const percent = (share: number, digits = 1): string => `${(100 * share).toFixed(digits)}%`;

/** A window of rounds, as a criterion's setting. */
export const windowSetting = (rounds: number) => z.number().int().min(1, "must be at least 1 round").default(rounds);
