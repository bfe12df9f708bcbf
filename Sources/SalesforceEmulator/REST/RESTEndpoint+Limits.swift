import DealdeckCore

extension RESTEndpoint {
    /// `GET /limits`: `{"Name":{"Max":…,"Remaining":…}}` in Salesforce's PascalCase names.
    /// DailyApiRequests and DailyBulkV2QueryJobs are live; storage follows the record count
    /// (Salesforce charges 2 KB per record); the rest are a Developer Edition's fixed values.
    func limits(_ call: Call) -> EmulatorResponse {
        let usage = services.usage.usage
        let statistics = services.org.statistics()
        let records = statistics.liveOpportunities + statistics.deletedOpportunities + statistics.accounts + statistics.users
        let dataStorageMax = 10_240
        let usedMB = records * 2 / 1024
        let entries: [(String, Int, Int)] = [
            ("ActiveScratchOrgs", 3, 3),
            ("AnalyticsExternalDataSizeMB", 40_960, 40_960),
            ("ConcurrentAsyncGetReportInstances", 200, 200),
            ("ConcurrentSyncReportRuns", 20, 20),
            ("DailyAnalyticsDataflowJobExecutions", 60, 60),
            ("DailyApiRequests", usage.limit, max(0, usage.limit - usage.used)),
            ("DailyAsyncApexExecutions", 250_000, 250_000),
            ("DailyBulkApiBatches", 15_000, 15_000),
            ("DailyBulkV2QueryFileStorageMB", 976_562, 976_562),
            ("DailyBulkV2QueryJobs", APIUsageMeter.dailyBulkQueryJobLimit, max(0, APIUsageMeter.dailyBulkQueryJobLimit - services.usage.bulkJobsUsed)),
            ("DailyDurableGenericStreamingApiEvents", 10_000, 10_000),
            ("DailyDurableStreamingApiEvents", 10_000, 10_000),
            ("DailyGenericStreamingApiEvents", 10_000, 10_000),
            ("DailyStandardVolumePlatformEvents", 10_000, 10_000),
            ("DailyStreamingApiEvents", 10_000, 10_000),
            ("DailyWorkflowEmails", 390, 390),
            ("DataStorageMB", dataStorageMax, max(0, dataStorageMax - usedMB)),
            ("FileStorageMB", 20_480, 20_480),
            ("HourlyDashboardRefreshes", 200, 200),
            ("HourlyODataCallout", 10_000, 10_000),
            ("HourlyPublishedPlatformEvents", 50_000, 50_000),
            ("HourlySyncReportRuns", 500, 500),
            ("HourlyTimeBasedWorkflow", 50, 50),
            ("MassEmail", 10, 10),
            ("PermissionSets", 1500, 1498),
            ("SingleEmail", 15, 15),
            ("StreamingApiConcurrentClients", 20, 20),
        ]
        var writer = JSONWriter(reservingCapacity: 2048)
        writer.beginObject()
        for (name, max, remaining) in entries {
            writer.key(name)
            writer.beginObject()
            writer.field("Max", max)
            writer.field("Remaining", remaining)
            writer.endObject()
        }
        writer.endObject()
        return .json(200, writer.bytes)
    }

    /// `GET /limits/recordCount?sObjects=Opportunity,Account`.
    func recordCount(_ call: Call) -> EmulatorResponse {
        let statistics = services.org.statistics()
        let requested: [SObjectType]
        if let list = call.request.queryParameters["sObjects"] {
            requested = list.split(separator: ",").compactMap { SObjectType(caseInsensitiveName: String($0).trimmingWhitespace()) }
        } else {
            requested = SObjectType.allCases
        }
        var writer = JSONWriter(reservingCapacity: 256)
        writer.beginObject()
        writer.key("sObjects")
        writer.beginArray()
        for type in requested {
            let count: Int
            switch type {
            case .opportunity: count = statistics.liveOpportunities
            case .account: count = statistics.accounts
            case .user: count = statistics.users
            case .opportunityStage: count = statistics.stages
            }
            writer.beginObject()
            writer.field("count", count)
            writer.field("name", type.name)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return .json(200, writer.bytes)
    }
}
