/// The "see more in CRM" link for a record.
///
/// Lightning: `https://<MyDomain>.lightning.force.com/lightning/r/Opportunity/<Id>/view`,
/// derived from `instance_url` the way the Salesforce CLI does (`.my.salesforce.com` →
/// `.lightning.force.com`, also for sandboxes; without My Domain the first host label plus
/// `.lightning.force.com`). Where no Lightning host can be derived (an IP address, localhost,
/// the emulator) the classic `<instance_url>/<Id>`, which Salesforce redirects to the user's UI.
public enum RecordLink {
    public static func url(instanceURL: String, objectType: String = "Opportunity", id: SalesforceID) -> String {
        let trimmed = instanceURL.hasSuffix("/") ? String(instanceURL.dropLast()) : instanceURL
        guard let lightningHost = lightningHost(for: trimmed) else {
            return trimmed + "/" + id.rawValue
        }
        return "https://\(lightningHost)/lightning/r/\(objectType)/\(id.rawValue)/view"
    }

    /// The Lightning host for an instance URL, or nil when it cannot be derived.
    public static func lightningHost(for instanceURL: String) -> String? {
        guard instanceURL.hasPrefix("https://") else { return nil }
        var host = String(instanceURL.dropFirst("https://".count))
        if let slash = host.firstIndex(of: "/") { host = String(host[..<slash]) }
        if host.contains(":") { return nil }
        let lowered = host.lowercased()
        if lowered.hasSuffix(".lightning.force.com") { return lowered }
        if lowered.hasSuffix(".my.salesforce.com") {
            return String(lowered.dropLast(".my.salesforce.com".count)) + ".lightning.force.com"
        }
        if lowered.hasSuffix(".salesforce.com"), let first = lowered.split(separator: ".").first, first != "login", first != "test" {
            return first + ".lightning.force.com"
        }
        return nil
    }
}
