import DealdeckCore
import Dispatch
import Synchronization

/// Builds a seeded, deterministic org: the same seed and anchor time give the same records.
///
/// Opportunities are created in ID order over the two years before the anchor, then modified
/// at random later times. Batch "system jobs" stamp bursts of 10–500 records with one identical
/// SystemModstamp, the timestamp ties a sync engine must survive.
struct OrgGenerator {
    let configuration: EmulatorConfiguration
    let identity: OrgIdentity
    /// Generation time: every generated timestamp is before it.
    let anchor: SalesforceTimestamp

    static let pod = "5e"
    private static let day: Int64 = 86_400_000
    private static let span: Int64 = 730 * day

    /// The org's first day, which `/deleted/` reports until something is purged.
    var orgStart: SalesforceTimestamp { anchor.adding(milliseconds: -Self.span) }

    func generate() -> OrgTables {
        var random = SeededRandom(seed: configuration.seed &* 0x2545_F491_4F6C_DD1D &+ 17)
        var tables = OrgTables(earliestDeletedDateAvailable: orgStart)
        tables.users = makeUsers()
        let reps = Array(tables.users.dropFirst(2))
        tables.stages = OpportunityStageRecord.seeded(createdBy: identity.apiUser.id, at: orgStart)
        tables.accounts = makeAccounts(count: max(1, configuration.opportunities / 8), reps: reps, random: &random)
        var opportunities = makeOpportunities(accounts: tables.accounts, reps: reps, random: &random)
        applyBursts(to: &opportunities, random: &random)
        deleteSome(in: &opportunities, random: &random)
        tables.opportunities = Self.store(opportunities)
        tables.nextOpportunityNumber = configuration.opportunities + 1
        tables.rebuildIndexes()
        return tables
    }

    /// The ID of the `index`-th generated or created opportunity.
    static func opportunityID(number: Int) -> SalesforceID {
        mintID(keyPrefix: SObjectType.opportunity.keyPrefix, number: 40_000_000 + number)
    }

    private static let base62 = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// The same ID as `SalesforceID(keyPrefix:pod:number:)`, about four times faster: the
    /// digits are spelled as bytes and only the checksum is left to `SalesforceID`. Minting
    /// dominated generating a million-opportunity org.
    static func mintID(keyPrefix: String, number: Int) -> SalesforceID {
        var bytes = Array((keyPrefix + pod).utf8)
        let bodyLength = 15 - bytes.count
        var digits = [UInt8](repeating: 48, count: max(0, bodyLength))
        var remaining = max(0, number)
        for index in digits.indices.reversed() {
            digits[index] = base62[remaining % 62]
            remaining /= 62
        }
        bytes += digits
        return (try? SalesforceID(validating: String(decoding: bytes, as: UTF8.self)))
            ?? SalesforceID(keyPrefix: keyPrefix, pod: pod, number: number)
    }

    private func makeUsers() -> [UserRecord] {
        let created = orgStart
        func user(_ identity: OrgUserIdentity, title: String?) -> UserRecord {
            UserRecord(UserRecord.Fields(
                id: identity.id, username: identity.username, firstName: identity.firstName, lastName: identity.lastName,
                email: identity.email, alias: Self.alias(identity.firstName, identity.lastName), title: title,
                isActive: identity.isActive, createdDate: created, createdById: self.identity.apiUser.id,
                lastModifiedDate: created, lastModifiedById: self.identity.apiUser.id, systemModstamp: created
            ))
        }
        var users = [user(identity.apiUser, title: "System Administrator"), user(identity.integrationUser, title: "Integration")]
        for (index, rep) in OrgSampleText.salesReps.enumerated() {
            let emailName = Self.asciiFolded(rep.first + "." + rep.last)
            let rep = OrgUserIdentity(
                id: SalesforceID(keyPrefix: "005", pod: Self.pod, number: 3 + index),
                username: emailName + "@dealdeck-demo.example",
                firstName: rep.first,
                lastName: rep.last,
                email: emailName + "@dealdeck-demo.example"
            )
            users.append(user(rep, title: OrgSampleText.titles[index % OrgSampleText.titles.count]))
        }
        return users
    }

