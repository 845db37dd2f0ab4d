"""Geoparser docs/s vs spaCy en_core_web_sm NER alone (same docs, same run).

    POLEMOS_DATA_DIR=... .venv/bin/python benchmarks/bench_geoparse.py [N_DOCS]
"""

import json
import sys

from polemos.geo.bench import run_bench

if __name__ == "__main__":
    print(json.dumps(run_bench(int(sys.argv[1]) if len(sys.argv) > 1 else 200)))
