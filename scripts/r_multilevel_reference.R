# Reference values for lomaturity's agreement statistics, computed with R's `multilevel`.
#
# Reads the data sets written by scripts/make_multilevel_reference.py
# (tests/reference/multilevel_*.csv) and writes tests/reference/multilevel_reference.json:
#
#   rwg            multilevel::rwg per item and organization (truncated, as multilevel does)
#   rwg_untruncated  1 - var/ranvar per item and organization: plain R, no truncation
#   rwg_j          multilevel::rwg.j per dimension and organization. NOTE: rwg.j deletes
#                  respondents listwise (na.exclude on all items of the dimension)
#   rwg_j_pairwise plain R (not multilevel): the same formula with each item's variance over
#                  the respondents who answered that item, J = items with >= 2 answers --
#                  lomaturity's missing-data rule (written only for data sets with missing cells)
#   rwg_j_lindell  multilevel::rwg.j.lindell (r*wg(j), untruncated) per dimension and
#                  organization; listwise deletion as rwg.j
#   ad_m           multilevel::ad.m(type = "mean") (AD_M averaged over the items) per dimension
#                  and organization; listwise deletion as rwg.j
#                  (tests/stats/test_agreement_indices.py checks these two)
#   icc            multilevel::ICC1 / ICC2 of aov(score ~ factor(org)), with the ANOVA's
#                  mean squares and degrees of freedom. score = a respondent's mean of the
#                  answered items of the dimension on 0-100 (reverse-keyed items flipped)
#
# for the nulls uniform ((A^2 - 1) / 12) and LeBreton & Senter's (2008, Table 3) slightly and
# heavily skewed nulls (variances typed in below from the table).
#
# Numbers are written with 17 significant digits. Usage (from the repository root):
#
#   Rscript scripts/r_multilevel_reference.R
#
# Needs R with the packages multilevel and jsonlite (Debian: r-cran-multilevel r-cran-jsonlite).

