import DealdeckCore
import Foundation
import Testing

@testable import SalesforceEmulator

/// Query and queryAll: paging, batch sizes, cursors, locators, deleted rows, COUNT(), errors.
@Suite struct RESTQueryTests {
    static let cursorQuery = "SELECT Id, Name, SystemModstamp, Account.Name, Owner.Name, Owner.Email FROM Opportunity ORDER BY SystemModstamp, Id"

    @Test func pagesMoreThanFiveThousandRecordsCompletely() async throws {
        try await RESTHarness.with({ $0.opportunities = 5600 }) { harness in
            let live = harness.services.org.statistics().liveOpportunities
            #expect(live > 5000)
            let pages = try await harness.queryPages(Self.cursorQuery)
            #expect(pages.count == (live + 1999) / 2000)
            #expect(pages.allSatisfy { $0.status == 200 && $0.object["totalSize"] as? Int == live })
            #expect(pages.dropLast().allSatisfy { $0.records.count == 2000 && $0.object["done"] as? Bool == false })
            #expect(pages.last?.object["done"] as? Bool == true)
            #expect(pages.last?.object["nextRecordsUrl"] == nil)
            let ids = pages.flatMap { $0.records.compactMap { $0["Id"] as? String } }
            #expect(ids.count == live)
            #expect(Set(ids).count == live)
            let stamps = pages.flatMap { $0.records.compactMap { $0["SystemModstamp"] as? String } }
            #expect(stamps == stamps.sorted())
        }
    }

    /// Pages are rendered two ahead, on their own tasks and side by side; what they send must
    /// be exactly what rendering the page on request sends. A second request of a page is
    /// rendered afresh (a page rendered ahead is handed out once), so the two are compared.
    @Test func pagesRenderedAheadEqualPagesRenderedOnRequest() async throws {
        try await RESTHarness.with({ $0.opportunities = 3000 }) { harness in
            var next: String? = nil
            var first = try await harness.query(Self.cursorQuery, batchSize: 200)
            var pages = 1
            var ids: [String] = first.records.compactMap { $0["Id"] as? String }
            while let url = first.object["nextRecordsUrl"] as? String {
                next = url
                let ahead = try await harness.get(url)
                let again = try await harness.get(url)
                #expect(ahead.status == 200 && again.status == 200)
                #expect(ahead.body == again.body, "\(url)")
                ids += ahead.records.compactMap { $0["Id"] as? String }
                pages += 1
                first = ahead
            }
            let live = harness.services.org.statistics().liveOpportunities
            #expect(next != nil)
            #expect(pages == (live + 199) / 200)
            #expect(ids.count == live && Set(ids).count == live)
        }
    }

    @Test func batchSizeIsClampedTo200Through2000() async throws {
        try await RESTHarness.with({ $0.opportunities = 3000 }) { harness in
            for (asked, expected) in [(50, 200), (200, 200), (750, 750), (2000, 2000), (5000, 2000)] {
                let result = try await harness.query("SELECT Id FROM Opportunity", batchSize: asked)
                #expect(result.records.count == expected, "batchSize=\(asked)")
                let next = result.object["nextRecordsUrl"] as? String ?? ""
                #expect(next.hasSuffix("-\(expected)"))
            }
            let garbage = try await harness.get(RESTHarness.api + "/query?q=SELECT+Id+FROM+Opportunity", headers: [("Sforce-Query-Options", "batchSize=lots")])
            #expect(garbage.records.count == 2000)
        }
    }

