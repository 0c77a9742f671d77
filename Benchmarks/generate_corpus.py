#!/usr/bin/env python3
"""Generate a synthetic but realistic Sopbook corpus for benchmarks.

    python3 Benchmarks/generate_corpus.py OUT_DIR N [--seed S]

Writes N Standard Operating Procedures (Markdown + YAML front matter, see
shared/SPEC.md) into OUT_DIR, and nothing else. The output is deterministic:
the same N and seed always give byte-identical files (only the Python standard
library is used, every random choice comes from a `random.Random` seeded with a
string, which Python hashes with SHA-512, and no set or dict order is relied
on).

Layout: OUT_DIR/<area>/<topic>[-k]/<slug>.md, with areas such as finance/ and
hr/, and enough leaf folders that none holds more than about 150 files.

Each file has the fields of the spec (title, owner, summary, status, tags,
raci, quality, review), a Purpose section, a Steps section with 5-15 numbered
steps (bold leads, inline code), a GFM table, a task list, and 2-5 links to
other generated SOPs: relative `.md` links (some with a `#step-N` or heading
anchor that exists in the target) and `[[wiki/id]]` links.

About 2% of the files carry one deliberate defect so that `sopbook check` has
work: missing or empty owner, broken link, broken anchor, a TODO step, an
unknown front matter field, or a RACI with two accountables. The defect of
every file is chosen from its own seed, so the share is stable.
"""

import argparse
import datetime
import os
import posixpath
import random
import sys

MAX_PER_FOLDER = 150
DEFECT_RATE = 0.02
OVERDUE_RATE = 0.05
REFERENCE_TODAY = datetime.date(2026, 11, 1)

