import DealdeckCore
import Foundation
import Testing

@testable import SalesforceEmulator

/// Describe, object info, record GET and DML over REST.
@Suite struct RESTSObjectTests {
    @Test func resourceMapVersionsAndLatest() async throws {
        try await RESTHarness.with { harness in
            let map = try await harness.get(RESTHarness.api + "/")
            #expect(map.status == 200)
            #expect(map.object["query"] as? String == "/services/data/v62.0/query")
            #expect(map.object["sobjects"] as? String == "/services/data/v62.0/sobjects")
            #expect((map.object["identity"] as? String)?.contains("/id/00D") == true)
            #expect(map.header("Sforce-Limit-Info") != nil)
            let latest = try await harness.get("/services/data/latest/query?q=SELECT+Id+FROM+Opportunity+LIMIT+1")
            #expect(latest.status == 200)
            #expect(((latest.records.first?["attributes"] as? [String: Any])?["url"] as? String)?.hasPrefix("/services/data/v66.0/") == true)
            for version in ["v30.0", "v67.0", "v62", "62.0"] {
                let unknown = try await harness.get("/services/data/\(version)/limits")
                #expect(unknown.status == 404)
                #expect(unknown.text == #"[{"message":"The requested resource does not exist","errorCode":"NOT_FOUND"}]"#)
            }
            #expect(try await harness.get("/services/data/v31.0/limits").status == 200)
            #expect(try await harness.get(RESTHarness.api + "/nonsense").error?.code == "NOT_FOUND")
        }
    }

    @Test func lightningHostAnswersHTML() async throws {
        try await RESTHarness.with { harness in
            let result = try await harness.get(RESTHarness.api + "/limits", headers: [("Host", "dealdeck-demo.lightning.force.com")])
            #expect(result.header("Content-Type")?.hasPrefix("text/html") == true)
            #expect(result.text.contains("<html"))
        }
    }

