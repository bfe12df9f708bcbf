import DealdeckCore
import Foundation
import Testing

@testable import SalesforceEmulator

/// The seeded org: realistic, deterministic, hostile where it should be.
@Suite struct OrgGenerationTests {
    static func org(_ count: Int = 4000, seed: UInt64 = 1, multiCurrency: Bool = false) -> OrgTables {
        var configuration = EmulatorConfiguration()
        configuration.opportunities = count
        configuration.seed = seed
        configuration.multiCurrency = multiCurrency
        let credentials = EmulatorCredentials.seeded(seed)
        let identity = OrgIdentity.seeded(seed, credentials: credentials)
        let anchor = SalesforceTimestamp(millisecondsSinceEpoch: 1_790_000_000_000)
        return OrgGenerator(configuration: configuration, identity: identity, anchor: anchor).generate()
    }

    @Test func sameSeedSameOrgDifferentSeedDifferentOrg() {
        let first = Self.org(500)
        let again = Self.org(500)
        let other = Self.org(500, seed: 2)
        #expect(first.opportunities == again.opportunities)
        #expect(first.accounts == again.accounts)
        #expect(first.opportunities.map(\.name) != other.opportunities.map(\.name))
    }

    @Test func fastMintingMatchesTheCoreMinting() {
        for number in [0, 1, 61, 62, 3_843, 40_000_001, 41_234_567, 9_000_000, 839_299_365_868_340_223] {
            #expect(OrgGenerator.mintID(keyPrefix: "006", number: number) == SalesforceID(keyPrefix: "006", pod: "5e", number: number))
        }
        #expect(OrgGenerator.opportunityID(number: 7) == SalesforceID(keyPrefix: "006", pod: "5e", number: 40_000_007))
    }

    @Test func tablesHaveTheExpectedShape() {
        let org = Self.org()
        #expect(org.opportunities.count == 4000)
        #expect(org.accounts.count == 500)
        #expect(org.users.count == 27)
        #expect(org.stages.count == 10)
        let identity = OrgIdentity.seeded(1, credentials: EmulatorCredentials.seeded(1))
        #expect(org.user(identity.apiUser.id)?.username == identity.apiUser.username)
        #expect(org.user(identity.integrationUser.id) != nil)
        #expect(org.users.allSatisfy { $0.email.contains("@") && $0.id.keyPrefix == "005" })
        #expect(org.opportunities.allSatisfy { $0.id.keyPrefix == "006" })
        #expect(org.accounts.allSatisfy { $0.id.keyPrefix == "001" })
        #expect(Set(org.opportunities.map(\.id)).count == 4000)
        let orphans = org.opportunities.filter { $0.accountId == nil }.count
        #expect(orphans > 100 && orphans < 500)
        #expect(org.opportunities.allSatisfy { $0.accountId.map { org.account($0) != nil } ?? true })
        #expect(org.opportunities.allSatisfy { org.user($0.ownerId) != nil })
        #expect(org.opportunities.allSatisfy { $0.currencyIsoCode == nil })
    }

    @Test func stagesDriveTheDerivedFields() {
        let org = Self.org()
        let byStage = Dictionary(grouping: org.opportunities, by: \.stageName)
        #expect(byStage.count == 10)
        for record in org.opportunities {
            let stage = OpportunityStageRecord.standard(named: record.stageName)
            #expect(stage != nil, "\(record.stageName) is a standard stage")
            #expect(record.isClosed == stage?.isClosed)
            #expect(record.isWon == stage?.isWon)
            #expect(record.probability == stage?.probability)
            #expect(record.forecastCategoryName == stage?.forecastCategoryName)
        }
        #expect(org.opportunities.first { $0.stageName == "Closed Won" }?.forecastCategory == "Closed")
        #expect(org.opportunities.first { $0.stageName == "Closed Lost" }?.forecastCategory == "Omitted")
    }

