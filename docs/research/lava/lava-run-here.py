#!/usr/bin/python3
"""Run an unpacked lava-run with LAVA's tmp dir (DISPATCHER_DOWNLOAD_DIR,
/var/lib/lava/dispatcher/tmp) moved under $LAVA_TMP, for --validate here.
usage: PYTHONPATH=root/bookworm/usr/lib/python3/dist-packages:stubs \
       LAVA_TMP=/tmp/lava/tmp lava-run-here.py root/bookworm/usr/bin/lava-run ARGS..."""
import os, runpy, sys
import lava_common.constants as c
c.DISPATCHER_DOWNLOAD_DIR = os.environ.get("LAVA_TMP", "/tmp/lava/tmp")
lava_run = sys.argv[1]
sys.argv = [lava_run] + sys.argv[2:]
runpy.run_path(lava_run, run_name="__main__")
