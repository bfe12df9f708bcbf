/// The text the seeded generator draws from: plain and international company names, sales
/// reps, products, next steps and descriptions, plus hostile strings (terminal escapes,
/// control characters, bidi overrides) that a terminal client must render safely.
enum OrgSampleText {
    static let companies = [
        "Acme Corp", "Globex Corporation", "Initech", "Umbrella Pharmaceuticals", "Stark Industries", "Wayne Enterprises",
        "Wonka Industries", "Cyberdyne Systems", "Soylent Foods", "Hooli", "Pied Piper", "Vandelay Industries",
        "Tyrell Corporation", "Massive Dynamic", "Aperture Science", "Duff Brewing", "Blue Sun Corporation",
        "Oceanic Airlines", "Dunder Mifflin Paper", "Prestige Worldwide", "Sterling Cooper", "Gekko & Co",
        "Müller & Söhne GmbH", "Société Générale d'Équipement", "Ångström Labs AB", "São Paulo Logística Ltda",
        "Zürich Rückversicherung AG", "Łódź Przemysł S.A.", "Crème Brûlée Bakeries", "Ñandú Exportaciones",
        "Αθήνα Ναυτιλιακή Α.Ε.", "Москва Логистик", "東京精密工業株式会社", "北京数据科技有限公司",
        "삼성디지털 솔루션", "大阪ロボティクス 🤖", "Café Olé ☕ Holdings", "Rocket Fuel 🚀 Inc.",
        "شركة الرياض للتقنية", "חברת תל אביב טכנולוגיות", "مؤسسة دبي للتجارة", "İstanbul Tekstil A.Ş.",
        "Hà Nội Thương Mại", "Ciência & Tecnologia Lda", "Fjällräven Outfitters", "Čapek Robotics s.r.o.",
    ]

    static let regions = ["EMEA", "APAC", "Americas", "North", "South", "Nordics", "DACH", "Benelux", "LATAM", "ANZ", "Japan", "UK&I"]

    static let products = [
        "widgets", "seat licences", "Renewal", "Upgrade", "Pilot", "Support Plan", "Rollout", "Platform Expansion",
        "サブスクリプション", "🚀 Launch Bundle", "تجديد العقد", "חידוש רישיון", "Équipement réseau",
        "Analytics Add-on", "Managed Services", "Hardware Refresh", "Training Days", "Data Migration",
    ]

    static let salesReps: [(first: String, last: String)] = [
        ("Jane", "Rep"), ("José", "García"), ("Zoë", "Ångström"), ("Søren", "Kierkegaard"), ("Mei", "Chen"),
        ("Yūki", "Tanaka"), ("Fatima", "Al-Sayed"), ("Noa", "Levi"), ("Olamide", "Adeyemi"), ("Priya", "Raman"),
        ("Łukasz", "Wójcik"), ("Chloé", "Dubois"), ("Mateus", "Conceição"), ("Siobhán", "O'Brien"), ("Dmitri", "Ivanov"),
        ("Ana", "Lúcia"), ("Kwame", "Mensah"), ("Ingrid", "Bergström"), ("Hiroshi", "Sato"), ("Leila", "Haddad"),
        ("Tomás", "Ó Súilleabháin"), ("Aarav", "Sharma"), ("Emma", "Schmidt"), ("Liam", "Murphy"), ("Sofía", "Núñez"),
    ]

    static let titles = ["Account Executive", "Senior Account Executive", "Sales Manager", "Regional Director", "Sales Engineer"]

    static let cities: [(city: String, country: String)] = [
        ("San Francisco", "USA"), ("New York", "USA"), ("London", "United Kingdom"), ("München", "Germany"),
        ("Paris", "France"), ("São Paulo", "Brazil"), ("東京", "Japan"), ("Zürich", "Switzerland"), ("Riyadh", "Saudi Arabia"),
        ("Tel Aviv", "Israel"), ("Sydney", "Australia"), ("Toronto", "Canada"), ("Kraków", "Poland"), ("Seoul", "South Korea"),
    ]

    static let nextSteps = [
        "Send proposal", "Schedule demo with IT", "Follow up after board meeting", "Waiting on legal review",
        "Negotiate discount ≤ 15 %", "Call José re: pricing", "見積書を送付する", "إرسال العرض",
        "לתאם פגישה עם המנכ\"ל", "Confirm PO number", "Security questionnaire 📋", "Renewal call — Q3",
    ]

    /// Strings that try to break a terminal: OSC title changes, SGR colours, screen clears,
    /// bells, backspaces, NUL, C1 controls, bidi overrides and zero-width characters.
    static let hostile = [
        "\u{1B}]2;pwned\u{07}",
        "\u{1B}[31mRED ALERT\u{1B}[0m",
        "\u{1B}[2J\u{1B}[Hcleared",
        "bell\u{07}\u{07} and backspace\u{08}\u{08}",
        "nul\u{0}byte",
        "invoice\u{202E}fdp.exe",
        "tab\there and\r\nnew line",
        "csi\u{9B}31m c1 control",
        "zero\u{200B}width\u{200D}joiner\u{FEFF}",
        "Z̷̢a̶l̵g̸o̴ text",
        "\u{1B}]8;;http://evil.example\u{1B}\\link\u{1B}]8;;\u{1B}\\",
        "\u{202B}مرحبا\u{202C} mixed \u{2067}עברית\u{2069}",
    ]

    /// Everyday descriptions, one line to a short paragraph.
    static let shortDescriptions: [String] = [
            "Customer wants to consolidate vendors before year end.",
            "Multi-year deal.\nDecision maker: CFO.\nCompetitor: Globex.",
            "Le client souhaite une remise de 10 % — à valider avec la direction.",
            "顧客は第3四半期に導入を希望しています。予算は承認済み。",
            "العميل مهتم بتوسيع العقد ليشمل فروع الشرق الأوسط.",
            "הלקוח מבקש הצעת מחיר מעודכנת עד סוף החודש.",
            "Emoji check: 🚀📈💼🤝 — family 👨‍👩‍👧‍👦, flag 🇯🇵, skin tone 👍🏽.",
            "Quotes \"double\" and 'single', backslash \\ and slash /, tabs\tand {braces} [brackets].",
    ]

    /// Long descriptions, 2–8 KB (built once and shared by the records that use them).
    static let longDescriptions: [String] = {
        var result: [String] = []
        let paragraph = "Discovery call covered current tooling, integration needs and rollout timing. "
            + "Stakeholders in finance and IT agree on scope; procurement wants a three-year price lock. "
            + "Risks: budget freeze in Q4, competing internal project, security review backlog. "
        result.append(String(repeating: paragraph, count: 8))
        result.append(String(repeating: paragraph + "Ünïcödé ñötés — 日本語のメモ — ملاحظات. ", count: 25))
        result.append(String(repeating: "Line of meeting notes with a long tail of detail.\n", count: 120))
        result.append(String(repeating: paragraph, count: 16))
        return result
    }()
}
