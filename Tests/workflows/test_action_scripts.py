"""Runs the shell steps of action.yml as the runner would (bash -e -o pipefail, the step's `env:` with its
`${{ … }}` evaluated, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_PATH and RUNNER_TEMP files), on a knowledge
base that `sopbook init` wrote, with the built binary. Schemas and shellcheck say a script is well formed;
this says it does what the action promises: inputs checked, the command's status kept for the last step,
the SARIF report written, the summary escaped, the impact's arguments, the exit status.

Run: python3 -m unittest discover -s Tests/workflows -v   (after `swift build`; SOPBOOK_BIN overrides the binary)
"""
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

from test_workflows import ACTION, BIN, ROOT, load

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}", re.S)


def evaluate(value, context):
    """`${{ a.b || c.d }}` in a value: each operand a dotted path into `context` (missing is empty), the
    first non-empty one wins. Enough for the action's `env:` values, which are no more than that."""
    def one(match):
        for operand in match.group(1).split("||"):
            node = context
            for part in operand.strip().split("."):
                node = node.get(part, "") if isinstance(node, dict) else ""
            if node not in ("", None):
                return str(node)
        return ""
    return EXPRESSION.sub(one, str(value))


class Runner:
    """One job's worth of runner files, and the action's steps run one by one."""

    def __init__(self, workspace, inputs=None, event=None, path=()):
        self.workspace = Path(workspace)
        self.temp = Path(tempfile.mkdtemp(prefix="sopbook-runner-"))
        self.files = {name: self.temp / name for name in ("output", "summary", "path")}
        for f in self.files.values():
            f.write_text("")
        declared = {k: str(v.get("default", "")) for k, v in load(ACTION)["inputs"].items()}
        self.context = {"inputs": {**declared, **(inputs or {})}, "steps": {},
                        "github": {"event": event or {}, "token": "token"}}
        self.path = os.pathsep.join([*map(str, path), str(BIN.parent), os.environ.get("PATH", "")])
        self.steps = {s.get("id", s.get("name")): s for s in load(ACTION)["runs"]["steps"]}

    def run(self, key, **env_overrides):
        """Runs the step with id (or name) `key`; returns (exit status, outputs, stdout, stderr)."""
        step = self.steps[key]
        self.files["output"].write_text("")
        env = {k: evaluate(v, self.context) for k, v in (step.get("env") or {}).items()}
        env.update(env_overrides)
        env.update({"PATH": self.path, "HOME": os.environ.get("HOME", str(self.temp)), "RUNNER_TEMP": str(self.temp),
                    "RUNNER_OS": "Linux", "RUNNER_ARCH": "X64", "GITHUB_ACTION_PATH": str(ROOT),
                    "GITHUB_OUTPUT": str(self.files["output"]), "GITHUB_STEP_SUMMARY": str(self.files["summary"]),
                    "GITHUB_PATH": str(self.files["path"])})
        r = subprocess.run(["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", step["run"]],
                           cwd=self.workspace, env=env, capture_output=True, text=True, timeout=120)
        outputs = dict(line.split("=", 1) for line in self.files["output"].read_text().splitlines() if "=" in line)
        self.context["steps"][key] = {"outputs": outputs}
        return r.returncode, outputs, r.stdout, r.stderr

    def summary(self):
        return self.files["summary"].read_text()

    def close(self):
        shutil.rmtree(self.temp, ignore_errors=True)


def git(*args, cwd):
    subprocess.run(["git", "-c", "user.name=CI", "-c", "user.email=ci@example.com", *args], cwd=cwd, check=True,
                   capture_output=True)


class ActionScriptsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not BIN.exists():
            raise unittest.SkipTest(f"{BIN} is not built: run `swift build` first")

    def setUp(self):
        self.repo = Path(tempfile.mkdtemp(prefix="sopbook-action-"))
        self.addCleanup(shutil.rmtree, self.repo, True)
        subprocess.run([str(BIN), "init", "--ci", "github", str(self.repo)], check=True, capture_output=True)
        git("init", "-q", "-b", "main", cwd=self.repo)
        git("add", "-A", cwd=self.repo)
        git("commit", "-q", "-m", "Start", cwd=self.repo)
        self.base = subprocess.run(["git", "rev-parse", "HEAD"], cwd=self.repo, capture_output=True, text=True).stdout.strip()

    def runner(self, **kwargs):
        r = Runner(self.repo, **kwargs)
        self.addCleanup(r.close)
        return r

    def break_an_owner(self):
        (self.repo / "Content" / "ops").mkdir()
        (self.repo / "Content" / "ops" / "no-owner.md").write_text("---\ntitle: <b>Bold</b> & co\n---\n# X\n")

    def test_the_inputs_are_checked(self):
        self.assertEqual(self.runner().run("Check the inputs")[0], 0)
        for name, value in (("command", "deploy"), ("fail-on", "sometimes"), ("baseline", "yes"), ("setup-swift", "maybe")):
            with self.subTest(name):
                status, _, _, stderr = self.runner(inputs={name: value}).run("Check the inputs")
                self.assertEqual(status, 2)
                self.assertIn(f'input {name} must be', stderr)
                self.assertEqual(len(stderr.splitlines()), 1, stderr)

    def test_the_check_keeps_its_status_for_the_last_step(self):
        runner = self.runner()
        status, outputs, stdout, _ = runner.run("run")
        self.assertEqual((status, outputs.get("status")), (0, "0"), stdout)
        self.break_an_owner()
        status, outputs, stdout, _ = runner.run("run")
        self.assertEqual((status, outputs.get("status")), (0, "1"), "the step passes; the status waits for the last step")
        self.assertIn("::error file=Content/ops/no-owner.md,line=1", stdout)
        exit_status = runner.run("Exit with the status of sopbook ${{ inputs.command }}")[0]
        self.assertEqual(exit_status, 1)

    def test_the_reports_write_sarif_and_an_escaped_summary(self):
        self.break_an_owner()
        runner = self.runner()
        runner.run("run")
        status, outputs, _, stderr = runner.run("reports")
        self.assertEqual(status, 0, stderr)
        sarif = json.loads(Path(outputs["sarif"]).read_text())
        self.assertEqual(sarif["version"], "2.1.0")
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
        self.assertIn("Content/ops/no-owner.md", uris)
        summary = runner.summary()
        self.assertTrue(summary.startswith("### Sopbook check: failed\n"), summary)
        self.assertRegex(summary, r"\n2 processes \(1 owned\)")
        self.assertIn("&lt;role&gt;", summary)
        self.assertNotIn("<role>", summary)
        self.assertEqual(self.runner(inputs={"sarif": "false"}).run("reports", STATUS="1")[1].get("sarif"), None)

    def test_build_writes_the_site_into_output(self):
        status, outputs, _, stderr = self.runner(inputs={"command": "build", "output": "Site"}).run("run")
        self.assertEqual((status, outputs.get("status")), (0, "0"), stderr)
        self.assertTrue((self.repo / "Site" / "index.html").exists())

    def test_the_baseline_input_passes_no_baseline(self):
        self.break_an_owner()
        subprocess.run([str(BIN), "baseline"], cwd=self.repo, check=True, capture_output=True)
        self.assertEqual(self.runner().run("run")[1]["status"], "0", "the baseline holds the missing owner")
        self.assertEqual(self.runner(inputs={"baseline": "false"}).run("run")[1]["status"], "1")

    def stub_impact(self, status):
        """A `sopbook` ahead of the real one on PATH that answers `impact` (another engineer's command) as
        its contract says, records its arguments, and hands everything else to the real binary."""
        folder = self.repo.parent / (self.repo.name + "-stub")
        folder.mkdir()
        self.addCleanup(shutil.rmtree, folder, True)
        stub = folder / "sopbook"
        stub.write_text(f"""#!/usr/bin/env bash
if [ "$1" = impact ]; then
  printf '%s\\n' "$@" > "{folder}/args"
  printf '<!-- sopbook-impact -->\\n## SOP impact\\n\\n1 SOP changed.\\n'
  exit {status}
fi
exec "{BIN}" "$@"
""")
        stub.chmod(0o755)
        return folder

    def test_impact_on_a_pull_request(self):
        stub = self.stub_impact(1)
        event = {"pull_request": {"number": 7, "base": {"sha": self.base}}}
        runner = self.runner(event=event, path=[stub])
        status, outputs, _, stderr = runner.run("impact")
        self.assertEqual((status, outputs.get("status")), (0, "1"), stderr)
        args = (stub / "args").read_text().splitlines()
        self.assertEqual(args, ["impact", "--base", self.base, "--format", "markdown", "--fail-on", "error", "--content", "Content"])
        self.assertTrue(Path(outputs["file"]).read_text().startswith("<!-- sopbook-impact -->\n"))
        self.assertIn("## SOP impact", runner.summary())
        # With command: impact, its status is the job's.
        self.assertEqual(runner.run("Exit with the status of sopbook ${{ inputs.command }}", COMMAND="impact")[0], 1)

    def test_impact_without_a_base_says_so_and_does_not_fail_the_step(self):
        status, outputs, _, stderr = self.runner(inputs={"command": "impact"}).run("impact")
        self.assertEqual((status, outputs.get("status")), (0, "2"))
        self.assertIn("needs a base commit", stderr)

    def test_an_impact_that_cannot_run_warns_beside_a_check(self):
        stub = self.stub_impact(2)
        event = {"pull_request": {"number": 7, "base": {"sha": self.base}}}
        status, outputs, stdout, _ = self.runner(event=event, path=[stub]).run("impact")
        self.assertEqual((status, outputs.get("status"), outputs.get("file")), (0, "2", None))
        self.assertIn("::warning title=sopbook::sopbook impact could not run (status 2)", stdout)

    def test_the_last_step_exits_with_the_commands_status(self):
        runner = self.runner()
        name = "Exit with the status of sopbook ${{ inputs.command }}"
        for command, run_status, impact_status, expected in (("check", "0", "1", 0), ("check", "1", "0", 1),
                                                              ("impact", "", "0", 0), ("check", "", "", 2)):
            with self.subTest(f"{command} {run_status!r} {impact_status!r}"):
                status = runner.run(name, COMMAND=command, RUN_STATUS=run_status, IMPACT_STATUS=impact_status)[0]
                self.assertEqual(status, expected)

    def test_the_cache_key_names_the_source_and_the_toolchain(self):
        if not shutil.which("swift"):
            self.skipTest("swift is not on PATH")
        runner = self.runner()
        status, outputs, _, stderr = runner.run("key")
        self.assertEqual(status, 0, stderr)
        self.assertRegex(outputs["key"], r"^sopbook-Linux-X64-[0-9a-f]{12}-[0-9a-f]{20}$")
        self.assertEqual(runner.files["path"].read_text().strip(), outputs["dir"])
        self.assertEqual(runner.run("key")[1]["key"], outputs["key"], "the same source gives the same key")


if __name__ == "__main__":
    unittest.main()
