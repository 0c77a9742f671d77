require "govuk_tech_docs"

GovukTechDocs.configure(self)

# Build straight into the folder the CI job uploads.
set :build_dir, "build"
