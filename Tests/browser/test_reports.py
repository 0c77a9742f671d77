"""The CI report formats as their consumers read them: SARIF against a JSON schema of SARIF 2.1.0 (and
loaded by sarif-pydantic's SARIF 2.1.0 object model), JUnit as XML, GitHub workflow commands by shape,
GitLab's code quality report against the fields GitLab documents."""
import json
import re
import subprocess
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

from test_site import BIN, ROOT

FIXTURE = ROOT / "Tests" / "Fixtures" / "formats" / "content"
RULES = ROOT / "Tests" / "Fixtures" / "rules"
OFFICIAL_SCHEMA = ROOT / "Tests" / "Resources" / "sarif-schema-2.1.0.json"
# Rules whose findings always have a known range when the parser could place them (links, keys, roles).
RANGED = {"broken-link", "broken-anchor", "unknown-field", "unknown-role", "link-outside-content"}


def check(fmt: str) -> str:
    result = subprocess.run([str(BIN), "check", "--content", str(FIXTURE), "--format", fmt, "--today", "2026-11-23"],
                            cwd=FIXTURE.parent, capture_output=True, text=True)
    if result.returncode not in (0, 1):
        raise AssertionError(f"sopbook check --format {fmt} failed: {result.stderr}")
    return result.stdout


