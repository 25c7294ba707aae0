# Reference reliability figures from R's psych package for tests/test_reliability.py.
#
# Reads every tests/reference/psych_<name>.csv (written by scripts/make_psych_reference.py)
# and writes tests/reference/psych_reference.json with, per data set and per missing-data
# mode ("pairwise": psych's default use = "pairwise"; "listwise": the data after na.omit):
#
#   alpha     psych::alpha(x, use = ...)$total: raw_alpha, std.alpha, average_r
#   drop      psych::alpha(...)$alpha.drop$raw_alpha (alpha if item deleted; 3+ items)
#   r_drop    psych::alpha(...)$item.stats$r.drop (corrected item-total correlation)
#   mean, sd, n  psych::alpha(...)$item.stats
#   omega_minres  psych::omega(x, nfactors = 1, flip = FALSE)$omega.tot (fm = "minres",
#             correlations cor(x, use = "pairwise"); 3+ items)
#   omega_pa  the same omega.tot formula, (sum(R) - sum(1 - loadings^2)) / sum(R), from
#             psych::fa(R, 1, fm = "pa") iterated to min.err = 1e-14: the converged
#             principal-axis solution is the minres solution, free of optim's tolerance
#   loadings_minres, loadings_pa  the one-factor loadings (sum made positive)
#   cor       cor(x, use = "pairwise") (pairwise mode only)
#
# Usage (from the repository root):  Rscript scripts/r_psych_reference.R
# Needs R with psych, GPArotation and jsonlite (Debian: r-cran-psych, r-cran-jsonlite).

suppressPackageStartupMessages({
  library(psych)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = TRUE)
folder <- if (length(args) >= 1) args[1] else file.path("tests", "reference")
files <- sort(list.files(folder, pattern = "^psych_.*\\.csv$", full.names = TRUE))
if (length(files) == 0) stop("no psych_*.csv files in ", folder)

quiet <- function(expr) suppressWarnings(suppressMessages(expr))

positive <- function(l) if (sum(l) < 0) -l else l

figures <- function(x, mode) {
  k <- ncol(x)
  a <- quiet(psych::alpha(x, use = "pairwise", check.keys = FALSE, warnings = FALSE))
  out <- list(
    n_rows = nrow(x),
    raw_alpha = a$total$raw_alpha,
    std_alpha = a$total$std.alpha,
    average_r = a$total$average_r,
    r_drop = unname(a$item.stats$r.drop),
    mean = unname(a$item.stats$mean),
    sd = unname(a$item.stats$sd),
    n = unname(a$item.stats$n)
  )
  if (k >= 3) {
    out$drop <- unname(a$alpha.drop$raw_alpha)
    om <- quiet(psych::omega(x, nfactors = 1, flip = FALSE, plot = FALSE))
    out$omega_minres <- om$omega.tot
    out$loadings_minres <- positive(unname(as.vector(om$schmid$sl[, 1])))
    r <- cor(x, use = "pairwise")
    f <- quiet(psych::fa(r, nfactors = 1, fm = "pa", min.err = 1e-14, max.iter = 100000))
    l <- positive(as.vector(unclass(f$loadings)[, 1]))
    out$loadings_pa <- l
    out$omega_pa <- (sum(r) - sum(1 - l^2)) / sum(r)
  }
  if (mode == "pairwise") out$cor <- unname(cor(x, use = "pairwise"))
  out
}

result <- list(
  generator = "scripts/r_psych_reference.R",
  r_version = R.version.string,
  psych_version = as.character(packageVersion("psych")),
  datasets = list()
)
for (path in files) {
  name <- sub("^psych_(.*)\\.csv$", "\\1", basename(path))
  x <- as.matrix(read.csv(path, na.strings = ""))
  entry <- list(file = basename(path), pairwise = figures(x, "pairwise"))
  if (anyNA(x)) entry$listwise <- figures(na.omit(x), "listwise")
  result$datasets[[name]] <- entry
}
out <- file.path(folder, "psych_reference.json")
writeLines(toJSON(result, auto_unbox = TRUE, digits = NA, pretty = TRUE), out)
cat("wrote", out, "\n")
