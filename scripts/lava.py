#!/usr/bin/python3
"""The Python side of make lava (scripts/lava.sh), run with Debian's
/usr/bin/python3 and the lava_common on PYTHONPATH that the command is for:

  lava.py device TEMPLATES DICT OUT   render a device dictionary the way
                                      lava-server does, check it against
                                      lava_common's device schema
  lava.py job TEMPLATE OUT KEY=VALUE...  render a job from its template
  lava.py validate JOB...             lava_common's job schema, strict
  lava.py qemu DEVICE                 the QEMU command line of a rendered
                                      device, one word a line
  lava.py results LOG                 the test cases of a lava-run log
                                      (its stdout), "SUITE CASE RESULT"
  lava.py console LOG                 what the device printed, from the
                                      same log
"""
import json
import os
import shlex
import sys

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def device(templates, ddict, out):
    from jinja2 import FileSystemLoader
    from jinja2.sandbox import SandboxedEnvironment
    from lava_common.schemas.device import validate

    # lava-server's settings for device templates: sandboxed, no
    # autoescape, trim_blocks, shlex_quote as a filter
    env = SandboxedEnvironment(loader=FileSystemLoader([templates]),
                               autoescape=False, trim_blocks=True)
    env.filters["shlex_quote"] = shlex.quote
    with open(ddict) as f:
        text = env.from_string(f.read()).render()
    validate(yaml.safe_load(text))
    with open(out, "w") as f:
        f.write(text)


def job(template, out, pairs):
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    bad = [p for p in pairs if "=" not in p]
    if bad:
        sys.exit(f"lava.py job: not KEY=VALUE: {bad[0]}")
    values = dict(p.split("=", 1) for p in pairs)
    env = Environment(loader=FileSystemLoader(["/"]), undefined=StrictUndefined,
                      keep_trailing_newline=True)
    text = env.get_template(os.path.abspath(template)).render(**values)
    yaml.safe_load(text)
    with open(out, "w") as f:
        f.write(text)


def validate(jobs):
    from lava_common.schemas import validate as check

    import lava_common

    # which lava_common: the caller checks it is the one it asked for
    print(f"lava_common: {lava_common.__file__}")
    bad = 0
    for path in jobs:
        with open(path) as f:
            try:
                check(yaml.safe_load(f), strict=True)
                print(f"valid: {path}")
            except Exception as e:  # voluptuous' Invalid, or a YAML error
                print(f"invalid: {path}: {e}")
                bad += 1
    if bad:
        sys.exit(1)


def qemu(path):
    with open(path) as f:
        dev = yaml.safe_load(f)
    params = dev["actions"]["boot"]["methods"]["qemu"]["parameters"]
    words = [params["command"]]
    for opt in params.get("options", []) + params.get("extra", []):
        words += shlex.split(opt)
    print("\n".join(words))


def entries(log):
    """the entries of a lava-run log, one a line"""
    with open(log) as f:
        for line in f:
            # JSON, but for the results of lava-test-case: YAML flow
            # mappings (their starttc and endtc carry a "!" tag)
            try:
                entry = json.loads(line)
            except ValueError:
                try:
                    entry = yaml.load(line, Loader=Loader)
                except yaml.YAMLError:
                    continue
            if isinstance(entry, dict):
                yield entry


def results(log):
    for entry in entries(log):
        if entry.get("lvl") == "results":
            msg = entry["msg"]
            print(msg["definition"], msg["case"], msg["result"])


def console(log):
    for entry in entries(log):
        if entry.get("lvl") == "target":
            print(entry["msg"])


def main(argv):
    cmd, args = argv[1], argv[2:]
    if cmd == "device" and len(args) == 3:
        device(*args)
    elif cmd == "job" and len(args) >= 2:
        job(args[0], args[1], args[2:])
    elif cmd == "validate" and args:
        validate(args)
    elif cmd == "qemu" and len(args) == 1:
        qemu(args[0])
    elif cmd == "results" and len(args) == 1:
        results(args[0])
    elif cmd == "console" and len(args) == 1:
        console(args[0])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
