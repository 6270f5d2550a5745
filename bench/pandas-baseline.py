"""The pandas equivalent of bench/bare-sql.ts: per-student outcomes of the outcome year (2017) from the bench
district's files. Run by bench/run-bench.ts only when `import pandas` works:

    python3 bench/pandas-baseline.py <extracts dir> <csv|parquet>

Prints one JSON line: {"seconds": ..., "students": ..., "means": {...}}.
"""
import json
import sys
import time

import pandas as pd

t0 = time.perf_counter()
d, fmt = sys.argv[1], sys.argv[2]


def read(name):
    path = f"{d}/{name}.{fmt}"
    return pd.read_parquet(path) if fmt == "parquet" else pd.read_csv(path)


lo, hi = pd.Timestamp("2016-07-01"), pd.Timestamp("2017-07-01")


def in_y(s):
    s = pd.to_datetime(s)
    return (s >= lo) & (s < hi)


st = read("students")
enrolled = pd.DataFrame({"student_id": st.loc[st["school_year"].astype(int) == 2017, "student_id"].astype(str).unique()})

att = read("attendance")
att = att[in_y(att["date"])]
absent = att["status"].isin(["excused", "unexcused", "suspended"])
att = att.assign(absent=absent * att["duration"].astype(float).fillna(1.0))
a = att.groupby("student_id").agg(days_enrolled=("status", "size"), days_absent=("absent", "sum")).reset_index()

di = read("discipline")
di = di[in_y(di["incident_date"])]
di = di.assign(susp=di["action"].isin(["in_school_suspension", "out_of_school_suspension"]).astype(int))
dd = di.groupby("student_id").agg(incident_count=("incident_id", "nunique"), any_suspension=("susp", "max")).reset_index()

vi = read("visits")
vi = vi[(vi["status"] == "completed") & in_y(vi["visit_date"])]
vis = pd.DataFrame({"student_id": vi["student_id"].unique(), "visited": 1})

te = read("assessments")
te = te[(te["school_year"].astype(int) == 2017) & te["scale_score"].notna()].copy()
te["grade"] = te["grade_tested"].astype(str)
te["scale_score"] = te["scale_score"].astype(float)
g = te.groupby(["subject", "grade"])["scale_score"]
te["z"] = (te["scale_score"] - g.transform("mean")) / g.transform("std")
z = te.pivot_table(index="student_id", columns="subject", values="z").add_suffix("_z").reset_index()

out = enrolled.merge(a, on="student_id", how="left").merge(dd, on="student_id", how="left")
out = out.merge(vis, on="student_id", how="left").merge(z, on="student_id", how="left")
out["days_enrolled"] = out["days_enrolled"].fillna(0)
ok = out["days_enrolled"] >= 10
out["attendance_rate"] = (1 - out["days_absent"] / out["days_enrolled"]).where(ok)
out["chronic_absence"] = (out["days_absent"] / out["days_enrolled"] >= 0.10).astype(float).where(ok)
out["days_absent"] = out["days_absent"].where(ok)
for c in ["incident_count", "any_suspension", "visited"]:
    out[c] = out[c].fillna(0)
seconds = time.perf_counter() - t0
cols = ["visited", "days_enrolled", "attendance_rate", "days_absent", "chronic_absence", "incident_count", "any_suspension", "ela_z", "math_z"]
print(json.dumps({"seconds": seconds, "students": int(len(out)), "means": {c: float(out[c].mean()) if c in out else None for c in cols}}))
