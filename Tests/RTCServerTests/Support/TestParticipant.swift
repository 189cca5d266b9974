import Foundation
import Logging
import NIOCore
import NIOPosix
import RTCAudio
import RTCSignaling
import RTCTransport
import NIOConcurrencyHelpers
import Testing
import RTCServer

@testable import RTCEngine

/// A real client for end-to-end tests, built from the engine's own transport pieces: a signaling
/// WebSocket and a media path (ICE, DTLS, SRTP over UDP) to a real server.
final class TestParticipant: Sendable {
    let userId: String
    let signaling: SignalingClient
    let joinAnswer: JoinAnswer
    let certificate: DTLSCertificate
    let localICE: ICEParameters
    private let mediaBox = NIOLockedValueBox<MediaTransport?>(nil)
    private let eventLog = NIOLockedValueBox<[ServerMessage]>([])
    private let eventTask: NIOLockedValueBox<Task<Void, Never>?> = NIOLockedValueBox(nil)
    private let pingTask: NIOLockedValueBox<Task<Void, Never>?> = NIOLockedValueBox(nil)

    var media: MediaTransport? { mediaBox.withLockedValue { $0 } }

    static let app = AppCredential(sdkAppId: 1_400_000_001, secretKey: "e2e-secret-key-0123456789abcdef")

    /// Joins `room` on the server at `url` (signaling only; call `connectMedia` for the media path).
    init(
        url: String, userId: String, roomId: UInt32 = 1234, strRoomId: String = "", role: UserRole = .anchor,
        scene: AppScene = .audioCall, app: AppCredential = TestParticipant.app, userSig: String? = nil, resume: String? = nil
    ) async throws {
        self.userId = userId
        certificate = try DTLSCertificate.generate()
        localICE = ICEParameters(ufrag: "u" + String(UInt32.random(in: 1000...9999)), pwd: "p0123456789abcdefghijklmnop")
        signaling = try await SignalingClient.connect(url: url, group: MultiThreadedEventLoopGroup.singleton, logger: Logger(label: "test.\(userId)"))
        let sig = userSig ?? UserSigIssuer(sdkAppId: app.sdkAppId, secretKey: app.secretKey).generate(userId: userId)
        let join = JoinRequest(
            sdkAppId: app.sdkAppId, userId: userId, userSig: sig, roomId: roomId, strRoomId: strRoomId, role: role,
            scene: scene, ice: localICE, dtls: DTLSParameters(fingerprint: certificate.fingerprint.description, setup: .active),
            client: ClientInfo(sdk: "rtcengine-tests", version: "1"), resume: resume)
        let answer = try await signaling.request(.join(join), timeout: .seconds(20))
        guard case .joinOK(let joined) = answer else { throw TestFailure("unexpected answer \(answer)") }
        joinAnswer = joined
        let task = Task { [self] in
            for await event in signaling.events { eventLog.withLockedValue { $0.append(event) } }
        }
        let heartbeat = Duration.milliseconds(joined.heartbeatMs)
        let pinger = Task { [signaling] in
            while !Task.isCancelled, !signaling.isClosed {
                signaling.send(.ping(Ping(ts: Int64(Date().timeIntervalSince1970 * 1000))))
                try? await Task.sleep(for: heartbeat)
            }
        }
        eventTask.withLockedValue { $0 = task }
        pingTask.withLockedValue { $0 = pinger }
    }

    /// The media port `join.ok` named: that of the media thread holding this participant's room.
    func mediaTarget() throws -> UDPAddress {
        guard let candidate = joinAnswer.server.candidates.first else { throw TestFailure("no candidate") }
        return try UDPAddress(host: candidate.ip, port: candidate.port)
    }

    /// Runs ICE and DTLS to the server's candidate; returns the negotiated SRTP profile.
    @discardableResult
    func connectMedia() async throws -> SRTPProfile {
        guard let candidate = joinAnswer.server.candidates.first else { throw TestFailure("no candidate") }
        let transport = try await MediaTransport.open(
            group: MultiThreadedEventLoopGroup.singleton, candidate: candidate, localICE: localICE,
            serverICE: joinAnswer.server.ice, serverFingerprint: try DTLSFingerprint(parsing: joinAnswer.server.dtls.fingerprint),
            context: try DTLSContext(certificate: certificate), logger: Logger(label: "test.media"))
        mediaBox.withLockedValue { $0 = transport }
        return try await transport.connect(heartbeat: .milliseconds(Int64(joinAnswer.heartbeatMs)), timeout: .seconds(20))
    }

    /// Copies made under the lock (`map`), here and below: a buffer shared with the recording thread would be
    /// freed by whichever thread lets go last, ordered only by the runtime's atomics, which TSan cannot see.
    /// Every event received so far.
    var events: [ServerMessage] { eventLog.withLockedValue { $0.map { $0 } } }

    /// Waits until an event matching `predicate` has arrived; returns it.
    @discardableResult
    func waitForEvent(
        timeout: Duration = .seconds(20), _ description: String = "event", where predicate: (ServerMessage) -> Bool
    ) async throws -> ServerMessage {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let event = events.first(where: predicate) { return event }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestFailure("no \(description) within \(timeout); got \(events)")
    }

    /// Waits for `userLeft` about `userId` and returns its reason.
    func waitForLeave(of userId: String, timeout: Duration = .seconds(20)) async throws -> LeaveReason {
        let event = try await waitForEvent(timeout: timeout, "userLeft(\(userId))") {
            if case .userLeft(let left) = $0 { left.userId == userId } else { false }
        }
        guard case .userLeft(let left) = event else { throw TestFailure("unreachable") }
        return left.reason
    }

    /// Sends `leave` and waits for its answer.
    func leave() async throws {
        _ = try await signaling.request(.leave)
    }

    /// Closes everything without a leave packet, as a crashed client would.
    func vanish() async {
        pingTask.withLockedValue { $0?.cancel() }
        signaling.close()
        await media?.close()
    }

    /// Closes both paths after a test.
    func close() async {
        signaling.close()
        await media?.close()
        eventTask.withLockedValue { $0?.cancel() }
        pingTask.withLockedValue { $0?.cancel() }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
