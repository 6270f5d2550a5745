# Export psych::bfi (Revelle; 2,800 SAPA-project respondents, 25 Big Five items on 1–6) for `hve survey`, and print
# psych::alpha's raw_alpha per scale (pairwise, as psych computes it, and on complete cases) to compare with hve.
# Usage: Rscript scripts/export-bfi.R [out.csv]   (default data/bfi/bfi.csv; needs R with the psych package)
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args)) args[1] else "data/bfi/bfi.csv"
dir.create(dirname(out), showWarnings = FALSE, recursive = TRUE)
suppressPackageStartupMessages(library(psych))
data(bfi)
d <- data.frame(respondent_id = rownames(bfi), gender = ifelse(bfi$gender == 1, "male", "female"), bfi[, 1:25])
write.csv(d, out, row.names = FALSE, na = "", quote = FALSE)
cat(sprintf("wrote %s: %d respondents (psych %s)\n", out, nrow(d), packageVersion("psych")))
# reverse-keyed items as psych's documentation of bfi gives them (bfi.keys)
keys <- list(agreeableness = c("-A1", "A2", "A3", "A4", "A5"), conscientiousness = c("C1", "C2", "C3", "-C4", "-C5"),
  extraversion = c("-E1", "-E2", "E3", "E4", "E5"), neuroticism = c("N1", "N2", "N3", "N4", "N5"), openness = c("O1", "-O2", "O3", "O4", "-O5"))
for (s in names(keys)) {
  items <- sub("-", "", keys[[s]])
  rev <- sub("-", "", keys[[s]][startsWith(keys[[s]], "-")])
  x <- bfi[, items]
  cc <- x[complete.cases(x), ]
  a <- psych::alpha(cc, keys = rev, warnings = FALSE)
  ci <- psych::alpha.ci(a$total$raw_alpha, nrow(cc), length(items))
  cat(sprintf("%-18s pairwise raw_alpha %.4f | complete cases n = %d, raw_alpha %.6f, Feldt 95%% %.6f to %.6f\n", s,
    psych::alpha(x, keys = rev, warnings = FALSE)$total$raw_alpha, nrow(cc), a$total$raw_alpha, ci$lower.ci, ci$upper.ci))
}
