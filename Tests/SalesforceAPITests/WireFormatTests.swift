import DealdeckCore
import Foundation
import Testing

@testable import SalesforceAPI

@Suite("Wire formats: JSON, CSV, Sforce-Limit-Info, form encoding")
struct WireFormatTests {
    func parse(_ text: String) throws -> SalesforceValue {
        try Array(text.utf8).withUnsafeBytes { try JSONScanner.parse($0) }
    }

    @Test func recordsKeepTypesRelationshipsAndExactNumbers() throws {
        let json = """
            {"totalSize":2,"done":true,"records":[
             {"attributes":{"type":"Opportunity","url":"/services/data/v62.0/sobjects/Opportunity/0065e00000AbCdEAAV"},
              "Id":"0065e00000AbCdEAAV","Name":"Acme \\u00e9 \\ud83d\\ude00 \\"big\\"\\n","Amount":15000.10,"Probability":75,
              "CloseDate":"2024-03-31","SystemModstamp":"2024-01-02T03:04:05.000+0000","IsWon":false,
              "Account":{"attributes":{"type":"Account","url":"/x"},"Name":"Acme Corp"}},
             {"attributes":{"type":"Opportunity","url":"/y"},"Id":"0065e00000AbCdFAAV","Name":"Orphan","Amount":null,"Account":null}
            ]}
            """
        let page = try QueryPage.parse(.init(string: json))
        #expect(page.totalSize == 2 && page.done && page.nextRecordsURL == nil)
        let first = try #require(page.records.first)
        #expect(first.type == "Opportunity")
        #expect(first.fields.first?.name == "Id")
        #expect(first.string("Name") == "Acme é 😀 \"big\"\n")
        #expect(first.decimal("Amount") == Decimal(string: "15000.10"))
        #expect(first.int("Probability") == 75)
        #expect(first.bool("IsWon") == false)
        #expect(first.date("CloseDate") == CalendarDate(year: 2024, month: 3, day: 31))
        #expect(first.timestamp("SystemModstamp")?.description == "2024-01-02T03:04:05.000+0000")
        #expect(first.string("Account.Name") == "Acme Corp")
        #expect(first.string("account.name") == "Acme Corp")
        #expect(first["Account"]?.recordValue?.type == "Account")
        #expect(first.id?.rawValue == "0065e00000AbCdEAAV")
        let second = page.records[1]
        #expect(second["Amount"] == .null)
        #expect(second["Account.Name"] == .null)
        #expect(second["Missing"] == nil)
    }

