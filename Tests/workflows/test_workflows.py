"""Validates the CI files Sopbook ships: the repository's `action.yml`, and the workflows `sopbook init
--ci github` and `--ci gitlab` write. Each file is checked against the vendor's schema (check-jsonschema's
offline copies: vendor.github-actions, vendor.github-workflows, vendor.gitlab-ci), every shell script in
it with shellcheck, and the GitHub files for script injection (no `${{ inputs.… }}` or `${{ github.event.… }}`
spliced into a script), for inputs used but not declared, and for `with:` keys the action does not have.
actionlint runs too when it is on PATH. Negative tests prove each validator rejects a broken file.

Run: python3 -m unittest discover -s Tests/workflows -v   (after `swift build`; SOPBOOK_BIN overrides the
binary; `pip install -r Tests/workflows/requirements.txt` installs check-jsonschema and shellcheck)
"""
import os
import re
import shutil
import subprocess
import sysconfig
import tempfile
import unittest
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("SOPBOOK_BIN", ROOT / ".build" / "debug" / "sopbook"))
ACTION = ROOT / "action.yml"
ACTION_REF = re.compile(r"^sopbook/sopbook@")

# `${{ … }}` is replaced by this variable before shellcheck reads a script: the runner splices the
# expression's text in, so an unquoted expression is an unquoted expansion.
PLACEHOLDER = "${GHA_EXPR}"
EXPRESSION = re.compile(r"\$\{\{.*?\}\}", re.S)
# Contexts a pull request's author (or the caller of the action) controls: spliced into a script, they run.
INJECTABLE = re.compile(r"\$\{\{[^}]*?\b(inputs\.|github\.event\.|github\.head_ref)", re.S)


def tool(name):
    """The command `name`, from PATH or from the scripts folders pip installs into (user site or venv)."""
    found = shutil.which(name)
    if found:
        return found
    for scheme in {sysconfig.get_default_scheme(), sysconfig.get_preferred_scheme("user")}:
        candidate = Path(sysconfig.get_path("scripts", scheme)) / name
        if candidate.exists():
            return str(candidate)
    return None


CHECK_JSONSCHEMA = tool("check-jsonschema")
SHELLCHECK = tool("shellcheck")
ACTIONLINT = shutil.which("actionlint")


def load(path):
    # YAML 1.2, as GitHub and GitLab read it: `on:` stays the string "on".
    return YAML(typ="safe", pure=True).load(Path(path).read_text(encoding="utf-8"))


def schema_problems(path, schema):
    """check-jsonschema's complaint about `path`, or None when it validates."""
    r = subprocess.run([CHECK_JSONSCHEMA, "--builtin-schema", schema, str(path)], capture_output=True, text=True)
    return None if r.returncode == 0 else (r.stdout + r.stderr)


def shellcheck_problems(script, shell):
    """shellcheck's findings (every severity, style included) on `script`, or None."""
    text = EXPRESSION.sub(PLACEHOLDER, script)
    r = subprocess.run([SHELLCHECK, f"--shell={shell}", "--severity=style", "-"], input=text, capture_output=True, text=True)
    return None if r.returncode == 0 else r.stdout + r.stderr


def github_steps(doc):
    """(where, step, default shell) for every step of a workflow or of a composite action."""
    if "runs" in doc:
        for i, step in enumerate(doc["runs"].get("steps") or []):
            yield f"runs.steps[{i}]", step, None
        return
    default = ((doc.get("defaults") or {}).get("run") or {}).get("shell")
    for name, job in (doc.get("jobs") or {}).items():
        job_default = ((job.get("defaults") or {}).get("run") or {}).get("shell", default)
        for i, step in enumerate(job.get("steps") or []):
            yield f"jobs.{name}.steps[{i}]", step, job_default


def github_scripts(doc):
    """(where, code, language) of every script: `run:` in bash or sh, and actions/github-script's `script:`."""
    for where, step, default in github_steps(doc):
        if "run" in step:
            shell = step.get("shell") or default or "bash"
            yield where, step["run"], shell.split()[0]
        if str(step.get("uses", "")).startswith("actions/github-script@"):
            yield where, (step.get("with") or {}).get("script", ""), "javascript"