def fixture_sarif(folder: Path) -> dict:
    args = [str(BIN), "check", "--content", str(folder / "content"), "--format", "sarif", "--today", "2026-11-23",
            "--fail-on", "never"]
    if (folder / "sopbook.yml").exists():
        args += ["--config", str(folder / "sopbook.yml")]
    result = subprocess.run(args, cwd=folder, capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(f"sopbook check on {folder.name} failed: {result.stderr}")
    return json.loads(result.stdout)


class RuleFixtureSarifTest(unittest.TestCase):
    """The SARIF of every rule fixture, against the official schema and what the diagnostics promise."""

    @classmethod
    def setUpClass(cls):
        cls.logs = {d.name: fixture_sarif(d) for d in sorted(RULES.iterdir()) if (d / "content").is_dir()}

    def results(self):
        for name, log in self.logs.items():
            for r in log["runs"][0]["results"]:
                yield name, r

    def test_every_fixture_validates_against_the_official_schema(self):
        import jsonschema
        official = json.loads(OFFICIAL_SCHEMA.read_text())
        subset = json.loads((ROOT / "Tests" / "Resources" / "sarif-2.1.0-subset.schema.json").read_text())
        for name, log in self.logs.items():
            with self.subTest(fixture=name):
                jsonschema.Draft4Validator(official, format_checker=jsonschema.FormatChecker()).validate(log)
                jsonschema.Draft7Validator(subset).validate(log)

    def test_every_did_you_mean_carries_a_fix(self):
        seen = 0
        for name, r in self.results():
            if "did you mean" not in r["message"]["text"]:
                continue
            seen += 1
            with self.subTest(fixture=name, message=r["message"]["text"]):
                self.assertTrue(r.get("fixes"), "a did-you-mean result without fixes")
                for fix in r["fixes"]:
                    for change in fix["artifactChanges"]:
                        for rep in change["replacements"]:
                            region = rep["deletedRegion"]
                            self.assertIn("endColumn", region)
                            self.assertIn(rep["insertedContent"]["text"], r["message"]["text"])
        self.assertGreaterEqual(seen, 7, "the did-you-mean fixture should yield at least 7 suggestions")

    def test_duplicate_id_names_the_other_files(self):
        found = [(n, r) for n, r in self.results() if r["ruleId"] == "duplicate-id"]
        self.assertTrue(found)
        for name, r in found:
            with self.subTest(fixture=name):
                related = r.get("relatedLocations", [])
                self.assertTrue(related)
                own = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for loc in related:
                    self.assertIn("text", loc["message"])
                    self.assertGreaterEqual(loc["physicalLocation"]["region"]["startLine"], 1)
                    # The note names another file (or the same name in another Unicode form).
                    self.assertTrue(loc["physicalLocation"]["artifactLocation"]["uri"] != own or name == "hostile")

    def test_ranged_rules_carry_an_end(self):
        for name, r in self.results():
            # The walk's findings on a symlink are about a file, not a span in one.
            if r["ruleId"] not in RANGED or "symlink" in r["message"]["text"]:
                continue
            with self.subTest(fixture=name, message=r["message"]["text"]):
                region = r["locations"][0]["physicalLocation"]["region"]
                self.assertIn("endLine", region)
                self.assertGreaterEqual((region["endLine"], region["endColumn"]), (region["startLine"], region["startColumn"]))

    def test_fingerprints_do_not_depend_on_the_line(self):
        for name, r in self.results():
            prints = r["partialFingerprints"]
            self.assertRegex(prints["sopbookFingerprint/v1"], r"^[0-9a-f]{16}$")


class ReportTest(unittest.TestCase):
    def test_sarif_validates_against_the_schema(self):
        import jsonschema
        schema = json.loads((ROOT / "Tests" / "Resources" / "sarif-2.1.0-subset.schema.json").read_text())
        document = json.loads(check("sarif"))
        jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)
        results = document["runs"][0]["results"]
        self.assertEqual({r["level"] for r in results}, {"error", "warning", "note"})
        rules = document["runs"][0]["tool"]["driver"]["rules"]
        for r in results:
            self.assertEqual(rules[r["ruleIndex"]]["id"], r["ruleId"])

    def test_schema_rejects_what_sarif_forbids(self):
        import jsonschema
        schema = json.loads((ROOT / "Tests" / "Resources" / "sarif-2.1.0-subset.schema.json").read_text())
        document = json.loads(check("sarif"))
        document["runs"][0]["results"][0]["level"] = "fatal"
        with self.assertRaises(jsonschema.ValidationError):
            jsonschema.validate(document, schema)

    def test_sarif_loads_in_an_independent_sarif_model(self):
        try:
            from sarif_pydantic import Sarif
        except ImportError:
            self.skipTest("sarif-pydantic is not installed (pip install -r Tests/browser/requirements.txt)")
        log = Sarif.model_validate_json(check("sarif"))
        self.assertEqual(log.version, "2.1.0")
        self.assertEqual(len(log.runs[0].results), 4)

    def test_junit_is_xml_with_a_failure_per_error(self):
        root = ET.fromstring(check("junit"))
        failures = root.findall(".//failure")
        self.assertEqual(len(failures), 2)
        self.assertEqual(root.get("failures"), "2")
        self.assertIn("safe&vault<1>.md", " ".join(f.get("message") for f in failures))

    def test_github_commands(self):
        lines = check("github").splitlines()
        commands = [l for l in lines if l.startswith("::")]
        self.assertEqual(len(commands), 4)
        for c in commands:
            self.assertRegex(c, r"^::(error|warning|notice) file=[^,]+,line=\d+(,endLine=\d+)?,col=\d+(,endColumn=\d+)?,title=[a-z-]+::.+$")
        self.assertTrue(any(",endLine=" in c and ",endColumn=" in c for c in commands))