    private func makeAccounts(count: Int, reps: [UserRecord], random: inout SeededRandom) -> [AccountRecord] {
        let companies = OrgSampleText.companies
        let regions = OrgSampleText.regions
        var accounts: [AccountRecord] = []
        accounts.reserveCapacity(count)
        for index in 0..<count {
            var name = companies[index % companies.count]
            let round = index / companies.count
            if round > 0 {
                name += " " + regions[round % regions.count]
                if round >= regions.count { name += " \(round / regions.count + 1)" }
            }
            let created = orgStart.adding(milliseconds: Int64(random.next(below: Int(Self.span / 2))))
            let city = OrgSampleText.cities[random.next(below: OrgSampleText.cities.count)]
            accounts.append(
                AccountRecord(AccountRecord.Fields(
                    id: Self.mintID(keyPrefix: SObjectType.account.keyPrefix, number: 9_000_000 + index),
                    name: name,
                    type: AccountRecord.typeValues[random.next(below: AccountRecord.typeValues.count)],
                    billingCity: city.city,
                    billingCountry: city.country,
                    phone: random.chance(0.8) ? "+1 415 555 \(1000 + random.next(below: 9000))" : nil,
                    website: random.chance(0.7) ? "https://www.example-\(index).com" : nil,
                    industry: AccountRecord.industryValues[random.next(below: AccountRecord.industryValues.count)],
                    annualRevenueCents: random.chance(0.6) ? Int64(random.next(below: 500_000) + 1) * 10_000_000 : nil,
                    numberOfEmployees: random.chance(0.7) ? random.next(below: 50_000) + 5 : nil,
                    currencyIsoCode: configuration.multiCurrency ? "USD" : nil,
                    ownerId: reps[random.next(below: reps.count)].id,
                    createdDate: created,
                    createdById: identity.apiUser.id,
                    lastModifiedDate: created,
                    lastModifiedById: identity.apiUser.id,
                    systemModstamp: created
                ))
            )
        }
        return accounts
    }

