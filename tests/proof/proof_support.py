"""What the proof scripts in tests/proof/ share: a moto of their own, the vueops binary run
against it as a user runs it, and an inventory of what really exists in every account.

Nothing here connects anywhere but 127.0.0.1. Every process started here is stopped by its PID
(other engineers' moto servers run on the same machine: never by name).
"""

import atexit
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

# ctest's SKIP_RETURN_CODE: the scripts exit with it when moto (or boto3) is not installed.
SKIP = 77

ADDRESS_TAG = "vueops:address"
ACCESS_KEY = "testing"  # moto takes any credentials unless told to check them
MEMBER_ROLE = "OrganizationAccountAccessRole"  # what Organizations makes in each new account
MOTO_START_SECONDS = 30


def say(message=""):
    print(message, flush=True)


def fail(message):
    say("FAIL: " + message)
    sys.exit(1)


def require_tools(*modules):
    """Exits with SKIP, saying why, when moto, boto3 or one of `modules` is missing; with
    VUEOPS_REQUIRE_MOTO=1 (CI) that is a failure instead, as for the moto gtests."""
    for module in ("moto", "boto3") + modules:
        try:
            __import__(module)
        except ImportError:
            why = "python3 cannot import %s; run scripts/bootstrap" % module
            if os.environ.get("VUEOPS_REQUIRE_MOTO") == "1":
                fail(why + " (VUEOPS_REQUIRE_MOTO=1)")
            say("SKIP: " + why)
            sys.exit(SKIP)


class Scratch:
    """A temporary folder, removed at exit (also on failure)."""

    def __init__(self, prefix):
        self.path = tempfile.mkdtemp(prefix="vueops_%s_" % prefix)
        atexit.register(self.remove)

    def remove(self):
        shutil.rmtree(self.path, ignore_errors=True)

    def file(self, name):
        return os.path.join(self.path, name)


class Process:
    """A child process in its own process group, stopped by its PID at exit or on demand."""

    def __init__(self, args, stdout, stderr=subprocess.STDOUT, env=None):
        self.popen = subprocess.Popen(args, stdout=stdout, stderr=stderr, env=env,
                                      stdin=subprocess.DEVNULL, start_new_session=True)
        atexit.register(self.stop)

    @property
    def pid(self):
        return self.popen.pid

    def stop(self, sig=signal.SIGTERM, timeout=10):
        if self.popen.poll() is not None:
            return self.popen.returncode
        try:
            os.killpg(self.popen.pid, sig)  # its own group: only what we started
        except ProcessLookupError:
            pass
        try:
            return self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.popen.pid, signal.SIGKILL)
            return self.popen.wait()


