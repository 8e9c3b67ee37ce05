/** How many unevaluable devices an error or a report shows: enough to act on, bounded for a 10 M-device fleet. */
export const unevaluableExamplesKept = 5;