# area -> (topics, roles, tools, nouns)
AREAS = [
    ("finance",
     ["payables", "receivables", "payroll", "tax", "treasury", "close"],
     ["Finance Lead", "Accountant", "Controller", "Payroll Specialist", "Chief Financial Officer", "Credit Controller"],
     ["Xero", "Dext", "the bank portal", "the credit control sheet", "A2X", "the budget workbook"],
     ["supplier invoice", "expense claim", "payment run", "VAT return", "bank reconciliation", "credit note",
      "purchase ledger", "payroll batch", "cash forecast", "aged debt report", "fixed asset register",
      "intercompany charge", "petty cash float", "customer refund"]),
    ("hr",
     ["recruiting", "onboarding", "benefits", "leave", "performance", "offboarding"],
     ["HR Lead", "Hiring Manager", "People Partner", "Recruiter", "Line Manager", "Payroll Specialist"],
     ["BambooHR", "the HR shared drive", "Greenhouse", "the leave calendar", "DocuSign", "the people handbook"],
     ["job posting", "interview loop", "employment contract", "right-to-work check", "probation review",
      "leave request", "pension enrolment", "training record", "exit interview", "salary review",
      "reference check", "grievance case", "sick leave record", "relocation package"]),
    ("operations",
     ["warehouse", "shipping", "inventory", "returns", "fleet", "production"],
     ["Operations Lead", "Warehouse Lead", "Warehouse Operator", "Production Planner", "Fleet Coordinator", "Logistics Clerk"],
     ["ShipStation", "the WMS", "the handheld scanner", "Palletways", "the stock sheet", "the production board"],
     ["inbound delivery", "pallet shipment", "cycle count", "stock transfer", "returned parcel", "pick list",
      "damage claim", "van inspection", "work order", "bin relocation", "carrier booking", "batch record",
      "goods-in check", "dispatch manifest"]),
    ("sales",
     ["leads", "quotes", "accounts", "contracts", "pricing", "partners"],
     ["Sales Lead", "Account Manager", "Sales Development Rep", "Sales Operations Analyst", "Partner Manager", "Founder"],
     ["HubSpot", "the price book", "PandaDoc", "the CRM", "the deal desk sheet", "LinkedIn Sales Navigator"],
     ["inbound lead", "trade quote", "B2B account", "framework agreement", "price change", "discount request",
      "partner referral", "sample order", "renewal", "pipeline review", "credit limit", "trade show contact",
      "tender response", "commission statement"]),
    ("support",
     ["tickets", "refunds", "escalations", "knowledge", "sla", "feedback"],
     ["Support Lead", "Support Agent", "Customer Success", "Quality Analyst", "Escalation Manager", "Knowledge Editor"],
     ["Zendesk", "the macro library", "the help centre", "Shopify", "the status page", "Aircall"],
     ["customer ticket", "refund request", "warranty claim", "chargeback", "complaint", "help article",
      "satisfaction survey", "priority incident", "phone callback", "order amendment", "delivery query",
      "VIP request", "macro update", "feedback digest"]),
    ("it",
     ["access", "devices", "backups", "incidents", "software", "network"],
     ["IT Lead", "Systems Administrator", "Service Desk Analyst", "Security Officer", "Network Engineer", "Operations Lead"],
     ["Okta", "Jamf", "the asset register", "1Password", "Google Workspace", "the backup console"],
     ["user account", "laptop", "access review", "backup restore", "software licence", "VPN profile",
      "password reset", "patch window", "printer", "Wi-Fi network", "mailbox", "shared drive",
      "mobile device", "service outage"]),
    ("legal",
     ["contracts", "privacy", "compliance", "ip", "disputes", "policies"],
     ["General Counsel", "Legal Counsel", "Data Protection Officer", "Compliance Officer", "Founder", "Contract Manager"],
     ["the contract repository", "the data map", "the policy portal", "Ironclad", "the matter log", "the DPIA template"],
     ["non-disclosure agreement", "data subject request", "supplier contract", "trademark filing",
      "policy update", "breach notification", "processing record", "legal hold", "contract renewal",
      "cookie audit", "terms of sale", "power of attorney", "regulatory filing", "litigation notice"]),
    ("procurement",
     ["suppliers", "purchase-orders", "tenders", "catalogue", "audits", "spend"],
     ["Procurement Lead", "Buyer", "Category Manager", "Accountant", "Operations Lead", "Supplier Quality Engineer"],
     ["Procurify", "the supplier list", "the tender portal", "the catalogue sheet", "Xero", "the spend cube"],
     ["new supplier", "purchase order", "request for quotation", "supplier audit", "catalogue item",
      "price increase", "blanket order", "goods receipt", "supplier scorecard", "sole-source justification",
      "contract extension", "spend report", "supplier exit", "sample approval"]),
    ("marketing",
     ["campaigns", "content", "events", "brand", "social", "analytics"],
     ["Marketing Lead", "Content Editor", "Brand Designer", "Social Media Manager", "Events Coordinator", "Growth Analyst"],
     ["Mailchimp", "Figma", "the content calendar", "Google Analytics", "Buffer", "the brand kit"],
     ["email campaign", "blog post", "trade show booth", "press release", "product photo shoot",
      "social post", "newsletter", "landing page", "brand asset", "campaign report", "webinar",
      "influencer brief", "case study", "ad budget"]),
    ("facilities",
     ["office", "maintenance", "safety", "cleaning", "visitors", "energy"],
     ["Facilities Manager", "Office Manager", "Health and Safety Officer", "Maintenance Technician", "Receptionist", "Operations Lead"],
     ["the facilities helpdesk", "the key register", "the visitor book", "the maintenance log", "the meter sheet", "Envoy"],
     ["fire drill", "visitor badge", "desk move", "boiler service", "first aid kit", "cleaning rota",
      "meeting room booking", "key handover", "meter reading", "risk assessment", "lift inspection",
      "waste collection", "parking permit", "workshop extraction check"]),
    ("quality",
     ["inspections", "nonconformance", "calibration", "audits", "capa", "documents"],
     ["Quality Manager", "Quality Inspector", "Production Planner", "Supplier Quality Engineer", "Operations Lead", "Document Controller"],
     ["the QMS", "the inspection app", "the calibration register", "the CAPA log", "the document index", "the defect board"],
     ["first article inspection", "nonconformance report", "gauge calibration", "internal audit",
      "corrective action", "controlled document", "customer complaint", "process change", "batch release",
      "finish sample", "supplier deviation", "management review", "rework order", "quarantine tag"]),
    ("security",
     ["access-control", "incidents", "vulnerabilities", "awareness", "keys", "vendors"],
     ["Security Officer", "IT Lead", "Systems Administrator", "Facilities Manager", "General Counsel", "Security Analyst"],
     ["the SIEM", "the vulnerability scanner", "the badge system", "KnowBe4", "the vendor register", "1Password"],
     ["badge request", "security incident", "phishing report", "vulnerability ticket", "key rotation",
      "vendor assessment", "penetration test", "CCTV request", "privileged access", "lost device",
      "awareness course", "firewall change", "encryption key", "access revocation"]),
]