def gitlab_scripts(doc):
    """(job, script) for every job: its before_script (its own, an extended job's, or the default's)
    followed by its script, as the runner runs them in one shell."""
    def flatten(lines):
        for line in lines or []:
            if isinstance(line, list):
                yield from flatten(line)
            else:
                yield str(line)

    def inherited(job, key, seen=()):
        if key in job:
            return job[key]
        extends = job.get("extends")
        for parent in ([extends] if isinstance(extends, str) else extends or []):
            if parent in doc and parent not in seen:
                found = inherited(doc[parent], key, seen + (parent,))
                if found is not None:
                    return found
        return (doc.get("default") or {}).get(key)

    for name, job in doc.items():
        if isinstance(job, dict) and "script" in job:
            lines = list(flatten(inherited(job, "before_script"))) + list(flatten(job["script"]))
            yield name, "\n".join(lines) + "\n"


def injection_problems(doc):
    return [f"{where}: {m.group(0)}" for where, code, _ in github_scripts(doc) for m in INJECTABLE.finditer(code)]


def action_inputs():
    return set((load(ACTION).get("inputs") or {}).keys())


def undeclared_inputs(text, declared):
    used = set(re.findall(r"\binputs\.([A-Za-z_][A-Za-z0-9_-]*)", text))
    return sorted(used - declared)


def unknown_step_ids(doc):
    """`steps.X` references that name no step id: per job in a workflow, in the whole file for an action
    (its outputs read the steps' outputs)."""
    if "runs" in doc:
        groups = [("runs", doc["runs"].get("steps") or [], doc)]
    else:
        groups = [(name, job.get("steps") or [], job) for name, job in (doc.get("jobs") or {}).items()]
    problems = []
    for name, steps, scope in groups:
        ids = {s["id"] for s in steps if "id" in s}
        refs = sorted(set(re.findall(r"\bsteps\.([A-Za-z_][A-Za-z0-9_-]*)\.", repr(scope))))
        problems += [f"{name}: steps.{ref}" for ref in refs if ref not in ids]
    return problems


def action_with_problems(doc, inputs):
    """`with:` keys given to sopbook/sopbook that action.yml does not declare."""
    return [f"{where}: {key}" for where, step, _ in github_steps(doc)
            if ACTION_REF.match(str(step.get("uses", ""))) for key in (step.get("with") or {}) if key not in inputs]


def run_init(ci, folder):
    r = subprocess.run([str(BIN), "init", "--ci", ci, str(folder)], capture_output=True, text=True)
    if r.returncode != 0:
        raise AssertionError(f"sopbook init --ci {ci} failed ({r.returncode}): {r.stderr}")
    return r


class ToolsTest(unittest.TestCase):
    longMessage = False

    def test_the_validators_are_installed(self):
        # Without them every other test here would check nothing: Scripts/install-deps.sh --test installs them.
        self.assertIsNotNone(CHECK_JSONSCHEMA, "check-jsonschema is missing: pip install -r Tests/workflows/requirements.txt")
        self.assertIsNotNone(SHELLCHECK, "shellcheck is missing: pip install -r Tests/workflows/requirements.txt")


