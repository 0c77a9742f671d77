//= require govuk_tech_docs