    private func makeOpportunities(accounts: [AccountRecord], reps: [UserRecord], random: inout SeededRandom) -> [OpportunityRecord.Fields] {
        let count = configuration.opportunities
        var records: [OpportunityRecord.Fields] = []
        records.reserveCapacity(count)
        let slice = max(1, Self.span / Int64(max(count, 1)))
        let today = anchor.date.daysSinceEpoch
        let stages = OpportunityStageRecord.standard
        let openStages = stages.filter { !$0.isClosed }
        let closedStages = stages.filter { $0.isClosed }
        let creators = [identity.apiUser.id, identity.integrationUser.id]
        let shortDescriptions = OrgSampleText.shortDescriptions
        let longDescriptions = OrgSampleText.longDescriptions
        let currencies = OrgSchema.currencyCodes
        let quantities = [5, 10, 25, 50, 100, 250, 500, 1000, 2500]

        let ids = Self.mintOpportunityIDs(count)
        for index in 0..<count {
            let created = orgStart.adding(milliseconds: Int64(index) * slice + Int64(random.next(below: Int(slice))))
            let untilAnchor = anchor.millisecondsSinceEpoch - created.millisecondsSinceEpoch
            // Most records were last touched long after creation; a skew toward recent edits
            // keeps the last 30 days busy enough for /updated/ and delta syncs. The density of
            // sqrt(u) is bounded (at most twice the uniform one), as a real org's edit rate is:
            // a skew that diverged at "now" (1 − u²) piled thousands of a million records into
            // the last five minutes, which no org sees.
            let fraction = (Double(random.next() >> 11) / Double(1 << 53)).squareRoot()
            let lastModified = created.adding(milliseconds: Int64(Double(untilAnchor - 1) * fraction))
            var systemModstamp = lastModified
            if random.chance(0.1) {
                systemModstamp = lastModified.adding(milliseconds: min(Int64(random.next(below: 3_600_000)), anchor.millisecondsSinceEpoch - lastModified.millisecondsSinceEpoch - 1))
            }

            let closeDate = CalendarDate(daysSinceEpoch: today + random.next(below: 600) - 300)
            let stage: OpportunityStageRecord.Standard
            if closeDate.daysSinceEpoch < today - 30 && random.chance(0.8) {
                stage = closedStages[random.next(below: closedStages.count)]
            } else if random.chance(0.12) {
                stage = closedStages[random.next(below: closedStages.count)]
            } else {
                stage = openStages[random.next(below: openStages.count)]
            }

            let account: AccountRecord? = random.chance(0.06) ? nil : accounts[skewedIndex(accounts.count, &random)]
            let product = OrgSampleText.products[random.next(below: OrgSampleText.products.count)]
            var name: String
            if let account {
                name = account.name + " - " + String(quantities[random.next(below: quantities.count)]) + " " + product
            } else {
                name = "Orphan deal #" + String(index + 1) + " - " + product
            }
            var nextStep: String? = random.chance(0.6) ? OrgSampleText.nextSteps[random.next(below: OrgSampleText.nextSteps.count)] : nil
            var description: String? = nil
            if random.chance(0.7) {
                description = random.chance(0.05)
                    ? longDescriptions[random.next(below: longDescriptions.count)]
                    : shortDescriptions[random.next(below: shortDescriptions.count)]
            }
            let hostile = OrgSampleText.hostile
            if index % 97 == 7 { name = String((name + " " + hostile[(index / 97) % hostile.count]).prefix(120)) }
            if index % 89 == 5 { nextStep = hostile[(index / 89 + 3) % hostile.count] }
            if index % 83 == 3 { description = (description ?? "") + "\n" + hostile[(index / 83 + 7) % hostile.count] }

            let currency: String? = configuration.multiCurrency ? currencies[weightedCurrency(&random)] : nil
            var amount: Int64? = nil
            if !random.chance(0.05) {
                let dollars = Int64(500 * pow10(Double(random.next(below: 10_000)) / 2500))  // 500 … 5,000,000
                var cents = (dollars / 50) * 50 * 100
                if random.chance(0.2) { cents += Int64(random.next(below: 100)) }
                if currency == "JPY" { cents = (cents / 100) * 15_000 }
                amount = max(cents, 100)
            }
            let owner = reps[random.next(below: reps.count)].id
            var fields = OpportunityRecord.Fields(
                id: ids[index],
                accountId: account?.id,
                name: name,
                description: description,
                stageName: stage.label,
                amountCents: amount,
                probability: stage.probability,
                closeDate: closeDate,
                type: random.chance(0.85) ? OpportunityRecord.typeValues[random.next(below: OpportunityRecord.typeValues.count)] : nil,
                nextStep: nextStep,
                leadSource: random.chance(0.8) ? OpportunityRecord.leadSourceValues[random.next(below: OpportunityRecord.leadSourceValues.count)] : nil,
                isClosed: stage.isClosed,
                isWon: stage.isWon,
                forecastCategory: "Pipeline",
                forecastCategoryName: stage.forecastCategoryName,
                currencyIsoCode: currency,
                ownerId: owner,
                createdDate: created,
                createdById: random.chance(0.7) ? owner : creators[random.next(below: creators.count)],
                lastModifiedDate: lastModified,
                lastModifiedById: random.chance(0.8) ? owner : creators[random.next(below: creators.count)],
                systemModstamp: systemModstamp,
                lastActivityDate: random.chance(0.4) ? CalendarDate(daysSinceEpoch: lastModified.date.daysSinceEpoch) : nil
            )
            fields.forecastCategory = ForecastCategories.apiValue(forName: stage.forecastCategoryName) ?? "Pipeline"
            records.append(fields)
        }
        return records
    }

    /// The generated values as stored records, made on every core: storing a record encodes
    /// its JSON (`EncodedJSONValues`), which costs about as much as generating it.
    private static func store(_ fields: [OpportunityRecord.Fields]) -> [OpportunityRecord] {
        onEveryCore(fields.count) { range in fields[range].map(OpportunityRecord.init) }
    }

    /// IDs 1…count, minted on every core: they depend only on their number.
    private static func mintOpportunityIDs(_ count: Int) -> [SalesforceID] {
        onEveryCore(count) { range in range.map { opportunityID(number: $0 + 1) } }
    }

    /// `make` over `0..<count` in chunks run on every core, the chunks' results joined in order.
    private static func onEveryCore<Element: Sendable>(_ count: Int, _ make: @Sendable (Range<Int>) -> [Element]) -> [Element] {
        let chunk = 16_384
        let chunks = (count + chunk - 1) / chunk
        let made = Mutex([[Element]](repeating: [], count: chunks))
        DispatchQueue.concurrentPerform(iterations: chunks) { part in
            let elements = make((part * chunk)..<min(count, (part + 1) * chunk))
            made.withLock { $0[part] = elements }
        }
        return made.withLock { $0.flatMap { $0 } }
    }

