"""Baseline for throughput.bench.ts: scikit-learn SGDClassifier.partial_fit one sample at a time on Elec2,
configured like River's benchmark (log loss, constant learning rate 0.005, no penalty), with predict before each fit.
Prints one JSON line: {"samples": n, "seconds": s, "samples_per_s": r, "accuracy": a, "sklearn": version}.
Run by throughput.bench.ts with Debian's /usr/bin/python3 (apt-get install python3-sklearn)."""
import csv
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.linear_model import SGDClassifier

path, limit = sys.argv[1], int(sys.argv[2])
rows = []
with open(path) as f:
    reader = csv.DictReader(f)
    for row in reader:
        y = row.pop("class") == "UP"
        rows.append((np.array([[float(v) for v in row.values()]]), np.array([y])))
        if len(rows) >= limit:
            break

model = SGDClassifier(loss="log_loss", learning_rate="constant", eta0=0.005, penalty=None)
classes = np.array([False, True])
correct = 0
seen = 0
start = time.perf_counter()
for i, (x, y) in enumerate(rows):
    if i > 0:
        correct += int(model.predict(x)[0] == y[0])
        seen += 1
    model.partial_fit(x, y, classes=classes)
seconds = time.perf_counter() - start
print(json.dumps({"samples": len(rows), "seconds": seconds, "samples_per_s": len(rows) / seconds,
                  "accuracy": correct / max(seen, 1), "sklearn": sklearn.__version__}))