def wait_for_line(path, pattern, process, seconds):
    """The first match of `pattern` in the file `path` a child writes, within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with open(path, errors="replace") as stream:
            match = re.search(pattern, stream.read())
        if match:
            return match
        if process.popen.poll() is not None:
            break
        time.sleep(0.05)
    with open(path, errors="replace") as stream:
        text = stream.read()
    fail("%s did not print %r within %ds:\n%s" % (" ".join(process.popen.args), pattern, seconds,
                                                     text[-2000:]))


# moto's server with the operations moto 5.2 lacks that a destroy of the example needs
# (tests/support/moto_gaps_filled.py: DeleteKeyGroup, DeleteCacheSubnetGroup).
GAPS_FILLED = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                           "support", "moto_gaps_filled.py")


class Moto:
    """moto's server on a loopback port the OS chooses; stopped by its PID at exit. With
    `fill_gaps`, moto plus the two operations it lacks (GAPS_FILLED)."""

    def __init__(self, scratch, fill_gaps=False):
        self.log = scratch.file("moto.log")
        # As vueops up --local starts it (src/client/local_aws.cc): AWS's managed policies
        # (AdministratorAccess, ReadOnlyAccess) exist in every account, as in AWS, unless the
        # caller's MOTO_IAM_LOAD_MANAGED_POLICIES says otherwise (a spec that attaches none
        # spares moto loading a thousand policies into each new account).
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        env.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
        with open(self.log, "w") as log:
            server = [GAPS_FILLED] if fill_gaps else ["-m", "moto.server"]
            self.process = Process([sys.executable] + server + ["-H", "127.0.0.1", "-p", "0"],
                                   stdout=log, env=env)
        match = wait_for_line(self.log, r"Running on (http://127\.0\.0\.1:\d+)", self.process,
                              MOTO_START_SECONDS)
        self.url = match.group(1)
        deadline = time.monotonic() + MOTO_START_SECONDS
        while True:
            try:
                urllib.request.urlopen(self.url + "/moto-api/", timeout=5).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    fail("moto at %s does not answer" % self.url)
                time.sleep(0.1)
        say("moto: %s (pid %d)" % (self.url, self.process.pid))

    def reset(self):
        """Empties every account of every service, as a fresh moto."""
        request = urllib.request.Request(self.url + "/moto-api/reset", method="POST", data=b"")
        urllib.request.urlopen(request, timeout=30).read()

    def stop(self):
        self.process.stop()


class Vueops:
    """The vueops binary run on one spec and one state file against `endpoint`."""

    def __init__(self, binary, spec, state, endpoint, scratch):
        self.binary = os.path.abspath(binary)
        self.spec = os.path.abspath(spec)
        self.state = state
        self.scratch = scratch
        self.environment = environment_for(endpoint, scratch)

    def command(self, verb, *args):
        return [self.binary, verb, self.spec, "--state", self.state] + list(args)

    def run(self, verb, *args, endpoint=None, timeout=900):
        """(exit code, stdout, stderr) of `vueops VERB SPEC --state STATE ARGS...`."""
        env = self.environment if endpoint is None else environment_for(endpoint, self.scratch)
        done = subprocess.run(self.command(verb, *args), env=env, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=timeout)
        return done.returncode, done.stdout, done.stderr

    def start(self, verb, *args, output):
        """`vueops VERB ...` in the background, its output into the file `output`."""
        with open(output, "w") as stream:
            return Process(self.command(verb, *args), stdout=stream, env=self.environment)

    def records(self):
        """The state's records (address, type, account, region, id, status), [] without state."""
        if not os.path.exists(self.state):
            return []
        done = subprocess.run([self.binary, "state", "list", "--state", self.state, "--json"],
                              env=self.environment, capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            fail("vueops state list: %s%s" % (done.stdout, done.stderr))
        return json.loads(done.stdout)["resources"]

    def plan_is_clean(self, endpoint=None):
        """(True, output) when `plan --detailed-exitcode` exits 0; fails on exit 1."""
        code, out, err = self.run("plan", "--detailed-exitcode", endpoint=endpoint)
        if code == 1:
            fail("vueops plan failed:\n%s%s" % (out, err))
        return code == 0, out + err


def environment_for(endpoint, scratch):
    """The environment of a vueops (or AWS CLI) run against `endpoint` with moto's credentials,
    and nothing from the user's own AWS configuration."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("AWS_") and key != "VUEOPS_SPEC"}
    env.update({
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": ACCESS_KEY,
        "AWS_CONFIG_FILE": scratch.file("no-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": scratch.file("no-aws-credentials"),
        "VUEOPS_CACHE_DIR": scratch.file("cache"),
        "NO_COLOR": "1",
    })
    return env


def spec_region(spec):
    """The spec's `region:` (the stack file itself, or stack.yaml in a folder)."""
    path = os.path.join(spec, "stack.yaml") if os.path.isdir(spec) else spec
    with open(path) as stream:
        match = re.search(r"^region:\s*([a-z0-9-]+)", stream.read(), re.MULTILINE)
    return match.group(1) if match else "us-east-1"


def summary_line(output):
    """The last line of an apply's output that says how it ended."""
    lines = [line for line in output.splitlines()
             if line.startswith(("Apply complete", "Apply failed", "Destroy complete", "No changes",
                                 "Plan:"))]
    return lines[-1] if lines else (output.strip().splitlines() or ["(no output)"])[-1]


def source_dir():
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def default_binary():
    return os.path.join(source_dir(), "build", "vueops")


def add_common_arguments(parser, default_spec):
    parser.add_argument("--vueops", default=default_binary(),
                        help="the vueops binary (default: build/vueops)")
    parser.add_argument("--spec", default=os.path.join(source_dir(), default_spec),
                        help="the stack spec to apply (default: %s)" % default_spec)


def check_binary(path):
    if not os.access(path, os.X_OK):
        fail("%s is not an executable vueops; build it, or pass --vueops PATH" % path)


class AwsCli:
    """python3 -m awscli against moto, with the given credentials."""

    def __init__(self, endpoint, region, scratch, credentials=None):
        self.endpoint, self.region = endpoint, region
        self.environment = environment_for(endpoint, scratch)
        del self.environment["AWS_ENDPOINT_URL"]  # the CLI is told with --endpoint-url
        self.environment["AWS_DEFAULT_REGION"] = region
        if credentials:
            self.environment.update({"AWS_ACCESS_KEY_ID": credentials["AccessKeyId"],
                                     "AWS_SECRET_ACCESS_KEY": credentials["SecretAccessKey"],
                                     "AWS_SESSION_TOKEN": credentials["SessionToken"]})

    def __call__(self, *args):
        command = [sys.executable, "-m", "awscli", "--endpoint-url", self.endpoint,
                   "--region", self.region, "--output", "json"] + list(args)
        done = subprocess.run(command, env=self.environment, capture_output=True, text=True,
                              timeout=120)
        say("  $ aws " + " ".join(args))
        if done.returncode != 0:
            fail("aws %s exited %d: %s" % (" ".join(args), done.returncode, done.stderr))
        return json.loads(done.stdout) if done.stdout.strip() else {}
