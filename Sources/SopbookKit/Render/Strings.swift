/// Every interface string of the site, one table per language.
enum Strings {
    static func table(for language: String) -> [String: String] {
        language == "fr" ? french : english
    }

    static let english: [String: String] = [
        "skipToContent": "Skip to content", "siteNavigation": "Site", "home": "Home", "gapReport": "Gap report",
        "processes": "Processes", "process": "Process", "builtWith": "Built with", "breadcrumbs": "Breadcrumbs",
        "owner": "Owner", "noOwner": "No owner", "id": "Id", "lastReview": "Last review", "nextReview": "Next review",
        "overdue": "overdue", "tags": "Tags", "qualityStandards": "Quality standards", "findings": "Findings",
        "line": "line", "linkedFrom": "Linked from", "pager": "Previous and next", "coverage": "Coverage",
        "withOwner": "with an owner", "withRaci": "with complete RACI", "withQuality": "with quality standards",
        "undocumentedSteps": "undocumented steps", "status": "Status", "summary": "Summary",
        "withoutOwner": "without an owner", "brokenLinks": "broken links", "errors": "errors", "warnings": "warnings",
        "infos": "infos", "noFindings": "No findings: every process is owned, documented and linked.",
        "file": "File", "message": "Message",
        "responsible": "Responsible", "accountable": "Accountable", "consulted": "Consulted", "informed": "Informed",
        "responsibleHint": "Does the work", "accountableHint": "Answers for the outcome",
        "consultedHint": "Asked before", "informedHint": "Told after",
        "status.active": "Active", "status.draft": "Draft", "status.retired": "Retired", "general": "General",
    ]

    static let french: [String: String] = [
        "skipToContent": "Aller au contenu", "siteNavigation": "Site", "home": "Accueil", "gapReport": "Rapport des manques",
        "processes": "Processus", "process": "Processus", "builtWith": "Généré avec", "breadcrumbs": "Fil d’Ariane",
        "owner": "Responsable du processus", "noOwner": "Sans propriétaire", "id": "Identifiant", "lastReview": "Dernière revue",
        "nextReview": "Prochaine revue", "overdue": "en retard", "tags": "Étiquettes", "qualityStandards": "Standards de qualité",
        "findings": "Constats", "line": "ligne", "linkedFrom": "Cité par", "pager": "Précédent et suivant",
        "coverage": "Couverture", "withOwner": "avec un propriétaire", "withRaci": "avec un RACI complet",
        "withQuality": "avec des standards de qualité", "undocumentedSteps": "étapes non documentées", "status": "Statut",
        "summary": "Résumé", "withoutOwner": "sans propriétaire", "brokenLinks": "liens cassés", "errors": "erreurs",
        "warnings": "avertissements", "infos": "informations",
        "noFindings": "Aucun constat : chaque processus a un propriétaire, est documenté et relié.",
        "file": "Fichier", "message": "Message",
        "responsible": "Réalise", "accountable": "Approuve", "consulted": "Consulté", "informed": "Informé",
        "responsibleHint": "Fait le travail", "accountableHint": "Répond du résultat",
        "consultedHint": "Consulté avant", "informedHint": "Informé après",
        "status.active": "Actif", "status.draft": "Brouillon", "status.retired": "Retiré", "general": "Général",
    ]
}