    @Test func cursorKeepsValuesAsOfQueryStart() async throws {
        try await RESTHarness.with { harness in
            let first = try await harness.query("SELECT Id, Name FROM Opportunity ORDER BY Id", batchSize: 200)
            let next = first.object["nextRecordsUrl"] as? String ?? ""
            // A record on page 2, edited after the query started.
            let pageTwoPreview = try await harness.query("SELECT Id, Name FROM Opportunity ORDER BY Id LIMIT 1 OFFSET 200")
            let target = pageTwoPreview.records.first?["Id"] as? String ?? ""
            let oldName = pageTwoPreview.records.first?["Name"] as? String ?? ""
            let patch = try await harness.call("PATCH", RESTHarness.api + "/sobjects/Opportunity/\(target)", json: #"{"Name":"Renamed mid-paging"}"#)
            #expect(patch.status == 204)
            let second = try await harness.get(next)
            let seen = second.records.first { $0["Id"] as? String == target }
            #expect(seen?["Name"] as? String == oldName)
            let fresh = try await harness.get(RESTHarness.api + "/sobjects/Opportunity/\(target)")
            #expect(fresh.object["Name"] as? String == "Renamed mid-paging")
        }
    }

    @Test func locatorExpiresAfterInactivity() async throws {
        try await RESTHarness.with({ $0.queryLocatorLifetimeSeconds = 900 }) { harness in
            let first = try await harness.query("SELECT Id FROM Opportunity", batchSize: 500)
            let next = first.object["nextRecordsUrl"] as? String ?? ""
            try await harness.control("POST", "clock/advance", #"{"seconds":600}"#)
            let stillAlive = try await harness.get(next)
            #expect(stillAlive.status == 200)
            try await harness.control("POST", "clock/advance", #"{"seconds":901}"#)
            let expired = try await harness.get(stillAlive.object["nextRecordsUrl"] as? String ?? "")
            #expect(expired.status == 400)
            #expect(expired.text == #"[{"message":"invalid query locator","errorCode":"INVALID_QUERY_LOCATOR"}]"#)
        }
    }

    @Test func locatorBelongsToItsSession() async throws {
        try await RESTHarness.with { harness in
            let first = try await harness.query("SELECT Id FROM Opportunity", batchSize: 500)
            let next = first.object["nextRecordsUrl"] as? String ?? ""
            let other = try await harness.newSession()
            let foreign = try await harness.get(next, token: other)
            #expect(foreign.status == 400)
            #expect(foreign.error?.code == "INVALID_QUERY_LOCATOR")
            #expect(try await harness.get(next).status == 200)
            let bogus = try await harness.get(RESTHarness.api + "/query/01g5e00000000000AAA-2000")
            #expect(bogus.error?.code == "INVALID_QUERY_LOCATOR")
            #expect(try await harness.get(next.replacingOccurrences(of: "-500", with: "-999999")).error?.code == "INVALID_QUERY_LOCATOR")
        }
    }

    @Test func expiredSessionMidPagingIs401() async throws {
        try await RESTHarness.with { harness in
            let first = try await harness.query("SELECT Id FROM Opportunity", batchSize: 500)
            try await harness.control("POST", "sessions/expire")
            let next = try await harness.get(first.object["nextRecordsUrl"] as? String ?? "")
            #expect(next.status == 401)
            #expect(next.error?.code == "INVALID_SESSION_ID")
        }
    }

    @Test func queryAllIncludesDeletedRowsAndQueryNever() async throws {
        try await RESTHarness.with { harness in
            let victim = try await harness.query("SELECT Id FROM Opportunity WHERE IsDeleted = false LIMIT 1").records.first?["Id"] as? String ?? ""
            #expect(try await harness.call("DELETE", RESTHarness.api + "/sobjects/Opportunity/\(victim)").status == 204)
            let soql = "SELECT Id, IsDeleted FROM Opportunity WHERE Id = '\(victim)'"
            #expect(try await harness.query(soql).records.isEmpty)
            let all = try await harness.query(soql, all: true)
            #expect(all.records.count == 1)
            #expect(all.records.first?["IsDeleted"] as? Bool == true)

            let stats = harness.services.org.statistics()
            let everything = try await harness.queryPages("SELECT Id FROM Opportunity", all: true, batchSize: 1000)
            #expect(everything.first?.object["totalSize"] as? Int == stats.liveOpportunities + stats.deletedOpportunities)
            // queryAll's nextRecordsUrl says /query/ and still returns deleted rows; /queryAll/<locator> serves it too.
            let firstAll = try await harness.query("SELECT Id FROM Opportunity WHERE IsDeleted = true", all: true, batchSize: 200)
            if let next = firstAll.object["nextRecordsUrl"] as? String {
                #expect(next.contains("/query/"))
                let viaQueryAll = try await harness.get(next.replacingOccurrences(of: "/query/", with: "/queryAll/"))
                #expect(viaQueryAll.status == 200)
            }
            let deletedCount = try await harness.query("SELECT COUNT() FROM Opportunity WHERE IsDeleted = true", all: true)
            #expect(deletedCount.object["totalSize"] as? Int == stats.deletedOpportunities)
        }
    }

    @Test func queryAllLocatorServedOnBothPaths() async throws {
        try await RESTHarness.with { harness in
            let first = try await harness.query("SELECT Id FROM Opportunity", all: true, batchSize: 300)
            let next = first.object["nextRecordsUrl"] as? String ?? ""
            #expect(next.contains("/query/"))
            let viaQuery = try await harness.get(next)
            let viaQueryAll = try await harness.get(next.replacingOccurrences(of: "/query/", with: "/queryAll/"))
            #expect(viaQuery.status == 200)
            #expect(viaQueryAll.text == viaQuery.text)
        }
    }

    @Test func countAndTrailingSlashForm() async throws {
        try await RESTHarness.with { harness in
            let live = harness.services.org.statistics().liveOpportunities
            let count = try await harness.query("SELECT COUNT() FROM Opportunity")
            #expect(count.text == #"{"totalSize":\#(live),"done":true,"records":[]}"#)
            let slash = try await harness.get(RESTHarness.api + "/query/?q=SELECT+Id+FROM+Opportunity+LIMIT+3")
            #expect(slash.status == 200)
            #expect(slash.records.count == 3)
            #expect(slash.object["totalSize"] as? Int == 3)
            let empty = try await harness.query("SELECT Id FROM Opportunity WHERE Name = 'no such deal'")
            #expect(empty.text == #"{"totalSize":0,"done":true,"records":[]}"#)
        }
    }

    @Test func queryErrorsUseSalesforceCodes() async throws {
        try await RESTHarness.with { harness in
            let malformed = try await harness.query("SELECT Id FROM")
            #expect(malformed.status == 400)
            #expect(malformed.error?.code == "MALFORMED_QUERY")
            let badField = try await harness.query("SELECT Foo FROM Opportunity")
            #expect(badField.error?.code == "INVALID_FIELD")
            #expect(badField.error?.message.contains("No such column 'Foo' on entity 'Opportunity'") == true)
            let badType = try await harness.query("SELECT Id FROM Contact")
            #expect(badType.error?.code == "INVALID_TYPE")
            let currency = try await harness.query("SELECT CurrencyIsoCode FROM Opportunity")
            #expect(currency.error?.code == "INVALID_FIELD")
            let missing = try await harness.get(RESTHarness.api + "/query")
            #expect(missing.error?.code == "MALFORMED_QUERY")
        }
    }

    @Test func multiCurrencyOrgsHaveCurrencyIsoCode() async throws {
        try await RESTHarness.with({ $0.multiCurrency = true }) { harness in
            let result = try await harness.query("SELECT Id, CurrencyIsoCode FROM Opportunity LIMIT 200")
            #expect(result.status == 200)
            let codes = Set(result.records.compactMap { $0["CurrencyIsoCode"] as? String })
            #expect(codes.isSubset(of: Set(OrgSchema.currencyCodes)))
            #expect(codes.count >= 3)
        }
    }

    @Test func otherObjectsAndParentChains() async throws {
        try await RESTHarness.with { harness in
            let users = try await harness.query("SELECT Id, Name, Email, IsActive FROM User ORDER BY Name")
            #expect(users.records.count >= 27)
            let usernames = try await harness.query("SELECT Username FROM User").records.compactMap { $0["Username"] as? String }
            #expect(usernames.contains(harness.emulator.credentials.username))
            #expect(usernames.contains("integration@dealdeck-demo.example"))
            let stages = try await harness.query("SELECT MasterLabel, DefaultProbability, ForecastCategoryName, IsClosed, IsWon FROM OpportunityStage ORDER BY SortOrder")
            #expect(stages.records.count == 10)
            #expect(stages.records.last?["MasterLabel"] as? String == "Closed Lost")
            #expect(stages.records.first?["DefaultProbability"] as? Double == 10)
            let chain = try await harness.query("SELECT Id, Account.Owner.Name FROM Opportunity WHERE AccountId != null LIMIT 5")
            let account = chain.records.first?["Account"] as? [String: Any]
            let owner = account?["Owner"] as? [String: Any]
            #expect((owner?["attributes"] as? [String: Any])?["type"] as? String == "User")
            #expect(owner?["Name"] is String)
        }
    }
}