suppressPackageStartupMessages({
  library(multilevel)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
root <- if (length(script) == 1) normalizePath(file.path(dirname(script), "..")) else getwd()
ref_dir <- file.path(root, "tests", "reference")

datasets <- list(
  list(name = "a", points = 5),
  list(name = "b", points = 5),
  list(name = "c", points = 5),
  list(name = "d", points = 7)
)

# LeBreton & Senter (2008), Table 3: expected null variances by number of options A.
table3 <- list(
  "5" = c(slight_skew = 1.34, heavy_skew = 0.44),
  "7" = c(slight_skew = 2.90, heavy_skew = 1.39)
)

# Numbers as JSON with 17 significant digits (jsonlite keeps 15); NA -> null.
num <- function(x) {
  structure(
    paste0("[", paste(ifelse(is.na(x), "null", sprintf("%.17g", x)), collapse = ","), "]"),
    class = "json"
  )
}
scalar <- function(x) structure(if (is.na(x)) "null" else sprintf("%.17g", x), class = "json")

per_group <- function(out, value_column) {
  list(groups = as.character(out$grpid), value = num(out[[value_column]]), gsize = out$gsize)
}

pairwise_rwg_j <- function(items, grpid, ranvar) {
  groups <- sort(unique(grpid))
  value <- sapply(groups, function(g) {
    block <- items[grpid == g, , drop = FALSE]
    answered <- colSums(!is.na(block))
    usable <- answered >= 2
    if (!any(usable)) return(NA_real_)
    s <- mean(sapply(which(usable), function(j) var(block[, j], na.rm = TRUE)))
    if (s > ranvar) s <- ranvar
    J <- sum(usable)
    (J * (1 - s / ranvar)) / (J * (1 - s / ranvar) + s / ranvar)
  })
  gsize <- sapply(groups, function(g) sum(rowSums(!is.na(items[grpid == g, , drop = FALSE])) > 0))
  list(groups = groups, value = num(unname(value)), gsize = unname(gsize))
}

results <- list()
for (ds in datasets) {
  file <- sprintf("multilevel_%s.csv", ds$name)
  data <- read.csv(file.path(ref_dir, file), stringsAsFactors = FALSE, na.strings = "")
  grpid <- as.character(data$org)
  item_names <- setdiff(names(data), c("org", "respondent"))
  dims <- unique(sub("_.*$", "", item_names))
  dim_items <- lapply(setNames(dims, dims), function(d) item_names[startsWith(item_names, paste0(d, "_"))])
  reversed <- item_names[endsWith(item_names, "r")]
  A <- ds$points
  nulls <- c(uniform = (A^2 - 1) / 12, table3[[as.character(A)]])
  missing <- any(is.na(data[item_names]))

  rwg_out <- list()
  rwg_raw <- list()
  rwg_j_out <- list()
  rwg_j_pw <- list()
  lindell_out <- list()
  for (null in names(nulls)) {
    ranvar <- unname(nulls[null])
    rwg_out[[null]] <- lapply(setNames(item_names, item_names), function(it) {
      per_group(rwg(data[[it]], grpid, ranvar = ranvar), "rwg")
    })
    rwg_j_out[[null]] <- lapply(dim_items, function(its) {
      per_group(rwg.j(data[its], grpid, ranvar = ranvar), "rwg.j")
    })
    lindell_out[[null]] <- lapply(dim_items, function(its) {
      out <- rwg.j.lindell(data[its], grpid, ranvar = ranvar)
      per_group(out, names(out)[2])  # the r*wg(j) column
    })
    if (missing) {
      rwg_j_pw[[null]] <- lapply(dim_items, function(its) {
        pairwise_rwg_j(as.matrix(data[its]), grpid, ranvar)
      })
    }
  }
  ranvar <- unname(nulls["uniform"])
  rwg_raw[["uniform"]] <- lapply(setNames(item_names, item_names), function(it) {
    keep <- !is.na(data[[it]])
    split_x <- split(data[[it]][keep], grpid[keep])
    list(
      groups = names(split_x),
      value = num(sapply(split_x, function(q) if (length(q) > 1) 1 - var(q) / ranvar else NA)),
      gsize = unname(sapply(split_x, length))
    )
  })

  ad_out <- lapply(dim_items, function(its) {
    out <- ad.m(data[its], grpid, type = "mean")
    per_group(out, "AD.M")
  })

  icc_out <- lapply(dim_items, function(its) {
    scaled <- sapply(its, function(it) {
      x <- data[[it]]
      if (it %in% reversed) 100 * (A - x) / (A - 1) else 100 * (x - 1) / (A - 1)
    })
    score <- rowMeans(scaled, na.rm = TRUE)  # NaN without answers: dropped by aov
    model <- aov(score ~ as.factor(grpid))
    tab <- summary(model)[[1]]
    list(
      icc1 = scalar(ICC1(model)),
      icc2 = scalar(ICC2(model)),
      ms_between = scalar(tab[1, 3]),
      ms_within = scalar(tab[2, 3]),
      df_between = tab[1, 1],
      df_within = tab[2, 1]
    )
  })

  entry <- list(
    name = ds$name,
    file = file,
    scale = list(min = 1, max = A),
    dimensions = dim_items,
    reversed = I(reversed),
    nulls = lapply(as.list(nulls), scalar),
    missing_answers = missing,
    rwg = rwg_out,
    rwg_untruncated = rwg_raw,
    rwg_j = rwg_j_out,
    rwg_j_lindell = lindell_out,
    ad_m = ad_out,
    icc = icc_out
  )
  if (missing) entry$rwg_j_pairwise <- rwg_j_pw
  results[[length(results) + 1]] <- entry
}

out <- list(
  generated_by = "scripts/r_multilevel_reference.R",
  data_by = "scripts/make_multilevel_reference.py",
  r_version = R.version.string,
  multilevel_version = as.character(packageVersion("multilevel")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  datasets = results
)
path <- file.path(ref_dir, "multilevel_reference.json")
writeLines(toJSON(out, auto_unbox = TRUE, json_verbatim = TRUE, pretty = TRUE, null = "null"), path)
cat("wrote", path, "\n")
