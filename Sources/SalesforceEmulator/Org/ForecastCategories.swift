/// The forecast categories: `ForecastCategoryName` holds the display name users pick,
/// `ForecastCategory` the API value Salesforce derives from it.
public enum ForecastCategories {
    /// (display name, API value) pairs.
    static let pairs: [(name: String, api: String)] = [
        ("Omitted", "Omitted"),
        ("Pipeline", "Pipeline"),
        ("Best Case", "BestCase"),
        ("Most Likely", "MostLikely"),
        ("Commit", "Forecast"),
        ("Closed", "Closed"),
    ]

    /// The API value for a display name; nil when the name is not a category.
    public static func apiValue(forName name: String) -> String? {
        pairs.first { $0.name == name }?.api
    }

    static var nameEntries: [FieldDefinition.PicklistEntry] { pairs.map { FieldDefinition.PicklistEntry($0.name) } }
    static var apiEntries: [FieldDefinition.PicklistEntry] { pairs.map { FieldDefinition.PicklistEntry($0.api, label: $0.name) } }
}
