import Foundation

/// What the reducer reads from outside its state: fresh ids and the wall clock. Random and now
/// unless a test sets others for a task (`ReducerDependencies.$current.withValue`), as TCA's
/// dependencies do, so a test knows the ids and times an action gives its messages.
public struct ReducerDependencies: Sendable {
    /// A fresh id for a message or a request (a lowercase UUID).
    public var newID: @Sendable () -> String
    /// Seconds since 1970 (a new message's `create_time`).
    public var date: @Sendable () -> Double

    /// Dependencies made of these closures.
    public init(newID: @escaping @Sendable () -> String, date: @escaping @Sendable () -> Double) {
        self.newID = newID
        self.date = date
    }

    /// Random UUIDs and the system clock.
    public static let live = ReducerDependencies(
        newID: { UUID().uuidString.lowercased() }, date: { Date().timeIntervalSince1970 })

    /// The dependencies of the current task.
    @TaskLocal public static var current = ReducerDependencies.live
}