    @Test func pagesWithMoreToCome() throws {
        let page = try QueryPage.parse(
            .init(string: #"{"totalSize":431,"done":false,"nextRecordsUrl":"/services/data/v62.0/query/01g-200","records":[]}"#))
        #expect(page.totalSize == 431 && !page.done && page.nextRecordsURL == "/services/data/v62.0/query/01g-200")
    }

    @Test func unknownMembersAreSkippedWhole() throws {
        let json = #"{"extra":{"a":["x\"}]",1.5e2,{"b":null},true]},"totalSize":1,"done":true,"records":[{"attributes":{"url":"/u\"x}","type":"Opportunity"},"Id":"006A"}],"tail":[[],{}]}"#
        let page = try QueryPage.parse(.init(string: json))
        #expect(page.totalSize == 1 && page.records.count == 1)
        #expect(page.records[0].type == "Opportunity" && page.records[0].string("Id") == "006A")
        #expect(page.records[0].fields.count == 1, "attributes are folded into the type")
    }

    @Test func malformedJSONIsATypedError() {
        #expect(throws: SalesforceAPIError.self) { try QueryPage.parse(.init(string: #"{"totalSize":1,"records":[{"Id":]}"#)) }
        #expect(throws: JSONScanner.Failure.self) { try parse("[1, 2") }
        #expect(throws: JSONScanner.Failure.self) { try parse(#"{"a":"unterminated}"#) }
    }

    @Test func genericValues() throws {
        let value = try parse(#" [ true, false, null, -1.5e3, "x", {"k": [1]} ] "#)
        #expect(
            value
                == .array([
                    .bool(true), .bool(false), .null, .number("-1.5e3"), .string("x"),
                    .object(SalesforceRecord(fields: [.init(name: "k", value: .array([.number("1")]))])),
                ]))
    }

    func csv(_ text: String) throws -> [[String?]] {
        try Array(text.utf8).withUnsafeBytes { try CSVReader.records($0) }
    }

    @Test func csvFollowsRFC4180() throws {
        let text =
            "\"Id\",\"Name\",\"Account.Name\",\"Amount\"\n\"006A\",\"Comma, inside\",,\"10.5\"\r\n\"006B\",\"Line\nbreak and \"\"quotes\"\"\",\"\",\"\"\n"
        let rows = try csv(text)
        #expect(rows.count == 3)
        #expect(rows[0] == ["Id", "Name", "Account.Name", "Amount"])
        #expect(rows[1] == ["006A", "Comma, inside", nil, "10.5"])
        #expect(rows[2] == ["006B", "Line\nbreak and \"quotes\"", "", ""])
    }

    @Test func csvWithoutFinalNewlineAndBlankLines() throws {
        #expect(try csv("a,b\n1,2") == [["a", "b"], ["1", "2"]])
        #expect(try csv("a,b\n1,\n\n") == [["a", "b"], ["1", nil]])
        #expect(try csv("") == [])
        #expect(throws: CSVReader.Failure.self) { try csv("a,\"open\n") }
        #expect(throws: CSVReader.Failure.self) { try csv("\"a\"b,c\n") }
        // The line in the message counts the line breaks inside quoted fields too.
        let stray = #expect(throws: CSVReader.Failure.self) { try csv("a,b\n1,\"two\nlines\"x\n") }
        #expect(stray?.line == 3)
        let open = #expect(throws: CSVReader.Failure.self) { try csv("a,b\r\n1,\"open\nand\nnever closed") }
        #expect(open?.line == 4)
    }

    @Test func csvFieldsAtEveryEdge() throws {
        // A trailing delimiter at the very end, quoted fields at the end of input, quotes
        // doubled at the start, middle and end of a field, CRLF records, non-ASCII text.
        #expect(try csv("a,") == [["a", nil]])
        #expect(try csv("\"x\"") == [["x"]])
        #expect(try csv("\"\"\"a\"\"b\"\"\",\"é, ü\"\r\n,\"\"\r\n") == [["\"a\"b\"", "é, ü"], [nil, ""]])
        #expect(try csv("1,2\r\n\r\n3,4") == [["1", "2"], ["3", "4"]])
        #expect(throws: CSVReader.Failure.self) { try csv("\"a\"\"") }
    }

    @Test func bulkChunkRowsReadLikeRecords() {
        let chunk = BulkResultChunk(columns: ["Id", "Account.Name", "Amount"], rows: [["0065e00000AbCdEAAV", nil, "12.50"]], locator: nil)
        let record = chunk.record(at: 0)
        #expect(record.id?.rawValue == "0065e00000AbCdEAAV")
        #expect(record["Account.Name"] == .null)
        #expect(record.decimal("Amount") == Decimal(string: "12.5"))
    }

    @Test func limitInfoIsParsedLeniently() {
        #expect(APIUsage(limitInfoHeader: "api-usage=1043/15000") == APIUsage(used: 1043, limit: 15000))
        #expect(APIUsage(limitInfoHeader: "api-usage=18/5000; per-app-api-usage=17/250(appName=sample)") == APIUsage(used: 18, limit: 5000))
        #expect(APIUsage(limitInfoHeader: "per-app-api-usage=17/250(appName=x); api-usage=19/5000") == APIUsage(used: 19, limit: 5000))
        #expect(APIUsage(limitInfoHeader: "api-bursts=1/750,api-usage=7/15000") == APIUsage(used: 7, limit: 15000))
        #expect(APIUsage(limitInfoHeader: "per-app-api-usage=17/250") == nil)
        #expect(APIUsage(limitInfoHeader: "garbage") == nil)
    }

    @Test func formEncodingKeepsSpecialCharacters() {
        #expect(FormEncoding.component("Deal&deck+1%=é ~") == "Deal%26deck%2B1%25%3D%C3%A9%20~")
        #expect(FormEncoding.decode("code=aPrx%3D%3D&state=a+b").map { "\($0.0)=\($0.1)" } == ["code=aPrx==", "state=a b"])
    }

    @Test func pkceVerifierUsesSafeCharactersOnly() {
        // Expected value computed independently: base64url(sha256(verifier)) with Python's hashlib.
        #expect(PKCE(verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWjOnbN0").challenge == "2Sf31DuDeRBnf_BPy92P5qs52iirJzvTJrvkaXnRd4s")
        for _ in 0..<50 {
            let pkce = PKCE.generate()
            #expect((43...128).contains(pkce.verifier.count))
            #expect(pkce.verifier.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        }
        #expect(PKCE.randomState() != PKCE.randomState())
    }

    @Test func secretsStayOutOfDescriptions() {
        let session = SalesforceSession(
            accessToken: "00Dxx!SECRETACCESS", refreshToken: "5AepSECRETREFRESH", instanceURL: "https://acme.my.salesforce.com")
        for text in [String(describing: session), "\(session)", String(reflecting: session)] {
            #expect(!text.contains("SECRETACCESS") && !text.contains("SECRETREFRESH"))
        }
        let credentials = SignInCredentials(consumerSecret: "SECRETCONSUMER", password: "SECRETPASSWORD", securityToken: "SECRETTOKEN")
        #expect(!String(describing: credentials).contains("SECRET"))
    }

    @Test func backoffIsCappedAndJittered() {
        let policy = RetryPolicy(maximumAttempts: 8, baseDelay: .milliseconds(500), maximumDelay: .seconds(8), random: { 0.999 })
        #expect(policy.delay(afterAttempt: 1) <= .milliseconds(500))
        #expect(policy.delay(afterAttempt: 2) > .milliseconds(900))
        #expect(policy.delay(afterAttempt: 10) <= .seconds(8))
        let low = RetryPolicy(baseDelay: .seconds(1), random: { 0 })
        #expect(low.delay(afterAttempt: 1) == .milliseconds(500))
    }
}
