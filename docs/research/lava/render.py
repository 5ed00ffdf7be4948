#!/usr/bin/python3
"""render.py TEMPLATES_DIR DEVICE_DICT.jinja2 > device.yaml
Renders a LAVA device dictionary the way lava-server does (sandboxed jinja2,
trim_blocks, the device-types dir as loader), with no server."""
import sys, shlex, yaml
from jinja2 import FileSystemLoader
from jinja2.sandbox import SandboxedEnvironment
tdir, ddict = sys.argv[1], sys.argv[2]
try:  # lava-common >= 2023.x ships its own env factory (trixie-backports: lava_common/jinja.py)
    from lava_common.jinja import create_device_templates_env
    env = create_device_templates_env(loader=FileSystemLoader([tdir]))
except ImportError:  # bookworm 2023.01: lava_scheduler_app/environment.py's settings
    env = SandboxedEnvironment(loader=FileSystemLoader([tdir]), autoescape=False, trim_blocks=True)
    env.filters["shlex_quote"] = shlex.quote
out = env.from_string(open(ddict).read()).render()
data = yaml.safe_load(out)          # must be valid YAML
from lava_common.schemas.device import validate
validate(data)                      # lava-common's device schema
sys.stdout.write(out)