class CodeClimateReportTest(unittest.TestCase):
    """`--format codeclimate` as GitLab reads it: the documented fields (Tests/Resources/gitlab-code-quality.schema.json),
    one fingerprint per issue (GitLab merges issues that share one), paths from where the command runs."""

    @classmethod
    def setUpClass(cls):
        cls.schema = json.loads((ROOT / "Tests" / "Resources" / "gitlab-code-quality.schema.json").read_text())

    def validate(self, issues):
        import jsonschema
        jsonschema.Draft7Validator(self.schema).validate(issues)
        fingerprints = [i["fingerprint"] for i in issues]
        self.assertEqual(len(fingerprints), len(set(fingerprints)), "fingerprints must be unique")

    def test_the_formats_fixture(self):
        issues = json.loads(check("codeclimate"))
        self.validate(issues)
        self.assertEqual({i["severity"] for i in issues}, {"major", "minor", "info"})
        # check() runs from the fixture's folder with --content <it>/content: paths start with content/.
        self.assertTrue(all(i["location"]["path"].startswith("content/") for i in issues), issues)

    def test_every_rule_fixture(self):
        suffixed = 0
        for folder in sorted(p for p in RULES.iterdir() if (p / "content").is_dir()):
            args = [str(BIN), "check", "--content", "content", "--format", "codeclimate", "--today", "2026-11-23",
                    "--fail-on", "never"]
            if (folder / "sopbook.yml").exists():
                args += ["--config", "sopbook.yml"]
            result = subprocess.run(args, cwd=folder, capture_output=True, text=True)
            with self.subTest(folder.name):
                self.assertEqual(result.returncode, 0, result.stderr)
                issues = json.loads(result.stdout)
                self.validate(issues)
                suffixed += sum(1 for i in issues if re.search(r"-\d+$", i["fingerprint"]))
        # Some fixtures repeat a fingerprint (two TODO steps, duplicate-id): uniqueness was tested, not assumed.
        self.assertGreater(suffixed, 0)

    def test_the_schema_rejects_what_gitlab_does_not_read(self):
        import jsonschema
        issues = json.loads(check("codeclimate"))
        for broken in ({**issues[0], "severity": "error"}, {k: v for k, v in issues[0].items() if k != "fingerprint"},
                       {**issues[0], "location": {"path": "x.md"}}):
            with self.assertRaises(jsonschema.ValidationError):
                jsonschema.validate([broken], self.schema)


class BaselineReportTest(unittest.TestCase):
    """The formats with a baseline in use: a copy of the formats fixture with a baseline of its findings,
    and one new broken link."""

    @classmethod
    def setUpClass(cls):
        import shutil
        import tempfile
        cls.tmp = Path(tempfile.mkdtemp(prefix="sopbook-baseline-"))
        shutil.copytree(FIXTURE, cls.tmp / "Content")
        subprocess.run([str(BIN), "baseline", "--today", "2026-11-23"], cwd=cls.tmp, check=True, capture_output=True)
        ops = cls.tmp / "Content" / "ops.md"
        ops.write_text(ops.read_text() + "\nSee [the new page](brand-new.md).\n")

    @classmethod
    def tearDownClass(cls):
        import shutil
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def run_check(self, fmt: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(BIN), "check", "--format", fmt, "--today", "2026-11-23"], cwd=self.tmp,
                              capture_output=True, text=True)

    def test_sarif_states_validate_against_both_schemas(self):
        import jsonschema
        result = self.run_check("sarif")
        self.assertEqual(result.returncode, 1, result.stderr)
        document = json.loads(result.stdout)
        official = json.loads(OFFICIAL_SCHEMA.read_text())
        subset = json.loads((ROOT / "Tests" / "Resources" / "sarif-2.1.0-subset.schema.json").read_text())
        jsonschema.Draft4Validator(official, format_checker=jsonschema.FormatChecker()).validate(document)
        jsonschema.Draft7Validator(subset).validate(document)
        states = [r["baselineState"] for r in document["runs"][0]["results"]]
        self.assertEqual(states.count("new"), 1)
        self.assertEqual(states.count("unchanged"), 4)

    def test_junit_fails_only_on_the_new_error(self):
        root = ET.fromstring(self.run_check("junit").stdout)
        failures = root.findall(".//failure")
        self.assertEqual(len(failures), 1)
        self.assertIn("brand-new.md", failures[0].get("message"))
        self.assertEqual(root.get("failures"), "1")
        self.assertIn("(known)", " ".join(o.text or "" for o in root.findall(".//system-out")))

    def test_github_annotates_only_the_new_finding(self):
        commands = [l for l in self.run_check("github").stdout.splitlines() if l.startswith("::")]
        self.assertEqual(len(commands), 2, commands)
        self.assertRegex(commands[0], r"^::error file=Content/ops\.md,line=\d+.*title=broken-link::broken link `brand-new\.md`")
        self.assertTrue(commands[1].startswith("::notice title=sopbook baseline::4 known findings from the baseline"))


if __name__ == "__main__":
    unittest.main()
