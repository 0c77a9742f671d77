/// The CI files `sopbook init --ci …` writes. They are written as they are (not rendered): GitHub's
/// `${{ … }}` expressions would read as Mustache tags. `Tests/workflows/` validates them against the
/// vendored schemas of GitHub and GitLab and runs shellcheck on every script; `docs/ci.md` shows them.
extension Scaffold {
    /// Which CI `init` sets up.
    public enum CI: String, Sendable, CaseIterable {
        case github, gitlab, none

        /// The files, relative to the knowledge base's folder, and their text.
        var files: [(path: String, text: String)] {
            switch self {
            case .github: [(".github/workflows/sopbook.yml", Scaffold.githubWorkflow), (".github/workflows/pages.yml", Scaffold.pagesWorkflow)]
            case .gitlab: [(".gitlab-ci.yml", Scaffold.gitlabCI)]
            case .none: []
            }
        }
    }

    static let githubWorkflow = """
    # Checks the SOPs on every pull request and every push to main, with the Sopbook action
    # (action.yml in github.com/sopbook/sopbook): a process without an owner or a broken link fails the
    # check, each finding is annotated on the pull request and listed in code scanning, and the pull
    # request gets one comment (updated on each push) saying what it changes: SOPs, roles, findings.
    name: SOPs
    on:
      pull_request:
      push:
        branches: [main]          # your default branch
    permissions:
      contents: read              # check out the repository
      pull-requests: write        # post or update the impact comment
      security-events: write      # upload the SARIF report to code scanning
      actions: read               # upload-sarif reads the run's details in a private repository
    concurrency:
      group: sopbook-${{ github.ref }}
      cancel-in-progress: true    # a new push supersedes the check of the previous one
    jobs:
      check:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
            with:
              fetch-depth: 0      # the whole history: "last changed", revisions, approvals, the impact's base
          - uses: sopbook/sopbook@v1
            with:
              command: check
              content: Content
              fail-on: error      # or warning, or never

    """

    static let pagesWorkflow = """
    # Publishes the site to GitHub Pages on every push to main. Once, in the repository's
    # Settings → Pages, set Source to "GitHub Actions".
    name: Site
    on:
      push:
        branches: [main]          # your default branch
      workflow_dispatch:
    permissions:
      contents: read              # check out the repository
      pages: write                # deploy to GitHub Pages
      id-token: write             # prove to Pages that the deployment comes from this workflow
    concurrency:
      group: pages
      cancel-in-progress: false   # let a deployment in progress finish
    jobs:
      build:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
            with:
              fetch-depth: 0      # each page's "last changed" date and revision history come from Git
          - uses: actions/configure-pages@v5
          - uses: sopbook/sopbook@v1
            with:
              command: build
              content: Content
              output: Output
              fail-on: never      # publish even with gaps: the SOPs workflow is the gate
              sarif: false
              comment: false
          - uses: actions/upload-pages-artifact@v3
            with:
              path: Output
      deploy:
        needs: build
        runs-on: ubuntu-latest
        environment:
          name: github-pages
          url: ${{ steps.deployment.outputs.page_url }}
        steps:
          - id: deployment
            uses: actions/deploy-pages@v4

    """

    static let gitlabCI = #"""
    # Checks the SOPs in every pipeline and shows each finding in the merge request (the test report and
    # the code quality widget), attaches the impact of a merge request (sopbook-impact.md), and publishes
    # the site with GitLab Pages from the default branch. See docs/ci.md of github.com/sopbook/sopbook.
    variables:
      SOPBOOK_REPOSITORY: https://github.com/sopbook/sopbook
      SOPBOOK_REF: v1             # a tag or a branch of Sopbook
      SOPBOOK_CONTENT: Content
      GIT_DEPTH: "0"              # the whole history: "last changed", revisions, approvals, the impact's base

    stages: [check, deploy]

    # One merge request pipeline for a branch with an open merge request, else a branch pipeline.
    workflow:
      rules:
        - if: $CI_PIPELINE_SOURCE == "merge_request_event"
        - if: $CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS
          when: never
        - if: $CI_COMMIT_BRANCH

    # Builds Sopbook from source once per Sopbook commit: the binary and SwiftPM's build folder are cached.
    .sopbook:
      image: swift:6.1
      cache:
        key: sopbook-swift-6.1-$SOPBOOK_REF
        paths:
          - .sopbook/
      before_script:
        - apt-get update -qq
        - DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmark-gfm-dev libcmark-gfm-extensions-dev libmimalloc-dev pkg-config git
        - |
          wanted="$(git ls-remote "$SOPBOOK_REPOSITORY" "$SOPBOOK_REF" | head -n 1 | cut -f 1)"
          if [ ! -x .sopbook/bin/sopbook ] || [ -z "$wanted" ] || [ "$(cat .sopbook/bin/commit 2>/dev/null)" != "$wanted" ]; then
            rm -rf /tmp/sopbook-source
            git clone --depth 1 --branch "$SOPBOOK_REF" "$SOPBOOK_REPOSITORY" /tmp/sopbook-source
            swift build -c release --package-path /tmp/sopbook-source --scratch-path .sopbook/build --product sopbook
            mkdir -p .sopbook/bin
            cp "$(swift build -c release --package-path /tmp/sopbook-source --scratch-path .sopbook/build --show-bin-path)/sopbook" .sopbook/bin/sopbook
            printf '%s\n' "$wanted" > .sopbook/bin/commit
          fi
        - export PATH="$PWD/.sopbook/bin:$PATH"

    check:
      extends: .sopbook
      stage: check
      rules:
        - if: $CI_PIPELINE_SOURCE == "merge_request_event"
        - if: $CI_COMMIT_BRANCH
      script:
        - sopbook check --content "$SOPBOOK_CONTENT" --format codeclimate --report gl-code-quality-report.json --fail-on never --quiet
        - sopbook check --content "$SOPBOOK_CONTENT" --format junit --report sopbook-junit.xml
      artifacts:
        when: always              # keep the reports when the check fails
        reports:
          junit: sopbook-junit.xml
          codequality: gl-code-quality-report.json

    impact:
      extends: .sopbook
      stage: check
      rules:
        - if: $CI_PIPELINE_SOURCE == "merge_request_event"
      allow_failure:
        exit_codes: [1]           # new findings: a warning here, the check job is the gate
      script:
        - git cat-file -e "$CI_MERGE_REQUEST_DIFF_BASE_SHA^{commit}" || git fetch --no-tags --depth=1 origin "$CI_MERGE_REQUEST_DIFF_BASE_SHA"
        - sopbook impact --base "$CI_MERGE_REQUEST_DIFF_BASE_SHA" --content "$SOPBOOK_CONTENT" --format markdown > sopbook-impact.md
      artifacts:
        when: always
        expose_as: SOP impact
        paths:
          - sopbook-impact.md

    pages:
      extends: .sopbook
      stage: deploy
      rules:
        - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
      script:
        - sopbook build --content "$SOPBOOK_CONTENT" --output public --fail-on never
      artifacts:
        paths:
          - public

    """#
}
