#!/usr/bin/python3
"""validate.py JOB.yaml...: the job against the lava-common on PYTHONPATH
(strict, as lava-server does on submission)."""
import sys, yaml
import lava_common, lava_common.schemas as s
ok = True
for f in sys.argv[1:]:
    try:
        s.validate(yaml.safe_load(open(f)), strict=True)
        print(f"ok   {f} ({lava_common.__file__.split('/dist-packages')[0]})")
    except Exception as e:
        ok = False
        print(f"FAIL {f}: {getattr(e, 'path', '')} {e}")
sys.exit(0 if ok else 1)