    @Test func describeHasRealisticFieldMetadata() async throws {
        try await RESTHarness.with { harness in
            let describe = try await harness.get(RESTHarness.api + "/sobjects/Opportunity/describe")
            #expect(describe.status == 200)
            #expect(describe.object["keyPrefix"] as? String == "006")
            #expect(describe.object["name"] as? String == "Opportunity")
            let fields = describe.object["fields"] as? [[String: Any]] ?? []
            func field(_ name: String) -> [String: Any] { fields.first { $0["name"] as? String == name } ?? [:] }
            #expect(field("Id")["type"] as? String == "id")
            #expect(field("Id")["soapType"] as? String == "tns:ID")
            #expect(field("Id")["length"] as? Int == 18)
            #expect(field("Amount")["type"] as? String == "currency")
            #expect(field("Amount")["soapType"] as? String == "xsd:double")
            #expect(field("Amount")["precision"] as? Int == 18)
            #expect(field("Amount")["scale"] as? Int == 2)
            #expect(field("AccountId")["referenceTo"] as? [String] == ["Account"])
            #expect(field("AccountId")["relationshipName"] as? String == "Account")
            #expect(field("OwnerId")["referenceTo"] as? [String] == ["User"])
            #expect(field("SystemModstamp")["soapType"] as? String == "xsd:dateTime")
            #expect(field("SystemModstamp")["updateable"] as? Bool == false)
            #expect(field("Name")["length"] as? Int == 120)
            #expect(field("Description")["filterable"] as? Bool == false)
            let stages = (field("StageName")["picklistValues"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? String }
            #expect(stages.count == 10)
            #expect(stages.first == "Prospecting")
            let picklistEntry = (field("StageName")["picklistValues"] as? [[String: Any]])?.first ?? [:]
            #expect(Set(picklistEntry.keys) == ["active", "defaultValue", "label", "validFor", "value"])
            #expect((field("Type")["picklistValues"] as? [Any])?.isEmpty == false)
            #expect((field("LeadSource")["picklistValues"] as? [Any])?.isEmpty == false)
            #expect((field("ForecastCategoryName")["picklistValues"] as? [Any])?.isEmpty == false)
            #expect(fields.first { $0["name"] as? String == "CurrencyIsoCode" } == nil)
            for name in ["Account", "User"] {
                let other = try await harness.get(RESTHarness.api + "/sobjects/\(name)/describe")
                #expect(other.status == 200)
                #expect((other.object["fields"] as? [Any])?.isEmpty == false)
            }
            #expect(try await harness.get(RESTHarness.api + "/sobjects/Contact/describe").status == 404)
        }
    }

    @Test func multiCurrencyDescribeHasCurrencyIsoCode() async throws {
        try await RESTHarness.with({ $0.multiCurrency = true }) { harness in
            let describe = try await harness.get(RESTHarness.api + "/sobjects/Opportunity/describe")
            let fields = describe.object["fields"] as? [[String: Any]] ?? []
            let currency = try #require(fields.first { $0["name"] as? String == "CurrencyIsoCode" })
            #expect(currency["type"] as? String == "picklist")
            #expect(currency["length"] as? Int == 3)
        }
    }

    @Test func globalDescribeAndBasicInfo() async throws {
        try await RESTHarness.with { harness in
            let global = try await harness.get(RESTHarness.api + "/sobjects")
            #expect(global.object["encoding"] as? String == "UTF-8")
            let names = (global.object["sobjects"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(names.contains("Opportunity") && names.contains("Account") && names.contains("User"))
            let info = try await harness.get(RESTHarness.api + "/sobjects/Opportunity")
            #expect((info.object["objectDescribe"] as? [String: Any])?["keyPrefix"] as? String == "006")
            let recent = info.object["recentItems"] as? [[String: Any]] ?? []
            #expect(!recent.isEmpty)
            #expect(recent.first?["attributes"] != nil)
        }
    }

    @Test func recordGetBy15And18CharacterIDs() async throws {
        try await RESTHarness.with { harness in
            let id = try await harness.query("SELECT Id FROM Opportunity WHERE AccountId != null LIMIT 1").records.first?["Id"] as? String ?? ""
            let full = try await harness.get(RESTHarness.api + "/sobjects/Opportunity/\(id)")
            #expect(full.status == 200)
            guard case .object(let members) = full.ordered else { return }
            #expect(members.first?.name == "attributes")
            #expect(members.contains { $0.name == "AccountId" })
            #expect(!members.contains { $0.name == "Account" })
            #expect(members.contains { $0.name == "IsDeleted" })
            #expect(members.contains { $0.name == "LastActivityDate" })
            let short = try await harness.get(RESTHarness.api + "/sobjects/Opportunity/\(id.prefix(15))")
            #expect(short.text == full.text)
            let some = try await harness.get(RESTHarness.api + "/sobjects/Opportunity/\(id)?fields=Name,StageName")
            #expect(Set(some.object.keys) == ["attributes", "Name", "StageName", "Id"])
            let badField = try await harness.get(RESTHarness.api + "/sobjects/Opportunity/\(id)?fields=Nope")
            #expect(badField.error?.code == "INVALID_FIELD")
        }
    }

    @Test func unknownAndMalformedIDs() async throws {
        try await RESTHarness.with { harness in
            let unknown = SalesforceID(keyPrefix: "006", pod: "5e", number: 999_999_999).rawValue
            let missing = try await harness.get(RESTHarness.api + "/sobjects/Opportunity/\(unknown)")
            #expect(missing.status == 404)
            #expect(missing.text == #"[{"message":"The requested resource does not exist","errorCode":"NOT_FOUND"}]"#)
            let malformed = try await harness.get(RESTHarness.api + "/sobjects/Opportunity/not-an-id")
            #expect(malformed.status == 400)
            #expect(malformed.error?.code == "MALFORMED_ID")
            let patchMissing = try await harness.call("PATCH", RESTHarness.api + "/sobjects/Opportunity/\(unknown)", json: #"{"Name":"x"}"#)
            #expect(patchMissing.status == 404)
            let deleteMissing = try await harness.call("DELETE", RESTHarness.api + "/sobjects/Opportunity/\(unknown)")
            #expect(deleteMissing.status == 404)
        }
    }

    @Test func createUpdateDeleteLifecycle() async throws {
        try await RESTHarness.with { harness in
            let before = harness.now
            let created = try await harness.call(
                "POST", RESTHarness.api + "/sobjects/Opportunity",
                json: #"{"Name":"Café ☕ expansion","StageName":"Qualification","CloseDate":"2027-01-15","Amount":2500.5}"#)
            #expect(created.status == 201)
            let id = created.object["id"] as? String ?? ""
            #expect(created.text == #"{"id":"\#(id)","success":true,"errors":[]}"#)
            #expect(id.hasPrefix("006") && id.count == 18)

            let fetched = try await harness.get(RESTHarness.api + "/sobjects/Opportunity/\(id)").object
            #expect(fetched["Probability"] as? Double == 10)
            #expect(fetched["ForecastCategory"] as? String == "Pipeline")
            #expect(fetched["IsClosed"] as? Bool == false)
            #expect(fetched["OwnerId"] as? String == harness.services.identity.apiUser.id.rawValue)
            let created0 = SalesforceTimestamp(fetched["CreatedDate"] as? String ?? "")
            #expect(created0.map { $0 >= before } == true)

            try await harness.control("POST", "clock/advance", #"{"seconds":5}"#)
            let patch = try await harness.call("PATCH", RESTHarness.api + "/sobjects/Opportunity/\(id)", json: #"{"stagename":"Closed Won"}"#)
            #expect(patch.status == 204)
            #expect(patch.body.isEmpty)
            let won = try await harness.get(RESTHarness.api + "/sobjects/Opportunity/\(id)").object
            #expect(won["StageName"] as? String == "Closed Won")
            #expect(won["IsClosed"] as? Bool == true)
            #expect(won["IsWon"] as? Bool == true)
            #expect(won["Probability"] as? Double == 100)
            #expect(won["ForecastCategoryName"] as? String == "Closed")
            #expect(won["Name"] as? String == "Café ☕ expansion")
            let stamp = SalesforceTimestamp(won["SystemModstamp"] as? String ?? "")
            #expect(stamp.map { $0 > created0! } == true)
            #expect(won["LastModifiedDate"] as? String == won["SystemModstamp"] as? String)

            let explicit = try await harness.call("PATCH", RESTHarness.api + "/sobjects/Opportunity/\(id)", json: #"{"StageName":"Negotiation/Review","Probability":35}"#)
            #expect(explicit.status == 204)
            #expect(try await harness.get(RESTHarness.api + "/sobjects/Opportunity/\(id)").object["Probability"] as? Double == 35)

            #expect(try await harness.call("DELETE", RESTHarness.api + "/sobjects/Opportunity/\(id)").status == 204)
            let gone = try await harness.get(RESTHarness.api + "/sobjects/Opportunity/\(id)")
            #expect(gone.status == 404)
            #expect(gone.error?.code == "ENTITY_IS_DELETED")
        }
    }

    @Test func dmlValidationErrorsHaveSalesforceShape() async throws {
        try await RESTHarness.with { harness in
            let path = RESTHarness.api + "/sobjects/Opportunity"
            let missing = try await harness.call("POST", path, json: #"{"Name":"No stage"}"#)
            #expect(missing.status == 400)
            #expect(missing.text == #"[{"message":"Required fields are missing: [StageName, CloseDate]","errorCode":"REQUIRED_FIELD_MISSING","fields":["StageName","CloseDate"]}]"#)
            let unknown = try await harness.call("POST", path, json: #"{"Name":"x","Bogus__c":1}"#)
            #expect(unknown.error?.code == "INVALID_FIELD")
            let picklist = try await harness.call("POST", path, json: #"{"Name":"x","StageName":"Dreaming","CloseDate":"2027-01-01"}"#)
            #expect(picklist.error?.code == "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST")
            #expect((picklist.array.first?["fields"] as? [String]) == ["StageName"])
            let badAccount = try await harness.call("POST", path, json: #"{"Name":"x","StageName":"Prospecting","CloseDate":"2027-01-01","AccountId":"garbage"}"#)
            #expect(badAccount.error?.code == "MALFORMED_ID")
            #expect((badAccount.array.first?["fields"] as? [String]) == ["AccountId"])
            let json = try await harness.call("POST", path, json: #"{"Name": "x", "#)
            #expect(json.error?.code == "JSON_PARSER_ERROR")
            let badDate = try await harness.call("POST", path, json: #"{"Name":"x","StageName":"Prospecting","CloseDate":"31/12/2027"}"#)
            #expect(badDate.error?.code == "JSON_PARSER_ERROR")
            let readOnly = try await harness.call("POST", path, json: #"{"Name":"x","StageName":"Prospecting","CloseDate":"2027-01-01","IsWon":true}"#)
            #expect(readOnly.error?.code == "INVALID_FIELD_FOR_INSERT_UPDATE")
            let tooLong = try await harness.call("POST", path, json: #"{"Name":"\#(String(repeating: "x", count: 121))","StageName":"Prospecting","CloseDate":"2027-01-01"}"#)
            #expect(tooLong.error?.code == "STRING_TOO_LONG")
            #expect(try await harness.call("PUT", path).status == 405)
        }
    }
}