VERBS = ["Approve", "Review", "Prepare", "Reconcile", "Submit", "Escalate", "Archive", "Record", "Schedule",
         "Audit", "Close", "Renew", "Update", "Register", "Validate", "Process", "Handle", "Plan", "Track",
         "Publish", "Cancel", "Check", "Request", "Investigate"]
QUALIFIERS = ["a", "the monthly", "an urgent", "a new", "the quarterly", "a disputed", "the annual",
              "a recurring", "a high-value", "an overseas", "the weekly", "a late"]
LEAD_VERBS = ["Open", "Check", "Confirm", "Record", "Send", "Attach", "Review", "Ask", "Update", "Archive",
              "Compare", "Agree", "Book", "Prepare", "Sign off", "Close", "Notify", "Escalate", "File",
              "Reconcile", "Schedule", "Photograph", "Label", "Measure", "Verify"]
LEAD_OBJECTS = ["the request", "the form", "the checklist", "the record", "the approval", "the numbers",
                "the evidence", "the owner", "the deadline", "the handover", "the summary", "the exceptions",
                "the history", "the thresholds", "the documents", "the audit trail"]
CHANNELS = ["#ops", "#finance", "#people", "#sales", "#support", "#it-help", "#legal", "#buying",
            "#marketing", "#facilities", "#quality", "#security"]
