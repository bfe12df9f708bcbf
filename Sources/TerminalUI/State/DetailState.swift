import DealdeckCore

/// The detail pane: whether it shows, whether it fills the screen, and what it shows.
public struct DetailState: Equatable, Sendable {
    /// Shown beside (or below) the list; `d` toggles it.
    public var isVisible = true
    /// Full width in place of the list; Enter toggles it.
    public var isZoomed = false
    /// The record shown, once loaded.
    public var record: OpportunityDetail?
    /// The record being loaded (the selection moved to it).
    public var loadingID: SalesforceID?
    /// Lines scrolled down, for long descriptions.
    public var scroll = 0

    public init() {}
}
