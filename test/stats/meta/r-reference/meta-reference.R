# Reference values for test/stats/meta/*.test.ts (metafor 3.8.1, clubSandwich 0.5.8, R 4.2.2).
# Run from the repository root:
#   Rscript test/stats/meta/r-reference/meta-reference.R > test/stats/meta/r-reference/meta-reference.json
# The tests read the JSON; they never need R.
suppressMessages({ library(metafor); library(clubSandwich) })

num <- function(x) {
  if (is.null(x) || length(x) == 0) return("null")
  if (length(x) > 1) return(paste0("[", paste(sapply(x, num), collapse = ", "), "]"))
  if (is.na(x)) return("null")
  sprintf("%.17g", x)
}
arr <- function(x) paste0("[", paste(sapply(x, num), collapse = ", "), "]")   # always a JSON array
obj <- function(...) {
  a <- list(...)
  paste0("{", paste(sprintf("\"%s\": %s", names(a), unlist(a)), collapse = ", "), "}")
}
tight <- list(threshold = 1e-12, maxiter = 1000)

# One intercept-only fit: everything metaAnalysis returns.
summ <- function(fit) {
  pr <- predict(fit)
  obj(
    estimate = num(fit$b[1]), se = num(fit$se[1]), ci_low = num(fit$ci.lb[1]), ci_high = num(fit$ci.ub[1]),
    statistic = num(fit$zval[1]), df = num(if (fit$test == "z") NA else fit$ddf[1]), p_value = num(fit$pval[1]),
    tau2 = num(fit$tau2), I2 = num(fit$I2 / 100), H2 = num(fit$H2), Q = num(fit$QE), Q_p = num(fit$QEp),
    pi_low = num(pr$pi.lb), pi_high = num(pr$pi.ub), weights = num(weights(fit) / 100)
  )
}
cases <- function(yi, vi) {
  out <- c()
  for (m in c("FE", "DL", "REML")) for (t in c("z", "knha")) {
    fit <- suppressWarnings(rma(yi, vi, method = m, test = t, control = tight))
    out <- c(out, sprintf("\"%s_%s\": %s", m, t, summ(fit)))
  }
  paste0("{", paste(out, collapse = ", "), "}")
}

# 1. Normand (1999): length of stay, standardized mean differences (k = 9).
dat <- escalc(measure = "SMD", m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i, n2i = n2i,
              data = dat.normand1999)
reml_default <- rma(yi, vi, data = dat, method = "REML")
normand <- sprintf("{\"yi\": %s, \"vi\": %s, \"fits\": %s, \"REML_default_threshold_tau2\": %s, \"REML_default_estimate\": %s}",
                   num(dat$yi), num(dat$vi), cases(dat$yi, dat$vi), num(reml_default$tau2), num(reml_default$b[1]))

# 2. Edge cases.
k2 <- sprintf("{\"yi\": %s, \"vi\": %s, \"fits\": %s}", num(dat$yi[1:2]), num(dat$vi[1:2]), cases(dat$yi[1:2], dat$vi[1:2]))
hom_y <- c(0.10, 0.12, 0.09, 0.11); hom_v <- c(0.010, 0.020, 0.015, 0.010)   # Q < k - 1: tau2 = 0
hom <- sprintf("{\"yi\": %s, \"vi\": %s, \"fits\": %s}", num(hom_y), num(hom_v), cases(hom_y, hom_v))
eq_y <- c(0.1, 0.5, 0.3, 0.9, -0.2); eq_v <- rep(0.04, 5)                     # all vi equal
eqv <- sprintf("{\"yi\": %s, \"vi\": %s, \"fits\": %s}", num(eq_y), num(eq_v), cases(eq_y, eq_v))

# 3. Meta-regression: BCG vaccine trials (Colditz 1994), log risk ratio on absolute latitude.
bcg <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
reg <- function(m, t, mods = ~ ablat) {
  fit <- rma(yi, vi, mods = mods, data = bcg, method = m, test = t, control = tight)
  obj(
    estimate = arr(fit$b[, 1]), se = arr(fit$se), statistic = arr(fit$zval), p_value = arr(fit$pval),
    ci_low = arr(fit$ci.lb), ci_high = arr(fit$ci.ub), df = num(if (t == "z") NA else fit$ddf[1]),
    tau2 = num(fit$tau2), I2 = num(fit$I2 / 100), H2 = num(fit$H2), R2 = num(fit$R2 / 100),
    QE = num(fit$QE), QE_df = num(fit$k - fit$p), QE_p = num(fit$QEp),
    QM = num(fit$QM), QM_df1 = num(fit$QMdf[1]), QM_df2 = num(fit$QMdf[2]), QM_p = num(fit$QMp)
  )
}
# Two moderators (ablat and year): QM is an F(2, k - 3) test with knha, chi-square(2) with z.
metareg <- sprintf("{\"yi\": %s, \"vi\": %s, \"ablat\": %s, \"year\": %s, \"REML_knha\": %s, \"REML_z\": %s, \"DL_knha\": %s, \"DL_z\": %s, \"REML_knha_ablat_year\": %s, \"REML_z_ablat_year\": %s}",
                   num(bcg$yi), num(bcg$vi), num(bcg$ablat), num(bcg$year), reg("REML", "knha"), reg("REML", "z"), reg("DL", "knha"), reg("DL", "z"),
                   reg("REML", "knha", ~ ablat + year), reg("REML", "z", ~ ablat + year))

# 4. Robust variance estimation: the 13 BCG trials put (made up) into 7 clusters of consecutive
#    trials, cluster = ceiling(trial / 2) (1,1,2,2,...,7), as if pairs of trials were one site's years.
bcg$site <- ceiling(bcg$trial / 2)
rve <- function(fit) {
  ct <- coef_test(fit, vcov = "CR2", cluster = bcg$site, test = "Satterthwaite")
  ci <- conf_int(fit, vcov = "CR2", cluster = bcg$site, test = "Satterthwaite")
  obj(
    tau2 = num(fit$tau2), estimate = arr(ct$beta), se = arr(ct$SE), statistic = arr(ct$tstat),
    df = arr(ct$df_Satt), p_value = arr(ct$p_Satt), ci_low = arr(ci$CI_L), ci_high = arr(ci$CI_U)
  )
}
robust <- sprintf("{\"cluster\": %s, \"REML_intercept\": %s, \"REML_ablat\": %s, \"FE_intercept\": %s, \"DL_ablat\": %s}",
                  num(bcg$site),
                  rve(rma(yi, vi, data = bcg, method = "REML", control = tight)),
                  rve(rma(yi, vi, mods = ~ ablat, data = bcg, method = "REML", control = tight)),
                  rve(rma(yi, vi, data = bcg, method = "FE")),
                  rve(rma(yi, vi, mods = ~ ablat, data = bcg, method = "DL")))

cat(sprintf("{\n\"versions\": {\"R\": \"%s\", \"metafor\": \"%s\", \"clubSandwich\": \"%s\"},\n\"normand\": %s,\n\"k2\": %s,\n\"homogeneous\": %s,\n\"equal_vi\": %s,\n\"metareg_bcg\": %s,\n\"robust_bcg\": %s\n}\n",
            paste(R.version$major, R.version$minor, sep = "."), packageVersion("metafor"), packageVersion("clubSandwich"),
            normand, k2, hom, eqv, metareg, robust))
