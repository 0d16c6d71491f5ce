/** 0: done. Warnings are allowed unless `--strict`. */
export const EXIT_OK = 0;
/** 1: the run completed but found problems in the data (or warnings under `--strict`). */
export const EXIT_PROBLEMS = 1;
/** 2: the tool could not run: bad flags, unreadable codebook or config, unwritable `--out`. */
export const EXIT_CANNOT_RUN = 2;
/** 130: interactive tagging cancelled with Ctrl-C (the shell convention). */
export const EXIT_CANCELLED = 130;