TIMES = ["09:00", "10:30", "12:00", "13:00", "14:00", "15:30", "16:00", "17:00"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
PEOPLE = ["Zoë Martin", "Amir Haddad", "Léa Dubois", "Tomás Ortega", "Priya Nair", "Jonas Berg",
          "Chloé Lefèvre", "Kwame Mensah", "Ines Costa", "Mateusz Nowak", "Aoife Byrne", "Sven Larsen"]
EVERY = ["6 months", "1 year", "3 months", "90 days", "6 weeks", "1 year", "6 months", "12 months"]
EVERY_DAYS = {"6 weeks": 42, "90 days": 90, "3 months": 89, "6 months": 181, "1 year": 365, "12 months": 365}
TAG_POOL = ["customers", "compliance", "monthly", "weekly", "onboarding", "approvals", "audit", "suppliers",
            "safety", "reporting", "cash", "data", "training", "handover", "risk", "quality", "b2b", "retail"]

PURPOSE = [
    "Without a fixed routine the {noun} is handled differently by every {role}, and mistakes reach the customer before anyone notices.",
    "We are a small team, so a {noun} that waits a week costs us real money and goodwill.",
    "This procedure makes sure that every {noun} is complete, approved by the right person and recorded in {tool} the same day.",
    "Auditors, new hires and the {role} all need to find the same answer to \"how do we handle a {noun} here\".",
    "Doing it the same way each time keeps the figures comparable month to month and makes exceptions easy to spot.",
    "The cost of a mistake here is high: a missed deadline, a lost record, or a {noun} that nobody owns.",
    "The {role} relies on this being done on time to plan the rest of the week.",
    "Keeping the evidence in {tool} means nobody has to dig through e-mail when a question comes back months later.",
]
WHEN = [
    "Use this procedure for every {noun}, whoever raised it, and before anything is promised to a customer or a supplier.",
    "Start as soon as a {noun} arrives in {tool}, or when the {role} asks for it in the {channel} channel.",
    "It applies on every site and to every team; a one-off exception needs the written agreement of the {role}.",
    "Run it on the first {day} of each month, and again whenever a {noun} is flagged as urgent.",
]
STEP_SENTENCES = [
    "Use {tool} and write the reference `{code}` in the notes field.",
    "The {role} checks the result within {n} business days and replies in the {channel} channel.",
    "If anything is unclear, ask the {role2} before going further; never guess.",
    "Anything above {money} needs the written approval of the {role2}.",
    "Save the evidence as `{file}` in the shared folder for {area}.",
    "Set the status to `{status}` so that the next person sees where it stands.",
    "This normally takes about {n} minutes; block the time in your calendar.",
    "Do it before {time} on {day}, otherwise it waits until the next run.",
    "Copy the {role2} on the message so there are no surprises later.",
    "Compare the figures with last month and explain any difference over {pct}%.",
    "When the {noun} is incomplete, send it back with a short note saying exactly what is missing.",
    "Record who did it and when, in {tool}, not in a private spreadsheet.",
    "Attach the signed copy; a photo of the paper form is acceptable.",
    "Keep the original for {n} years, as required by our retention policy.",
    "For customers outside the UK, check the currency and the tax treatment twice.",
    "The checklist pinned in {tool} lists the usual traps; read it the first few times.",
]
STATUS_WORDS = ["pending", "approved", "in_review", "on_hold", "done", "rejected", "waiting_customer"]
QUALITY_STRINGS = [
    "Every {noun} is processed within {n} business days",
    "No {noun} is closed without evidence attached in {tool}",
    "Exceptions are reported to the {role} the same day",
    "The {noun} log is complete at every month end",
    "Customers get a first answer within {n} hours",
]
QUALITY_MAPS = [
    ("{Noun} accuracy", "{noun}s corrected after approval, per 100", "< {n}"),
    ("Timeliness", "share of {noun}s completed on time", "> 9{n}%"),
    ("Rework", "{noun}s sent back for missing information", "< {n}%"),
    ("Backlog", "open {noun}s older than {n} days", "0"),
]
TABLE_HEADS = [
    ("Situation", "What to do", "Who"),
    ("Threshold", "Approval", "Notes"),
    ("Day", "Action", "Owner"),
    ("Field", "Where to find it", "Example"),
]
CHECKS = [
    "Reference number recorded in {tool}",
    "Evidence attached and readable",
    "The {role} copied on the final message",
    "Figures match the source document",
    "Deadline written in the shared calendar",
    "Customer or supplier told the outcome",
    "Old version archived, not deleted",
    "Exceptions listed in the {channel} weekly thread",
]
PLACEHOLDER_STEPS = ["TODO: describe how the {noun} is signed off.", "TBD", "FIXME: check with the {role} what happens here.",
                     "Escalation path to be documented."]
DEFECTS = ["missing-owner", "empty-owner", "broken-link", "broken-anchor", "todo-step", "unknown-field",
           "raci-two-accountable"]


def slugify(text):
    out = []
    for ch in text.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


def yaml_list(items):
    return "[" + ", ".join(items) + "]"


class Proc:
    __slots__ = ("index", "area", "folder", "slug", "title", "noun", "steps", "roles", "tools", "defect")


def plan(n, seed):
    """First pass: folders, titles, slugs and step counts of every SOP."""
    areas = len(AREAS)
    topics = len(AREAS[0][1])
    folder_count = max(-(-n // MAX_PER_FOLDER), min(n // 10, 24), 1)
    folders = []
    for k in range(folder_count):
        a = k % areas
        t = (k // areas) % topics
        rnd = k // (areas * topics)
        name = AREAS[a][1][t] + ("" if rnd == 0 else "-%d" % (rnd + 1))
        folders.append((a, AREAS[a][0] + "/" + name))
    used = {}
    procs = []
    for i in range(n):
        rng = random.Random("%s/%d/plan" % (seed, i))
        a, folder = folders[i % folder_count]
        area, _topics, roles, tools, nouns = AREAS[a]
        noun = rng.choice(nouns)
        title = "%s %s %s" % (rng.choice(VERBS), rng.choice(QUALIFIERS), noun)
        base = slugify(title)
        slug = base
        taken = used.setdefault(folder, {})
        k = 2
        while slug in taken:
            slug = "%s-%d" % (base, k)
            k += 1
        taken[slug] = True
        p = Proc()
        p.index, p.area, p.folder, p.slug, p.title, p.noun = i, area, folder, slug, title, noun
        p.steps = rng.randint(5, 15)
        p.roles, p.tools = roles, tools
        p.defect = rng.choice(DEFECTS) if rng.random() < DEFECT_RATE else None
        procs.append(p)
    by_folder = {}
    by_area = {}
    for p in procs:
        by_folder.setdefault(p.folder, []).append(p)
        by_area.setdefault(p.area, []).append(p)
    return procs, by_folder, by_area


def path_of(p):
    return p.folder + "/" + p.slug + ".md"


def ident(p):
    return p.folder + "/" + p.slug


class Writer:
    def __init__(self, p, rng):
        self.p = p
        self.rng = rng

    def fill(self, template, **extra):
        r = self.rng
        p = self.p
        values = {
            "noun": p.noun, "Noun": p.noun[0].upper() + p.noun[1:],
            "role": r.choice(p.roles), "role2": r.choice(p.roles), "tool": r.choice(p.tools),
            "channel": r.choice(CHANNELS), "day": r.choice(DAYS), "time": r.choice(TIMES),
            "n": r.randint(2, 9), "pct": r.choice([2, 5, 10, 15]), "money": "£%d" % r.choice([250, 500, 1000, 5000]),
            "code": "%s-%d-%04d" % (p.area[:3].upper(), r.choice([2025, 2026]), r.randint(1, 9999)),
            "file": "%s-%s.pdf" % (p.slug[:24].rstrip("-"), r.choice(["evidence", "signed", "export", "checklist"])),
            "status": r.choice(STATUS_WORDS), "area": p.area,
        }
        values.update(extra)
        return template.format(**values)


def link_markdown(src, dst, rng, label=None):
    """A relative `.md` link or a wiki link from src to dst, sometimes with an existing anchor."""
    label = label or dst.title[0].lower() + dst.title[1:]
    roll = rng.random()
    frag = ""
    if roll < 0.35:
        frag = "#step-%d" % rng.randint(1, dst.steps)
    elif roll < 0.45:
        frag = rng.choice(["#purpose", "#steps", "#quality-checks", "#when-to-use"])
    if rng.random() < 0.3:
        form = rng.random()
        if form < 0.4:
            return "[[%s%s]]" % (ident(dst), frag)
        return "[[%s%s|%s]]" % (ident(dst), frag, label)
    rel = posixpath.relpath(path_of(dst), posixpath.dirname(path_of(src)))
    return "[%s](%s%s)" % (label, rel, frag)


def pick_targets(p, procs, by_folder, by_area, rng):
    want = rng.randint(2, 5)
    out = []
    tries = 0
    while len(out) < want and tries < 40:
        tries += 1
        roll = rng.random()
        if roll < 0.5:
            pool = by_folder[p.folder]
        elif roll < 0.75:
            pool = by_area[p.area]
        else:
            pool = procs
        q = pool[rng.randrange(len(pool))]
        if q is p or q in out:
            continue
        out.append(q)
    return out


def render(p, procs, by_folder, by_area, seed):
    rng = random.Random("%s/%d/body" % (seed, p.index))
    w = Writer(p, rng)
    roles = rng.sample(p.roles, 5)
    accountable, responsible = roles[0], roles[1]
    consulted = roles[2:2 + rng.randint(1, 2)]
    informed = [roles[4]] if rng.random() < 0.7 else [roles[4], "Founder" if "Founder" not in roles else "Operations Lead"]
    defect = p.defect

    fm = ["---", "title: %s" % p.title]
    if defect == "empty-owner":
        fm.append('owner: ""')
    elif defect != "missing-owner":
        fm.append("owner: %s" % accountable)
    summary = w.fill(rng.choice([
        "How we handle {noun} requests from first contact to a closed record in {tool}, and who approves what.",
        "Receive, check, approve and file every {noun} so that nothing is lost and the {role} can trust the figures.",
        "The agreed way to {verb} a {noun}, with deadlines, approval limits and the evidence we keep.",
    ]), verb=p.title.split(" ")[0].lower())
    fm.append("summary: %s" % summary)
    status = "active"
    roll = rng.random()
    if roll < 0.08:
        status = "draft"
    elif roll < 0.11:
        status = "retired"
    fm.append("status: %s" % status)
    tags = [p.area] + rng.sample(TAG_POOL, rng.randint(1, 3))
    fm.append("tags: %s" % yaml_list(tags))
    fm.append("raci:")
    fm.append("  responsible: %s" % responsible)
    fm.append("  accountable: %s" % accountable)
    if defect == "raci-two-accountable":
        fm[-1] = "  accountable: [%s, %s]" % (accountable, responsible)
    fm.append("  consulted: %s" % yaml_list(consulted))
    fm.append("  informed: %s" % yaml_list(informed))
    fm.append("quality:")
    for _ in range(rng.randint(1, 2)):
        fm.append("  - " + w.fill(rng.choice(QUALITY_STRINGS)))
    for _ in range(rng.randint(1, 2)):
        std, metric, target = rng.choice(QUALITY_MAPS)
        n = rng.randint(1, 8)
        fm.append("  - standard: %s" % w.fill(std))
        fm.append("    metric: %s" % w.fill(metric))
        fm.append('    target: "%s"' % w.fill(target, n=n))
    fm.append("review:")
    # Reviews are dated against REFERENCE_TODAY (run.sh passes it as --today): about 5% are overdue.
    every = rng.choice(EVERY)
    period = EVERY_DAYS[every]
    age = period + rng.randint(5, 60) if rng.random() < OVERDUE_RATE else rng.randint(1, period - 7)
    fm.append("  last: %s" % (REFERENCE_TODAY - datetime.timedelta(days=age)).isoformat())
    fm.append("  every: %s" % every)
    if defect == "unknown-field":
        fm.append("%s: %s" % (rng.choice(["ownr", "reviewer", "approver", "sumary"]), rng.choice(PEOPLE)))
    fm.append("---")

    targets = pick_targets(p, procs, by_folder, by_area, rng)
    links = [link_markdown(p, t, rng) for t in targets]
    if defect == "broken-link":
        links[0] = "[the old %s procedure](%s)" % (p.noun, rng.choice(
            ["retired-%s.md" % p.slug, "../missing/%s.md" % p.slug, "../%s-archive/index.md" % p.area]))
    elif defect == "broken-anchor":
        t = targets[0]
        rel = posixpath.relpath(path_of(t), posixpath.dirname(path_of(p)))
        links[0] = "[%s](%s#step-%d)" % (t.title, rel, t.steps + 10 + rng.randint(0, 9))
    in_steps = links[:rng.randint(0, min(2, len(links)))]
    in_related = links[len(in_steps):]

    body = ["", "# " + p.title, "", "## Purpose"]
    body.append(" ".join(w.fill(s) for s in rng.sample(PURPOSE, 2)))
    body += ["", "## When to use", " ".join(w.fill(s) for s in rng.sample(WHEN, rng.randint(1, 2))), "", "## Steps"]
    todo_at = rng.randint(1, p.steps) if defect == "todo-step" else 0
    link_steps = sorted(rng.sample(range(1, p.steps + 1), len(in_steps)))
    for n in range(1, p.steps + 1):
        if n == todo_at:
            body.append("%d. %s" % (n, w.fill(rng.choice(PLACEHOLDER_STEPS))))
            continue
        lead = "%s %s" % (rng.choice(LEAD_VERBS), rng.choice(LEAD_OBJECTS))
        if rng.random() < 0.75:
            lead = "**%s**" % lead
        sentences = [w.fill(s) for s in rng.sample(STEP_SENTENCES, 1 if rng.random() < 0.7 else 2)]
        text = "%d. %s: %s" % (n, lead, " ".join(sentences))
        if n in link_steps:
            text += " See %s." % in_steps[link_steps.index(n)]
        body.append(text)

    head = rng.choice(TABLE_HEADS)
    body += ["", "## " + rng.choice(["At a glance", "Limits", "Reference", "Who does what"]), "",
             "| %s | %s | %s |" % head, "|---|---|---|"]
    for _ in range(rng.randint(2, 4)):
        body.append("| %s | %s | %s |" % (
            w.fill(rng.choice(["{n} business days", "Above {money}", "A disputed {noun}", "Day {n}", "`{code}`",
                               "Urgent {noun}", "Missing evidence"])),
            w.fill(rng.choice(["Ask the {role} in {channel}", "Record it in {tool}", "Send it back with a note",
                               "Escalate to the {role}", "Approve and file", "Wait for the next run"])),
            w.fill(rng.choice(["{role}", "{role2}", "{tool}", "~~{role}~~ {role2} since 2026"]))))

    body += ["", "## Quality checks"]
    for c in rng.sample(CHECKS, rng.randint(2, 4)):
        body.append("- [%s] %s" % ("x" if rng.random() < 0.15 else " ", w.fill(c)))

    body += ["", "## Related"]
    for link in in_related:
        body.append("- %s" % link)
    body.append("- Owner on duty this quarter: %s (%s)." % (rng.choice(PEOPLE), accountable))
    if rng.random() < 0.3:
        body.append("- Vendor documentation: https://example.com/docs/%s" % p.area)
    body.append("")
    return "\n".join(fm + body)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", default="1")
    args = ap.parse_args(argv)
    if args.n < 2:
        ap.error("N must be at least 2")
    if os.path.exists(args.out_dir) and os.listdir(args.out_dir):
        ap.error("%s exists and is not empty; give a new or empty folder" % args.out_dir)
    procs, by_folder, by_area = plan(args.n, args.seed)
    total = 0
    for p in procs:
        text = render(p, procs, by_folder, by_area, args.seed).encode("utf-8")
        path = os.path.join(args.out_dir, *path_of(p).split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(text)
        total += len(text)
    defects = sum(1 for p in procs if p.defect)
    print("%d files, %d folders, %d bytes (%.0f bytes per file), %d with a deliberate defect"
          % (len(procs), len(by_folder), total, total / len(procs), defects), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