class GeneratedFilesTest(unittest.TestCase):
    """`sopbook init --ci github|gitlab` into temporary folders, then every validator on what it wrote."""

    @classmethod
    def setUpClass(cls):
        if not BIN.exists():
            raise unittest.SkipTest(f"{BIN} is not built: run `swift build` first")
        cls.tmp = Path(tempfile.mkdtemp(prefix="sopbook-workflows-"))
        run_init("github", cls.tmp / "github")
        run_init("gitlab", cls.tmp / "gitlab")
        cls.github = sorted((cls.tmp / "github" / ".github" / "workflows").glob("*.yml"))
        cls.gitlab = cls.tmp / "gitlab" / ".gitlab-ci.yml"

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_init_writes_the_files_of_each_ci(self):
        self.assertEqual([p.name for p in self.github], ["pages.yml", "sopbook.yml"])
        self.assertTrue(self.gitlab.exists())
        self.assertFalse((self.tmp / "github" / ".gitlab-ci.yml").exists())
        self.assertFalse((self.tmp / "gitlab" / ".github").exists())

    def test_github_workflows_match_the_schema(self):
        for path in self.github:
            with self.subTest(path.name):
                self.assertIsNone(schema_problems(path, "vendor.github-workflows"))

    def test_gitlab_ci_matches_the_schema(self):
        self.assertIsNone(schema_problems(self.gitlab, "vendor.gitlab-ci"))

    def test_github_scripts_pass_shellcheck_and_splice_no_input(self):
        for path in self.github:
            doc = load(path)
            self.assertEqual(injection_problems(doc), [], path.name)
            for where, code, shell in github_scripts(doc):
                if shell in ("bash", "sh"):
                    with self.subTest(f"{path.name} {where}"):
                        self.assertIsNone(shellcheck_problems(code, shell))

    def test_gitlab_scripts_pass_shellcheck(self):
        jobs = list(gitlab_scripts(load(self.gitlab)))
        self.assertEqual({name for name, _ in jobs}, {"check", "impact", "pages"})
        for name, script in jobs:
            with self.subTest(name):
                self.assertIsNone(shellcheck_problems(script, "sh"))

    def test_gitlab_jobs_produce_the_reports_and_pages(self):
        doc = load(self.gitlab)
        reports = doc["check"]["artifacts"]["reports"]
        self.assertEqual(reports, {"junit": "sopbook-junit.xml", "codequality": "gl-code-quality-report.json"})
        self.assertEqual(doc["check"]["artifacts"]["when"], "always")
        script = "\n".join(doc["check"]["script"])
        self.assertIn("--format codeclimate --report gl-code-quality-report.json", script)
        self.assertIn("--format junit --report sopbook-junit.xml", script)
        self.assertIn('--base "$CI_MERGE_REQUEST_DIFF_BASE_SHA"', "\n".join(doc["impact"]["script"]))
        self.assertEqual(doc["pages"]["artifacts"]["paths"], ["public"])
        self.assertIn("--output public", "\n".join(doc["pages"]["script"]))

    def test_workflows_use_the_action_with_its_inputs_only(self):
        inputs = action_inputs()
        uses = 0
        for path in self.github:
            doc = load(path)
            self.assertEqual(action_with_problems(doc, inputs), [], path.name)
            self.assertEqual(unknown_step_ids(doc), [], path.name)
            uses += sum(1 for _, step, _ in github_steps(doc) if ACTION_REF.match(str(step.get("uses", ""))))
        self.assertEqual(uses, 2, "the check workflow and the Pages workflow each use the action once")

    def test_the_check_workflow_has_the_permissions_the_action_needs(self):
        doc = load(self.tmp / "github" / ".github" / "workflows" / "sopbook.yml")
        self.assertEqual(set(doc["on"]), {"pull_request", "push"})
        self.assertEqual(doc["permissions"], {"contents": "read", "pull-requests": "write", "security-events": "write", "actions": "read"})
        checkout = doc["jobs"]["check"]["steps"][0]
        self.assertEqual(checkout["with"]["fetch-depth"], 0)

    def test_the_pages_workflow_deploys_with_the_official_actions(self):
        doc = load(self.tmp / "github" / ".github" / "workflows" / "pages.yml")
        self.assertEqual(doc["permissions"], {"contents": "read", "pages": "write", "id-token": "write"})
        self.assertEqual(doc["concurrency"]["group"], "pages")
        uses = [s.get("uses", "") for job in doc["jobs"].values() for s in job["steps"]]
        for action in ("actions/configure-pages@v5", "actions/upload-pages-artifact@v3", "actions/deploy-pages@v4"):
            self.assertIn(action, uses)
        self.assertEqual(doc["jobs"]["deploy"]["environment"]["name"], "github-pages")
        build = next(s for s in doc["jobs"]["build"]["steps"] if ACTION_REF.match(s.get("uses", "")))
        upload = next(s for s in doc["jobs"]["build"]["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact"))
        self.assertEqual((build["with"]["command"], build["with"]["output"]), ("build", upload["with"]["path"]))

    def test_the_docs_show_the_files_init_writes(self):
        docs = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
        for path in self.github + [self.gitlab]:
            with self.subTest(path.name):
                self.assertTrue(path.read_text(encoding="utf-8") in docs, f"docs/ci.md does not show {path.name} as init writes it")

    def test_actionlint(self):
        if not ACTIONLINT:
            print("skipped: actionlint not installed")
            self.skipTest("skipped: actionlint not installed")
        r = subprocess.run([ACTIONLINT, *map(str, self.github)], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)


