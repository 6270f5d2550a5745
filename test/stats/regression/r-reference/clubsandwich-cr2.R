# Reference values for test/stats/regression/clubsandwich.test.ts: clubSandwich's CR2 and
# Satterthwaite df for logistic, Poisson and weighted OLS fits on a small clustered fixture.
#
# Run once from the repository root (needs R with clubSandwich and sandwich; the tests do not):
#   Rscript test/stats/regression/r-reference/clubsandwich-cr2.R
# Writes test/stats/regression/fixtures/cr2-fixture.csv (unless it exists: the CSV is the
# fixture, this script only made it) and test/stats/regression/fixtures/cr2-reference.json.
#
# Produced with R 4.2.2 Patched (2022-11-10 r83330), clubSandwich 0.5.8, sandwich 3.0.2
# (Debian packages r-cran-clubsandwich, r-cran-sandwich). The calls, for each model `fit`:
#   V  <- vcovCR(fit, cluster = d$school, type = "CR2")
#   ct <- coef_test(fit, vcov = "CR2", cluster = d$school, test = "Satterthwaite")
#   lc <- linear_contrast_1(fit, vcov = "CR2", cluster = d$school,
#                         contrasts = matrix(g, nrow = 1), test = "Satterthwaite")
# with g the gradient of the average marginal effect on the treated (logistic, Poisson) or a
# fixed contrast (weighted OLS). GLMs are fitted with glm.control(epsilon = 1e-14, maxit = 100)
# so that R's bread (taken at the start of its last IRLS step) equals the converged one.

suppressPackageStartupMessages({
  library(clubSandwich)
  library(sandwich)
})

dir <- "test/stats/regression/fixtures"
csv <- file.path(dir, "cr2-fixture.csv")

if (!file.exists(csv)) {
  set.seed(20240601)
  sizes <- c(6, 8, 10, 12, 14, 16, 18, 12)
  school <- rep(seq_along(sizes), sizes)
  n <- length(school)
  u_school <- rnorm(length(sizes), sd = 0.5)[school]
  treatment <- rbinom(n, 1, 0.3 + 0.05 * (school %% 5))
  x1 <- round(rnorm(n) + 0.3 * (school %% 3), 4)
  x2 <- round(runif(n, 0, 3), 4)
  eta <- -0.4 + 0.6 * treatment + 0.5 * x1 - 0.3 * x2 + u_school
  y_bin <- rbinom(n, 1, plogis(eta))
  y_cnt <- rpois(n, exp(0.3 * eta + 0.6))
  y_cont <- round(eta + rnorm(n, sd = 1 + 0.4 * x2), 4)
  w <- round(ifelse(treatment == 1, 1, runif(n, 0.2, 3)), 4)
  d <- data.frame(school, treatment, x1, x2, y_bin, y_cnt, y_cont, w)
  write.csv(d, csv, row.names = FALSE, quote = FALSE)
}
d <- read.csv(csv)
d$school_f <- factor(d$school)
tight <- glm.control(epsilon = 1e-14, maxit = 100)

# Gradient (wrt the coefficients) of the AME on the treated: mean over treated rows of
# m(eta with treatment = 1) - m(eta with treatment = 0).
ame_estimate <- function(fit, mean_fun) {
  X <- model.matrix(fit)
  b <- coef(fit)
  tr <- X[, "treatment"] == 1
  X1 <- X[tr, , drop = FALSE]
  X1[, "treatment"] <- 1
  X0 <- X1
  X0[, "treatment"] <- 0
  mean(mean_fun(as.vector(X1 %*% b)) - mean_fun(as.vector(X0 %*% b)))
}
ame_gradient <- function(fit, dens) {
  X <- model.matrix(fit)
  b <- coef(fit)
  tr <- X[, "treatment"] == 1
  X1 <- X[tr, , drop = FALSE]
  X1[, "treatment"] <- 1
  X0 <- X1
  X0[, "treatment"] <- 0
  e1 <- as.vector(X1 %*% b)
  e0 <- as.vector(X0 %*% b)
  colMeans(dens(e1) * X1 - dens(e0) * X0)
}
logit_dens <- function(e) plogis(e) * (1 - plogis(e))

