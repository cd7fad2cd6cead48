import ChatArchive
import Foundation

/// How a sync retries and waits: 5xx answers and dropped connections are retried with a
/// doubling delay; a 429 waits for its `Retry-After` and tries again.
public struct SyncRetryPolicy: Sendable, Hashable {
    /// Attempts for a request that meets a 5xx or a dropped connection (the first included).
    public var attempts: Int
    /// The delay before the first retry; each further retry doubles it, up to `maxDelay`.
    public var firstDelay: Duration
    /// The longest delay between retries.
    public var maxDelay: Duration
    /// How many 429s in a row one request may meet before it counts as failed.
    public var rateLimitWaits: Int
    /// The wait after a 429 without a `Retry-After` header.
    public var defaultRetryAfter: Duration
    /// A `Retry-After` longer than this stops the sync (run it again later) instead of waiting.
    public var maxRetryAfter: Duration

    /// Creates a policy.
    public init(
        attempts: Int = 4, firstDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(30),
        rateLimitWaits: Int = 10, defaultRetryAfter: Duration = .seconds(30), maxRetryAfter: Duration = .seconds(900)
    ) {
        self.attempts = max(1, attempts)
        self.firstDelay = max(.zero, firstDelay)
        self.maxDelay = max(.zero, maxDelay)
        self.rateLimitWaits = max(0, rateLimitWaits)
        self.defaultRetryAfter = max(.zero, defaultRetryAfter)
        self.maxRetryAfter = max(.zero, maxRetryAfter)
    }
}

/// What a ``HistorySync`` does.
public struct SyncOptions: Sendable, Hashable {
    /// The lists to walk, in order.
    public var lists: [SyncList]
    /// Skip conversations updated before this time (seconds since 1970); nil syncs all.
    public var since: Double?
    /// How many conversations are fetched at once (at least 1).
    public var concurrency: Int
    /// The list page size; clamped to 1...100 (the service answers 422 above 100).
    public var pageSize: Int
    /// Walk every page, even where the last complete walk says nothing changed below.
    public var full: Bool
    /// Retries and waits.
    public var retry: SyncRetryPolicy

    /// Creates options: both lists, all conversations, two at a time, pages of 100.
    public init(
        lists: [SyncList] = SyncList.allCases, since: Double? = nil, concurrency: Int = 2, pageSize: Int = 100,
        full: Bool = false, retry: SyncRetryPolicy = SyncRetryPolicy()
    ) {
        self.lists = lists
        self.since = since
        self.concurrency = max(1, concurrency)
        self.pageSize = max(1, min(pageSize, HistorySync.maxPageSize))
        self.full = full
        self.retry = retry
    }
}

/// A snapshot of a running sync, sent to the progress callback after every change.
public struct SyncProgress: Sendable, Hashable {
    /// The list being walked.
    public var list: SyncList?
    /// List pages read so far (all lists).
    public var pages = 0
    /// Distinct conversations listed so far (all lists).
    public var listed = 0
    /// The `total` the server claims for the current list (it may be more than it returns).
    public var total: Int?
    /// Conversations fetched and stored.
    public var fetched = 0
    /// Listed conversations not fetched: the stored copy is current, or older than `since`.
    public var skipped = 0
    /// Conversations that could not be fetched.
    public var failed = 0
    /// Requests retried after a 5xx, a dropped connection or a 429.
    public var retries = 0
    /// Seconds since the sync started.
    public var elapsed = 0.0
    /// Seconds left to wait for a 429's `Retry-After`, while waiting.
    public var waiting: Double?

    /// Conversations fetched per second.
    public var rate: Double { elapsed > 0 ? Double(fetched) / elapsed : 0 }

    /// Creates an empty snapshot.
    public init() {}
}

/// A conversation a sync could not fetch.
public struct SyncFailure: Sendable, Hashable {
    /// The conversation id.
    public var id: String
    /// The title the list gave.
    public var title: String?
    /// Why (one line).
    public var reason: String
    /// The list it was on.
    public var list: SyncList
    /// The list's `update_time`, if any.
    var updateTime: Double?

    /// Creates a failure.
    public init(id: String, title: String?, reason: String, list: SyncList, updateTime: Double? = nil) {
        self.id = id
        self.title = title
        self.reason = reason
        self.list = list
        self.updateTime = updateTime
    }
}

/// Why a list walk ended.
public enum SyncWalkEnd: String, Sendable, Hashable {
    /// An empty or short page: the end of the list.
    case end
    /// Reached conversations the last complete walk covered.
    case caughtUp = "caught-up"
    /// Reached conversations older than `since`.
    case since
    /// Cancelled or stopped by an error.
    case stopped
}

/// What a sync did.
public struct SyncReport: Sendable, Hashable {
    /// One list walk.
    public struct Walk: Sendable, Hashable {
        /// The list.
        public var list: SyncList
        /// Pages read.
        public var pages: Int
        /// Distinct conversations listed.
        public var listed: Int
        /// Why the walk ended.
        public var end: SyncWalkEnd
        /// Whether the walk covered what it had to with no failure (the next run may stop
        /// at what this one saw).
        public var completed: Bool
        /// Whether the previous walk of this list had not completed (this one walked on past
        /// where it stopped).
        public var resumed: Bool
    }

    /// Why a sync stopped before its end.
    public enum Stop: Sendable, Hashable {
        /// Cancelled (Ctrl-C).
        case cancelled
        /// An error no retry mends: a 401, a list that cannot be read, a long `Retry-After`.
        case error(String)
    }

    /// The archive source the conversations were stored under.
    public var source: String
    /// The list walks, in order.
    public var walks: [Walk] = []
    /// New conversations stored.
    public var inserted = 0
    /// Stored conversations replaced with a newer copy.
    public var updated = 0
    /// Listed conversations not fetched (current, or older than `since`).
    public var skipped = 0
    /// Conversations that could not be fetched, in the order they failed.
    public var failures: [SyncFailure] = []
    /// Requests retried.
    public var retries = 0
    /// Seconds the sync took.
    public var seconds = 0.0
    /// Why it stopped early, or nil when it ran to its end.
    public var stop: Stop?

    /// Conversations fetched and stored.
    public var fetched: Int { inserted + updated }
    /// List pages read.
    public var pages: Int { walks.reduce(0) { $0 + $1.pages } }
    /// Distinct conversations listed (per list).
    public var listed: Int { walks.reduce(0) { $0 + $1.listed } }
    /// Whether every list was walked and every conversation fetched.
    public var succeeded: Bool { stop == nil && failures.isEmpty }

    /// Creates an empty report.
    public init(source: String) {
        self.source = source
    }
}
