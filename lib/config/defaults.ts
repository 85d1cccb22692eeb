/** The bar (minimum overall score) when neither the command line nor the config sets one. */
export const DEFAULT_MIN_SCORE = 60;
