"""The CI report formats as their consumers read them: SARIF against a JSON schema of SARIF 2.1.0 (and
loaded by sarif-pydantic's SARIF 2.1.0 object model), JUnit as XML, GitHub workflow commands by shape."""
import json
import re
import subprocess
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

from test_site import BIN, ROOT

FIXTURE = ROOT / "Tests" / "Fixtures" / "formats" / "content"


def check(fmt: str) -> str:
    result = subprocess.run([str(BIN), "check", "--content", str(FIXTURE), "--format", fmt, "--today", "2026-11-23"],
                            cwd=FIXTURE.parent, capture_output=True, text=True)
    if result.returncode not in (0, 1):
        raise AssertionError(f"sopbook check --format {fmt} failed: {result.stderr}")
    return result.stdout


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
            self.assertRegex(c, r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=[a-z-]+::.+$")


if __name__ == "__main__":
    unittest.main()