models <- list(
  logit = list(fit = glm(y_bin ~ treatment + x1 + x2, family = binomial, data = d, control = tight), dens = logit_dens),
  poisson = list(fit = glm(y_cnt ~ treatment + x1 + x2, family = poisson, data = d, control = tight), dens = exp),
  wls = list(fit = lm(y_cont ~ treatment + x1 + x2, data = d, weights = w), contrast = c(0, 1, 0.5, -0.25)),
  logit_fe = list(fit = glm(y_bin ~ treatment + x1 + x2 + school_f, family = binomial, data = d, control = tight), dens = logit_dens),
  poisson_fe = list(fit = glm(y_cnt ~ treatment + x1 + x2 + school_f, family = poisson, data = d, control = tight), dens = exp),
  wls_fe = list(fit = lm(y_cont ~ treatment + x1 + x2 + school_f, data = d, weights = w), contrast = c(0, 1, 0.5, -0.25, rep(0, 7))),
  logit_weighted = list(fit = suppressWarnings(glm(y_bin ~ treatment + x1 + x2, family = binomial, data = d, weights = w, control = tight)), dens = logit_dens),
  ols = list(fit = lm(y_cont ~ treatment + x1 + x2, data = d), contrast = c(0, 1, 0.5, -0.25))
)

# clubSandwich 0.5.8's linear_contrast() refers to an undefined `q` (the number of contrasts)
# when the fit is not inverse-variance weighted (the weighted lm here), so that branch errors
# with "'list' object cannot be coerced to type 'integer'". This copy supplies q = 1 (one
# contrast row) and is otherwise the package's function.
linear_contrast_1 <- clubSandwich::linear_contrast
environment(linear_contrast_1) <- list2env(list(q = 1L), parent = asNamespace("clubSandwich"))

num <- function(x) paste0("[", paste(sprintf("%.17g", x), collapse = ", "), "]")
out <- c()
for (nm in names(models)) {
  m <- models[[nm]]
  fit <- m$fit
  V <- vcovCR(fit, cluster = d$school, type = "CR2")
  ct <- coef_test(fit, vcov = "CR2", cluster = d$school, test = "Satterthwaite")
  g <- if (is.null(m$contrast)) ame_gradient(fit, m$dens) else m$contrast
  ame <- if (is.null(m$contrast)) ame_estimate(fit, if (identical(m$dens, exp)) exp else plogis) else NA
  lc <- linear_contrast_1(fit, vcov = "CR2", cluster = d$school, contrasts = matrix(g, nrow = 1), test = "Satterthwaite")
  k <- which(names(coef(fit)) == "treatment")
  out <- c(out, sprintf(
    '  "%s": {\n    "names": [%s],\n    "coef": %s,\n    "vcov_treatment_row": %s,\n    "se_treatment": %.17g,\n    "df_treatment": %.17g,\n    "contrast": %s,\n    "contrast_se": %.17g,\n    "contrast_df": %.17g,\n    "ame": %s\n  }',
    nm, paste0('"', names(coef(fit)), '"', collapse = ", "), num(coef(fit)), num(V[k, ]),
    ct$SE[k], ct$df_Satt[k], num(g), lc$SE, lc$df, if (is.na(ame)) "null" else sprintf("%.17g", ame)
  ))
}
header <- sprintf('  "_source": "%s; clubSandwich %s; sandwich %s; test/stats/regression/r-reference/clubsandwich-cr2.R"',
                  R.version.string, packageVersion("clubSandwich"), packageVersion("sandwich"))
writeLines(c("{", paste(c(header, out), collapse = ",\n"), "}"), file.path(dir, "cr2-reference.json"))