    @Test func timestampsAreOrderedAndTied() {
        let org = Self.org()
        let anchor = SalesforceTimestamp(millisecondsSinceEpoch: 1_790_000_000_000)
        let twoYears = anchor.adding(milliseconds: -731 * 86_400_000)
        for record in org.opportunities {
            #expect(record.createdDate <= record.lastModifiedDate)
            #expect(record.lastModifiedDate <= record.systemModstamp)
            #expect(record.systemModstamp < anchor)
            #expect(record.createdDate > twoYears)
        }
        let groups = Dictionary(grouping: org.opportunities, by: \.systemModstamp).values.map(\.count)
        let bursts = groups.filter { $0 >= 10 }
        #expect(bursts.count >= 5)
        #expect(bursts.contains { $0 >= 50 })
        #expect(groups.allSatisfy { $0 <= 500 })
        let recent = org.opportunities.filter { $0.systemModstamp > anchor.adding(milliseconds: -30 * 86_400_000) }
        #expect(recent.count > 50)
        let closeDays = org.opportunities.map(\.closeDate.daysSinceEpoch)
        let today = anchor.date.daysSinceEpoch
        #expect(closeDays.contains { $0 < today } && closeDays.contains { $0 > today })
        #expect(org.recycleBin.count > 0)
    }

    @Test func textIsInternationalAndSometimesHostile() {
        let org = Self.org()
        let names = org.opportunities.map(\.name) + org.accounts.map(\.name)
        let all = names + org.opportunities.compactMap(\.description) + org.opportunities.compactMap(\.nextStep)
        func any(_ predicate: (Unicode.Scalar) -> Bool) -> Bool { all.contains { $0.unicodeScalars.contains(where: predicate) } }
        #expect(any { $0.value == 0x1B })  // ESC
        #expect(any { $0.value == 0x07 })  // BEL
        #expect(any { $0.value == 0x202E })  // RLO
        #expect(any { (0x0600...0x06FF).contains($0.value) })  // Arabic
        #expect(any { (0x0590...0x05FF).contains($0.value) })  // Hebrew
        #expect(any { (0x4E00...0x9FFF).contains($0.value) })  // CJK
        #expect(any { $0.properties.isEmojiPresentation })
        #expect(any { "éüåñ".unicodeScalars.contains($0) })
        #expect(all.contains { $0.contains("\u{1B}]2;pwned\u{07}") })
        let descriptions = org.opportunities.compactMap(\.description)
        #expect(descriptions.contains { $0.utf8.count > 6_000 })
        #expect(descriptions.allSatisfy { $0.count <= 32_000 })
        #expect(org.opportunities.allSatisfy { $0.name.count <= 120 })
    }

    @Test func multiCurrencyOrgsSpreadCurrencies() {
        let org = Self.org(2000, multiCurrency: true)
        let codes = Set(org.opportunities.compactMap(\.currencyIsoCode))
        #expect(codes.isSuperset(of: ["USD", "EUR", "GBP", "JPY"]))
        #expect(org.opportunities.allSatisfy { $0.currencyIsoCode != nil })
    }

    @Test func amountsAreExactCents() {
        let org = Self.org()
        #expect(org.opportunities.contains { $0.amountCents == nil })
        #expect(org.opportunities.contains { ($0.amountCents ?? 0) % 100 != 0 })
        #expect(WireNumberFormat.double(cents: 1_500_000) == "15000.0")
        #expect(WireNumberFormat.double(cents: 1_500_050) == "15000.5")
        #expect(WireNumberFormat.double(cents: 1_500_005) == "15000.05")
        #expect(WireNumberFormat.double(cents: 999_999_999) == "9999999.99")
        #expect(WireNumberFormat.double(cents: 1_000_000_000) == "1.0E7")
        #expect(WireNumberFormat.double(cents: 1_234_567_890) == "1.23456789E7")
        #expect(WireNumberFormat.double(cents: -250) == "-2.5")
        #expect(WireNumberFormat.double(cents: 0) == "0.0")
        #expect(DecimalText.cents("15000.105") == 1_500_011)
        #expect(DecimalText.cents("1.5E7") == 1_500_000_000)
        #expect(DecimalText.cents("-3") == -300)
        #expect(DecimalText.cents("abc") == nil)
    }
}
