package org.leakscope.generate;

/** The word pools the bluebleed profile builds names, subjects and bodies from. */
final class Words {
  private Words() {}

  static final String[] FIRST = {
    "Ana", "Bob", "Carla", "David", "Elena", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kofi", "Lena", "Marco",
    "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tariq", "Uma", "Victor", "Wen", "Ximena", "Yusuf",
    "Zoe", "Jürgen", "Søren", "Zoltán", "Łukasz", "Ngozi", "Mei", "Raúl", "Aoife", "Björn", "Chloé", "Dmitri",
    "Esra", "Fatima", "Gustavo", "Hannah", "Ivan", "Julia", "Kenji", "Laila", "Mateo", "Nina", "Oskar", "Paula",
    "Rahul", "Sara", "Tomás", "Ulla", "Vera", "Wanjiru", "Yara", "Zainab", "Anders", "Beatriz", "Chen"
  };

  static final String[] LAST = {
    "Ruiz", "Smith", "Müller", "Okafor", "Tanaka", "Rossi", "Dubois", "Kowalski", "Nguyen", "Haddad", "Silva",
    "Jensen", "Schmidt", "Patel", "Kim", "García", "Novak", "Larsen", "Ivanova", "Mensah", "Costa", "Fischer",
    "Yilmaz", "Andersson", "Brown", "Wang", "Lopez", "Moreau", "Bianchi", "Kaur", "Sato", "Nowak", "Hansen",
    "Petrov", "Adeyemi", "Ferreira", "Weber", "Demir", "Lindqvist", "Taylor", "Zhang", "Martinez", "Lefebvre",
    "Romano", "Singh", "Suzuki", "Horvat", "Berg", "Popescu", "Owusu", "Almeida", "Wagner", "Kaya", "Nilsson",
    "Wilson", "Li", "Hernández", "Girard", "Greco", "Sharma"
  };

  static final String[] STEMS = {
    "Contoso", "Fabrikam", "Northwind", "Tailspin", "Woodgrove", "Litware", "Adatum", "Proseware", "Lucerne",
    "Wingtip", "Fourth Coffee", "Alpine Ski", "Blue Yonder", "Coho", "Trey", "Humongous", "Margie", "Relecloud",
    "Southridge", "VanArsdel", "Wide World", "Graphic Design", "Consolidated", "City Power", "Bellows", "Lamna",
    "Nod", "Datum", "Tully", "Baldwin", "Kestrel", "Orchid", "Quarry", "Meridian", "Harbor", "Summit", "Cobalt",
    "Granite", "Juniper", "Lattice", "Nimbus", "Pioneer", "Redwood", "Sterling", "Topaz", "Vertex", "Willow",
    "Zephyr", "Aurora", "Beacon", "Cascade", "Delta", "Evergreen", "Falcon", "Helix", "Ionic", "Keystone",
    "Lumen", "Mosaic", "Northstar"
  };

  static final String[] SECTORS = {
    "Systems", "Solutions", "Consulting", "Logistics", "Software", "Networks", "Partners", "Digital", "Analytics",
    "Cloud", "Services", "Technologies", "Group", "Labs", "Industries", "Data", "Security", "Media", "Energy",
    "Health"
  };

  static final String[] VOCAB = {
    "the", "project", "deadline", "budget", "contract", "renewal", "license", "seats", "migration", "tenant",
    "subscription", "invoice", "order", "quote", "statement", "work", "proof", "execution", "partner", "portal",
    "customer", "rollout", "pilot", "phase", "milestone", "review", "approval", "sign", "off", "pricing",
    "discount", "support", "ticket", "escalation", "outage", "backup", "storage", "compute", "network", "region",
    "deployment", "training", "workshop", "onboarding", "security", "audit", "compliance", "policy", "data",
    "report", "forecast", "quarter", "revenue", "margin", "pipeline", "opportunity", "stakeholder", "meeting",
    "agenda", "minutes", "action", "items", "follow", "up", "schedule", "call", "next", "week", "Monday",
    "Tuesday", "Friday", "please", "confirm", "attached", "draft", "version", "final", "update", "status",
    "blocked", "pending", "resolved", "scope", "change", "request", "estimate", "hours", "resources", "team",
    "lead", "engineer", "architect", "manager", "director", "finance", "legal", "procurement", "vendor",
    "reseller", "distributor", "volume", "tier", "credit", "balance", "payment", "terms", "net", "thirty", "days",
    "shipment", "delivery", "warehouse", "hardware", "appliance", "firmware", "patch", "release", "notes",
    "known", "issue", "workaround", "root", "cause", "analysis", "incident", "impact", "severity", "priority",
    "dashboard", "metrics", "usage", "consumption", "growth", "target", "goal", "plan", "strategy", "roadmap",
    "feature", "preview", "general", "availability", "integration", "connector", "interface", "endpoint",
    "credentials", "access", "role", "permission", "group", "directory", "identity", "federation", "domain",
    "certificate", "renewed", "expired", "reminder", "overdue", "reconciliation", "spreadsheet", "figures",
    "numbers", "totals", "summary", "overview", "proposal", "offer", "bid", "tender", "award", "kickoff",
    "handover", "closure", "lessons", "learned", "feedback", "survey", "satisfaction", "renewal", "churn", "risk",
    "mitigation", "owner", "due", "date", "tomorrow", "today", "morning", "afternoon", "evening", "asap", "thanks",
    "regards", "best", "cheers", "kindly", "note", "also", "however", "therefore", "meanwhile", "additionally",
    "we", "you", "they", "our", "your", "their", "will", "can", "should", "must", "need", "have", "been", "is",
    "are", "was", "were", "to", "for", "with", "on", "in", "at", "by", "of", "and", "or", "but", "not", "this",
    "that", "these", "those", "all", "some", "any", "each", "every", "more", "less", "new", "old", "first",
    "second", "third", "last", "current", "previous", "upcoming", "revised", "agreed", "proposed", "expected"
  };

  static final String[] TOPICS = {
    "SOW", "PoE", "quote", "renewal", "license true-up", "migration plan", "pilot results", "invoice",
    "purchase order", "support case", "QBR", "pricing update", "partner agreement", "deal registration",
    "onboarding", "escalation", "security review", "training session", "forecast", "rebate claim"
  };
}
