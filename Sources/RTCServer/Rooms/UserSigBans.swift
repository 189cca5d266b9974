import Foundation
import NIOConcurrencyHelpers

/// The UserSigs RemoveUser refused, shared by every media thread's core: a ban made in a room on one
/// thread holds for a join to any room. Keyed by what a sig signs (`UserSig.signedContent`), so a
/// re-encoded copy of a banned sig is banned too; each entry lasts until the sig expires. Joins and
/// REST calls take the lock, the packet path never does.
final class UserSigBans: Sendable {
    private let bans = NIOLockedValueBox<[String: Int64]>([:])

    /// Refuses `signedContent` until `expiresAt` (unix seconds), and drops bans that have run out.
    func ban(_ signedContent: String, until expiresAt: Int64, now: Int64 = Int64(Date().timeIntervalSince1970)) {
        bans.withLockedValue { bans in
            bans[signedContent] = expiresAt
            bans = bans.filter { $0.value > now }
        }
    }

    /// Whether `signedContent` is refused at `now` (unix seconds).
    func isBanned(_ signedContent: String, now: Int64 = Int64(Date().timeIntervalSince1970)) -> Bool {
        bans.withLockedValue { ($0[signedContent] ?? 0) > now }
    }
}
