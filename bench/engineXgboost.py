# XGBoost's side of the engine benchmark: same files, same settings, one JSON line out.
import json, resource, sys, time
import numpy as np
import xgboost as xgb
from sklearn.metrics import roc_auc_score

folder, train_rows, test_rows, explain_rows, trees = sys.argv[1], *map(int, sys.argv[2:6])
features = 30
x_train = np.fromfile(f"{folder}/train.rows.f32", dtype=np.float32).reshape(train_rows, features)
y_train = np.fromfile(f"{folder}/train.y.f32", dtype=np.float32)
x_test = np.fromfile(f"{folder}/test.rows.f32", dtype=np.float32).reshape(test_rows, features)
y_test = np.fromfile(f"{folder}/test.y.f32", dtype=np.float32)
params = {"objective": "binary:logistic", "tree_method": "hist", "max_depth": 6, "eta": 0.1,
          "max_bin": 256, "nthread": 2, "verbosity": 0}

def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime

started = time.perf_counter()
cpu_started = cpu_seconds()
dtrain = xgb.DMatrix(x_train, label=y_train, nthread=2)
booster = xgb.train(params, dtrain, num_boost_round=trees)
train_seconds = time.perf_counter() - started
train_cpu_seconds = cpu_seconds() - cpu_started

# Scoring: best of three runs (other load on the machine only ever slows it), after one untimed
# run, as on our side.
margins = booster.inplace_predict(x_test, predict_type="margin")
score_seconds = float("inf")
cpu_mark = cpu_seconds()
for _ in range(3):
    started = time.perf_counter()
    margins = booster.inplace_predict(x_test, predict_type="margin")
    score_seconds = min(score_seconds, time.perf_counter() - started)
score_cpu_seconds = (cpu_seconds() - cpu_mark) / 3

dexplain = xgb.DMatrix(x_test[:explain_rows], nthread=2)
started = time.perf_counter()
cpu_mark = cpu_seconds()
booster.predict(dexplain, pred_contribs=True)
explain_seconds = time.perf_counter() - started
explain_cpu_seconds = cpu_seconds() - cpu_mark

print(json.dumps({
    "trainSeconds": train_seconds,
    "trainCpuSeconds": train_cpu_seconds,
    "auc": float(roc_auc_score(y_test, margins)),
    "scoreRowsPerSecond": test_rows / score_seconds,
    "scoreRowsPerCpuSecond": test_rows / score_cpu_seconds,
    "explainRowsPerSecond": explain_rows / explain_seconds,
    "explainRowsPerCpuSecond": explain_rows / explain_cpu_seconds,
    "peakMemoryMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "version": xgb.__version__,
}))