class ActionTest(unittest.TestCase):
    """The repository's own action.yml."""

    def setUp(self):
        self.doc = load(ACTION)
        self.text = ACTION.read_text(encoding="utf-8")

    def test_matches_the_schema(self):
        self.assertIsNone(schema_problems(ACTION, "vendor.github-actions"))

    def test_is_a_composite_action_with_documented_inputs(self):
        self.assertEqual(self.doc["runs"]["using"], "composite")
        for name, spec in self.doc["inputs"].items():
            self.assertTrue(spec.get("description"), name)
            self.assertIn("default", spec, name)
        for name in ("command", "content", "config", "format", "fail-on", "baseline", "output", "github-token",
                     "comment", "sarif", "swift-version"):
            self.assertIn(name, self.doc["inputs"])

    def test_uses_only_declared_inputs_and_existing_steps(self):
        self.assertEqual(undeclared_inputs(self.text, action_inputs()), [])
        self.assertEqual(unknown_step_ids(self.doc), [])

    def test_scripts_pass_shellcheck_and_splice_no_input(self):
        self.assertEqual(injection_problems(self.doc), [])
        scripts = [(w, c, s) for w, c, s in github_scripts(self.doc) if s in ("bash", "sh")]
        self.assertGreater(len(scripts), 5)
        for where, code, shell in scripts:
            with self.subTest(where):
                self.assertIsNone(shellcheck_problems(code, shell))

    def test_the_status_is_the_commands_and_comes_last(self):
        steps = self.doc["runs"]["steps"]
        names = [s.get("name", "") for s in steps]
        last = steps[-1]
        self.assertTrue(names[-1].startswith("Exit with the status"))
        self.assertEqual(last["if"], "always()")
        # The comment and the SARIF upload come before it, and run even when the check failed.
        comment = next(i for i, s in enumerate(steps) if str(s.get("uses", "")).startswith("actions/github-script@"))
        upload = next(i for i, s in enumerate(steps) if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@"))
        self.assertLess(max(comment, upload), len(steps) - 1)
        for i in (comment, upload):
            self.assertTrue(steps[i]["if"].startswith("always()"), names[i])
        self.assertIn("<!-- sopbook-impact -->", steps[comment]["with"]["script"])

    def test_the_docs_list_every_input_with_its_default(self):
        docs = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
        table = docs.split("| input | default | meaning |", 1)[1].split("\n\n", 1)[0]
        rows = re.findall(r"^\| `([^`]+)` \| ([^|]+) \|", table, re.M)
        documented = {name: cell.strip() for name, cell in rows}
        declared = {name: str(spec["default"]) for name, spec in self.doc["inputs"].items()}
        self.assertEqual(sorted(documented), sorted(declared))
        for name, default in declared.items():
            self.assertEqual(documented[name], f"`{default}`" if default else "*(empty)*", name)

    def test_the_build_is_cached_with_a_key_computed_in_a_step(self):
        cache = next(s for s in self.doc["runs"]["steps"] if str(s.get("uses", "")).startswith("actions/cache@"))
        self.assertIn("steps.key.outputs.key", cache["with"]["key"])
        # hashFiles() only sees the workspace, not the action's source.
        self.assertFalse(any("hashFiles(" in str(v) for v in cache["with"].values()))


class ValidatorsRejectBrokenFilesTest(unittest.TestCase):
    """Each validator above, shown failing on a file that is wrong: a validator that cannot fail checks nothing."""

    def write(self, name, text):
        folder = Path(tempfile.mkdtemp(prefix="sopbook-broken-"))
        self.addCleanup(shutil.rmtree, folder, True)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        return path

    def test_an_unknown_workflow_key_fails_the_schema(self):
        path = self.write("bad.yml", "on: push\njobs:\n  check:\n    runs-on: ubuntu-latest\n    stepz:\n      - run: echo hi\n")
        self.assertIsNotNone(schema_problems(path, "vendor.github-workflows"))

    def test_an_unknown_gitlab_job_key_fails_the_schema(self):
        path = self.write("bad-gitlab-ci.yml", "check:\n  image: swift:6.1\n  scripts:\n    - sopbook check\n")
        self.assertIsNotNone(schema_problems(path, "vendor.gitlab-ci"))

    def test_a_composite_step_without_shell_fails_the_schema(self):
        path = self.write("action.yml", "name: x\ndescription: x\nruns:\n  using: composite\n  steps:\n    - run: echo hi\n")
        self.assertIsNotNone(schema_problems(path, "vendor.github-actions"))

    def test_an_unquoted_variable_fails_shellcheck(self):
        self.assertIsNotNone(shellcheck_problems('dir="$1"\nrm -rf $dir/cache\n', "bash"))
        self.assertIsNone(shellcheck_problems('dir="$1"\nrm -rf "$dir/cache"\n', "bash"))

    def test_an_unquoted_expression_fails_shellcheck(self):
        self.assertIsNotNone(shellcheck_problems("cd ${{ runner.temp }}\n", "bash"))

    def test_a_gitlab_script_is_checked_with_its_before_script(self):
        doc = {".base": {"before_script": ['x="$1"']}, "job": {"extends": ".base", "script": ["rm -rf $x/cache"]}}
        [(name, script)] = list(gitlab_scripts(doc))
        self.assertEqual((name, script), ("job", 'x="$1"\nrm -rf $x/cache\n'))
        self.assertIsNotNone(shellcheck_problems(script, "sh"))

    def test_a_spliced_input_or_event_field_is_injection(self):
        doc = {"runs": {"using": "composite", "steps": [
            {"shell": "bash", "run": 'echo "${{ inputs.content }}"'},
            {"shell": "bash", "env": {"TITLE": "${{ github.event.pull_request.title }}"}, "run": 'echo "$TITLE"'},
            {"uses": "actions/github-script@v7", "with": {"script": "core.info('${{ github.event.pull_request.title }}')"}},
        ]}}
        problems = injection_problems(doc)
        self.assertEqual(len(problems), 2, problems)
        self.assertTrue(problems[0].startswith("runs.steps[0]") and problems[1].startswith("runs.steps[2]"))

    def test_an_undeclared_input_and_a_missing_step_are_found(self):
        self.assertEqual(undeclared_inputs("if: inputs.commnd == 'x' && inputs.content", {"command", "content"}), ["commnd"])
        doc = {"runs": {"using": "composite", "steps": [{"id": "run", "shell": "bash", "run": "true"},
                                                        {"if": "steps.runn.outputs.status == '1'", "shell": "bash", "run": "true"}]}}
        self.assertEqual(unknown_step_ids(doc), ["runs: steps.runn"])

    def test_a_with_key_the_action_lacks_is_found(self):
        doc = {"on": "push", "jobs": {"check": {"steps": [{"uses": "sopbook/sopbook@v1", "with": {"command": "check", "fail_on": "error"}}]}}}
        self.assertEqual(action_with_problems(doc, action_inputs()), ["jobs.check.steps[0]: fail_on"])


if __name__ == "__main__":
    unittest.main()