    /// Stamps bursts of records with one SystemModstamp, as a batch job or a mass update would.
    /// A record only moves forward in time, so CreatedDate ≤ LastModifiedDate ≤ SystemModstamp holds.
    private func applyBursts(to records: inout [OpportunityRecord.Fields], random: inout SeededRandom) {
        let count = records.count
        guard count >= 10 else { return }
        var bursts = max(2, count * 3 / 1000)
        // One burst always lands in the last week, inside the /updated/ window.
        var recentDone = false
        while bursts > 0 {
            bursts -= 1
            let size = min(count, 10 + Int(490 * pow2(pow2(Double(random.next() >> 11) / Double(1 << 53)))))
            let stamp: SalesforceTimestamp
            if !recentDone {
                recentDone = true
                stamp = anchor.adding(milliseconds: -Int64(random.next(below: Int(7 * Self.day))) - 1)
            } else {
                stamp = orgStart.adding(milliseconds: Int64(random.next(below: Int(Self.span - 1))))
            }
            let createdBefore = records.partitioningIndex { $0.createdDate > stamp }
            guard createdBefore > 0 else { continue }
            var stamped = 0
            var attempts = 0
            while stamped < size && attempts < size * 6 {
                attempts += 1
                let index = random.next(below: createdBefore)
                if records[index].systemModstamp <= stamp {
                    records[index].systemModstamp = stamp
                    stamped += 1
                }
            }
        }
    }

    /// Puts a few records in the recycle bin, deleted within the last ten days.
    private func deleteSome(in records: inout [OpportunityRecord.Fields], random: inout SeededRandom) {
        let target = records.count / 200
        guard target > 0 else { return }
        for _ in 0..<target {
            let index = random.next(below: records.count)
            guard !records[index].isDeleted else { continue }
            let deletedAt = anchor.adding(milliseconds: -Int64(random.next(below: Int(10 * Self.day))) - 1)
            guard deletedAt > records[index].systemModstamp else { continue }
            records[index].isDeleted = true
            records[index].deletedDate = deletedAt
            records[index].systemModstamp = deletedAt
            records[index].lastModifiedDate = deletedAt
        }
    }

    private func skewedIndex(_ count: Int, _ random: inout SeededRandom) -> Int {
        // Some accounts carry many deals, most only a few.
        let uniform = Double(random.next() >> 11) / Double(1 << 53)
        return min(count - 1, Int(Double(count) * uniform * uniform))
    }

    private func weightedCurrency(_ random: inout SeededRandom) -> Int {
        let roll = random.next(below: 100)
        switch roll {
        case 0..<50: return 0
        case 50..<70: return 1
        case 70..<80: return 2
        case 80..<88: return 3
        default: return 4 + random.next(below: OrgSchema.currencyCodes.count - 4)
        }
    }

    private func pow2(_ value: Double) -> Double { value * value }

    private func pow10(_ exponent: Double) -> Double {
        var result = 1.0
        var remaining = exponent
        while remaining >= 1 { result *= 10; remaining -= 1 }
        // 10^x for the fractional part via e^(x ln 10), kept Foundation-free.
        let x = remaining * 2.302_585_092_994_046
        var term = 1.0
        var sum = 1.0
        for n in 1..<20 { term *= x / Double(n); sum += term }
        return result * sum
    }

    static func alias(_ first: String, _ last: String) -> String {
        String((asciiFolded(String(first.prefix(1))) + asciiFolded(last)).lowercased().prefix(8))
    }

    /// A lower-case ASCII spelling for e-mail addresses (`Zoë Ångström` → `zoe.angstrom`).
    static func asciiFolded(_ text: String) -> String {
        let folds: [Character: String] = [
            "á": "a", "à": "a", "â": "a", "ä": "a", "å": "a", "ã": "a", "Å": "a", "Á": "a",
            "é": "e", "è": "e", "ê": "e", "ë": "e", "í": "i", "ï": "i", "ó": "o", "ö": "o", "ø": "o", "Ó": "o",
            "ú": "u", "ü": "u", "ū": "u", "ñ": "n", "ç": "c", "ł": "l", "Ł": "l", "ß": "ss",
        ]
        var result = ""
        for character in text.lowercased() {
            if let fold = folds[character] {
                result += fold
            } else if character.isASCII, character.isLetter || character == "." {
                result.append(character)
            }
        }
        return result
    }
}
