/// The two lists: the opportunities assigned to the current user, and (admins only) all of them.
public enum ListTab: String, CaseIterable, Hashable, Sendable {
    case mine
    case all
}
